import { describe, expect, it } from "vitest";
import { boxGridLayout } from "@/lib/biobank/box-grid";
import { labelSheetHref, LABELS_PER_SHEET } from "@/lib/biobank/label-sheet";

const box = { rows: 2, cols: 3, cells: [{ row: 1, col: 2, barcode: "NB000000007", type: "plasma", status: "available" }] };

describe("the box grid", () => {
  it("lays out every position A1…B3, occupied cells open their specimen", () => {
    const grid = boxGridLayout(box, null);
    expect(grid.map((r) => r.map((c) => c.position))).toEqual([["A1", "A2", "A3"], ["B1", "B2", "B3"]]);
    expect(grid[0][1]).toMatchObject({ action: "open", occupant: { barcode: "NB000000007" } });
  });
  it("makes every empty cell a place-here target while a specimen is being placed, and none otherwise", () => {
    const placing = boxGridLayout(box, "NB000000009").flat();
    expect(placing.filter((c) => c.action === "place").map((c) => c.position)).toEqual(["A1", "A3", "B1", "B2", "B3"]);
    expect(boxGridLayout(box, null).flat().filter((c) => c.action === "place")).toEqual([]);
  });
});

describe("labels for new aliquots", () => {
  it("link to one label sheet with exactly those barcodes", () => {
    expect(labelSheetHref(["NB000000011", "NB000000012"])).toBe("/biobank/labels?barcodes=NB000000011,NB000000012");
    const many = Array.from({ length: 70 }, (_, i) => `NB${String(i + 1).padStart(9, "0")}`);
    expect(labelSheetHref(many).split(",")).toHaveLength(LABELS_PER_SHEET);
  });
});
