import { describe, expect, it } from "vitest";
import { centreOptionLabel, compareCentreCodes, inTreeOrder } from "@/lib/network/centre-order";

/** Centre lists follow the tree, not the text of paths (issue 12, item 14: R03…R07, R01, R08, R02). */
describe("centres in the tree's order", () => {
  // Ids as the demo seed gives them: each regional centre is inserted before its hospitals, so
  // their ids (and paths) interleave and a text sort of paths scrambles the list.
  const row = (id: number, code: string, level: "hub" | "sub_centre" | "regional_centre" | "grassroots", parentId: number | null, path: string) => ({ id, code, level, parentId, path });
  const rows = [
    row(1, "TJ01", "hub", null, "/1/"),
    row(2, "SC01", "sub_centre", 1, "/1/2/"),
    row(3, "SC02", "sub_centre", 1, "/1/3/"),
    row(4, "R01", "regional_centre", 2, "/1/2/4/"),
    row(5, "R01G1", "grassroots", 4, "/1/2/4/5/"),
    row(6, "R01G10", "grassroots", 4, "/1/2/4/6/"),
    row(7, "R01G2", "grassroots", 4, "/1/2/4/7/"),
    row(13, "R02", "regional_centre", 2, "/1/2/13/"),
    row(14, "R02G1", "grassroots", 13, "/1/2/13/14/"),
    row(40, "R11", "regional_centre", 3, "/1/3/40/"),
  ];

  it("puts each centre before the centres under it, siblings by level then code in natural order", () => {
    const shuffled = [...rows].sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(shuffled.map((r) => r.code).slice(0, 4)).toEqual(["TJ01", "SC01", "R02", "R02G1"]); // what ordering by path text gave
    expect(inTreeOrder(shuffled).map((r) => r.code)).toEqual(["TJ01", "SC01", "R01", "R01G1", "R01G2", "R01G10", "R02", "R02G1", "SC02", "R11"]);
  });

  it("starts a branch for a centre whose parent is not in the list (a coordinator's subtree, a study's sites)", () => {
    const sites = rows.filter((r) => ["R02G1", "R01", "R01G2", "R11"].includes(r.code));
    // Branch roots by level then code: the regional centres R01 (with its R01G2) and R11, then the hospital R02G1.
    expect(inTreeOrder(sites).map((r) => r.code)).toEqual(["R01", "R01G2", "R11", "R02G1"]);
  });

  it("compares codes by their numbers", () => {
    expect(["R10", "R2", "R01G10", "R01G9"].sort(compareCentreCodes)).toEqual(["R01G9", "R01G10", "R2", "R10"]);
  });

  it("indents a select's option by the centre's level", () => {
    expect(centreOptionLabel({ code: "R01G1", level: "grassroots" }, "Baoding No. 1")).toBe("\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0R01G1 · Baoding No. 1");
    expect(centreOptionLabel({ code: "TJ01", level: "hub" }, "Hub")).toBe("TJ01 · Hub");
  });
});
