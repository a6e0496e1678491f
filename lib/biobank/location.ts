/**
 * Where a specimen sits, written one way everywhere (search, detail page, labels, transfers,
 * box pages, custody entries): the storing centre, then freezer / rack / box / position, as
 * "TJ01 / F1 / R2 / B03 / A1". Pure and browser-safe.
 */
export const LOCATION_SEPARATOR = " / ";
const SEPARATOR = LOCATION_SEPARATOR;

/** "A3": rows are letters, columns numbers, as printed on the box. */
export function positionLabel(row: number, col: number): string {
  return `${String.fromCharCode(64 + row)}${col}`;
}

/** A path down the storage tree (centre, freezer, rack, box …), e.g. "TJ01 / F1 / R2". */
export function storagePath(...codes: string[]): string {
  return codes.join(SEPARATOR);
}

/** A box's place: its centre, freezer, rack and own code. */
export type BoxPlace = { storeCode: string; freezerCode: string; rackCode: string; boxCode: string };

/** The storage columns a read selects for a specimen (all null when it is in no box). */
export type StoragePlace = {
  storeCode: string | null;
  freezerCode: string | null;
  rackCode: string | null;
  boxCode: string | null;
  posRow: number | null;
  posCol: number | null;
};

export function boxPath(b: BoxPlace): string {
  return storagePath(b.storeCode, b.freezerCode, b.rackCode, b.boxCode);
}

/** The full location of a stored specimen; null when it is not in a box. */
export function specimenLocation(p: StoragePlace): string | null {
  if (p.storeCode == null || p.freezerCode == null || p.rackCode == null || p.boxCode == null || p.posRow == null || p.posCol == null) return null;
  return storagePath(boxPath({ storeCode: p.storeCode, freezerCode: p.freezerCode, rackCode: p.rackCode, boxCode: p.boxCode }), positionLabel(p.posRow, p.posCol));
}

/** A read's row with its storage columns replaced by the one location string. */
export function withLocation<T extends StoragePlace>(row: T): Omit<T, keyof StoragePlace> & { location: string | null } {
  const { storeCode, freezerCode, rackCode, boxCode, posRow, posCol, ...rest } = row;
  return { ...rest, location: specimenLocation({ storeCode, freezerCode, rackCode, boxCode, posRow, posCol }) };
}
