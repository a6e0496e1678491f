import type { Paged } from "@/lib/reads/paging";
import type { FhirResource } from "@/lib/fhir/response";

export type BundleEntry = { resource: FhirResource; mode: "match" | "include" | "outcome" };

/**
 * A searchset Bundle: `total` counts the matches of all pages; self/first/previous/next/last
 * links repeat the request with `page` (and `_count`) set, so a client walks the pages it was given.
 */
export function searchset(opts: { base: string; url: URL; page: Paged<unknown>; entries: BundleEntry[] }): FhirResource {
  const { base, url, page, entries } = opts;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (relation: string, n: number) => {
    const u = new URL(url.toString());
    u.searchParams.set("_count", String(page.pageSize));
    u.searchParams.set("page", String(n));
    return { relation, url: u.toString() };
  };
  const links = [link("self", page.page), link("first", 1)];
  if (page.page > 1) links.push(link("previous", Math.min(page.page - 1, pages)));
  if (page.page < pages) links.push(link("next", page.page + 1));
  links.push(link("last", pages));
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: page.total,
    link: links,
    // FHIR JSON has no empty arrays: an empty page has no `entry` at all.
    ...(entries.length
      ? {
          entry: entries.map((e) => ({
            ...(e.resource.id ? { fullUrl: `${base}/${e.resource.resourceType}/${e.resource.id}` } : {}),
            resource: e.resource,
            search: { mode: e.mode },
          })),
        }
      : {}),
  };
}

/** The base of the FHIR endpoints as the client reached them (fullUrl of every entry). */
export function fhirBase(url: URL): string {
  return `${url.origin}/api/fhir/r4`;
}
