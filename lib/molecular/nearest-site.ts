/** A centre as placed in the network: its tree path ("/1/4/17/") and where it is. */
export type PlacedCentre = { id: number; code: string; path: string; province: string; city: string };

/** How close a participating site is to the patient's centre. */
export type Nearness = "own" | "city" | "province" | "network";

const sharedDepth = (a: string, b: string) => {
  const x = a.split("/").filter(Boolean);
  const y = b.split("/").filter(Boolean);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
};

function nearness(from: PlacedCentre, to: PlacedCentre): Nearness {
  if (from.id === to.id) return "own";
  if (from.province === to.province && from.city === to.city) return "city";
  if (from.province === to.province) return "province";
  return "network";
}

const RANK: Record<Nearness, number> = { own: 0, city: 1, province: 2, network: 3 };

/**
 * The participating site a patient would go to: the study's site at their own centre; else one
 * in the same city, then the same province; ties (and sites further away) go to the site sharing
 * the most of the centre tree with the patient's centre (the same regional or sub-centre), then
 * the lowest centre code. Null when the study has no open site.
 */
export function nearestSite<S extends { centre: PlacedCentre }>(from: PlacedCentre, sites: readonly S[]): { site: S; nearness: Nearness } | null {
  let best: { site: S; nearness: Nearness; depth: number } | null = null;
  for (const site of sites) {
    const n = nearness(from, site.centre);
    const depth = sharedDepth(from.path, site.centre.path);
    const better =
      best === null ||
      RANK[n] < RANK[best.nearness] ||
      (RANK[n] === RANK[best.nearness] && (depth > best.depth || (depth === best.depth && site.centre.code < best.site.centre.code)));
    if (better) best = { site, nearness: n, depth };
  }
  return best && { site: best.site, nearness: best.nearness };
}
