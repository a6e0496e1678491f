import Papa from "papaparse";

/** A column of an exported table: its header (already translated) and how to read a cell. */
export type CsvColumn<T> = { header: string; value: (row: T) => string | number | null };

/**
 * CSV text of a table, UTF-8 with a byte-order mark so spreadsheet programs read Chinese
 * correctly. Cells that a spreadsheet would run as a formula are quoted with a leading
 * apostrophe (CSV injection).
 */
export function toCsv<T>(rows: T[], columns: CsvColumn<T>[]): string {
  const data = rows.map((r) => columns.map((c) => cell(c.value(r))));
  return "\uFEFF" + Papa.unparse({ fields: columns.map((c) => c.header), data }, { newline: "\r\n" });
}

function cell(v: string | number | null): string | number {
  if (v === null) return "";
  if (typeof v === "number") return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A file name safe on every system: letters, digits, dash, underscore and dot. */
export function csvFileName(...parts: string[]): string {
  return `${parts.map((p) => p.replace(/[^A-Za-z0-9_-]+/g, "-")).filter(Boolean).join("_")}.csv`;
}
