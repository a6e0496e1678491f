/** A UTF-8 byte-order mark: spreadsheet programs and R's "UTF-8-BOM" read the file as UTF-8 by it. */
export const BOM = "\uFEFF";

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV cell (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled. */
export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line with its CRLF ending (what REDCap writes and every reader accepts). */
export function csvLine(cells: readonly string[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) {
    if (i) out += ",";
    out += csvCell(cells[i]);
  }
  return `${out}\r\n`;
}
