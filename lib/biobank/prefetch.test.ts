import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The biobank pages are long lists of links (search results, boxes, transfers, aliquot trees):
// each visible <Link> would otherwise prefetch its page. The tabs (six fixed links) may.
const ROOT = path.resolve(import.meta.dirname, "../../app/(portal)/biobank");
const MAY_PREFETCH = new Set(["_components/biobank-tabs.tsx"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".tsx") ? [p] : [];
  });
}

/** Each `<Link …>` opening tag of a file (up to its closing `>` outside braces). */
function linkTags(src: string): string[] {
  const tags: string[] = [];
  for (let i = src.indexOf("<Link"); i >= 0; i = src.indexOf("<Link", i + 1)) {
    if (!/[\s>]/.test(src[i + 5] ?? "")) continue;
    let depth = 0;
    let j = i;
    for (; j < src.length; j++) {
      if (src[j] === "{") depth++;
      else if (src[j] === "}") depth--;
      else if (src[j] === ">" && depth === 0) break;
    }
    tags.push(src.slice(i, j + 1));
  }
  return tags;
}

describe("biobank pages do not prefetch their lists of links", () => {
  it("every <Link> in app/(portal)/biobank has prefetch={false} (tabs excepted)", () => {
    const offenders: string[] = [];
    let seen = 0;
    for (const f of files(ROOT)) {
      const rel = path.relative(ROOT, f).split(path.sep).join("/");
      if (MAY_PREFETCH.has(rel)) continue;
      for (const tag of linkTags(readFileSync(f, "utf8"))) {
        seen++;
        if (!tag.includes("prefetch={false}")) offenders.push(`${rel}: ${tag.replace(/\s+/g, " ").slice(0, 100)}`);
      }
    }
    expect(seen).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});

describe("the other long lists do not prefetch either", () => {
  const APP = path.resolve(import.meta.dirname, "../../app/(portal)");
  const LISTS = [
    "users/page.tsx",
    "centres/page.tsx",
    "centres/_components/centre-tree.tsx",
    "centres/[code]/_components/centre-children.tsx",
    "centres/[code]/_components/centre-users.tsx",
    "follow-up/page.tsx",
    "follow-up/saes/page.tsx",
    "follow-up/_components/query-list.tsx",
    "studies/page.tsx",
    "studies/[code]/screening/page.tsx",
    "studies/[code]/participants/_components/participant-table.tsx",
  ];
  it.each(LISTS)("every <Link> in %s has prefetch={false}", (rel) => {
    const tags = linkTags(readFileSync(path.join(APP, rel), "utf8"));
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.filter((t) => !t.includes("prefetch={false}"))).toEqual([]);
  });
});
