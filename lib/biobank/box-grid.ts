import { positionLabel } from "@/lib/biobank/location";

export type BoxOccupant = { row: number; col: number; barcode: string; type: string; status: string };

/**
 * One position of a box grid and what a click on it does: "open" the specimen sitting there,
 * "place" the specimen being placed into it (an empty cell while placing), or nothing.
 */
export type GridCell = { row: number; col: number; position: string; occupant: BoxOccupant | null; action: "open" | "place" | "none" };

/** The box as rows of cells (A1 top left); `placing` is the barcode being placed, if any. */
export function boxGridLayout(box: { rows: number; cols: number; cells: BoxOccupant[] }, placing: string | null): GridCell[][] {
  const at = new Map(box.cells.map((c) => [`${c.row}:${c.col}`, c]));
  return Array.from({ length: box.rows }, (_, r) =>
    Array.from({ length: box.cols }, (_, c) => {
      const occupant = at.get(`${r + 1}:${c + 1}`) ?? null;
      const action = occupant ? "open" : placing ? "place" : "none";
      return { row: r + 1, col: c + 1, position: positionLabel(r + 1, c + 1), occupant, action };
    }),
  );
}
