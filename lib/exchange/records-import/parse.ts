import Papa from "papaparse";

/**
 * Bounds of one import: the file as read, its rows (a form file, and each group file), its
 * columns, one cell, one physical line as it travels to the server, and group files per import.
 */
export const IMPORT_LIMITS = { bytes: 5 * 1024 * 1024, rows: 20_000, columns: 2000, cell: 10_000, line: 60_000, lines: 40_000, groups: 20 } as const;

/** One problem of an import, where a spreadsheet shows it: the file, its row (the header is row 1), the column. */
export type ImportProblem = {
  file: string;
  row: number;
  column: string;
  /** A message key (recordsImport.problems.* or crf.entry.errors.*) and its parameters. */
  key: string;
  params?: Record<string, string | number>;
  /** A warning (a soft-limit breach) may be imported once confirmed; an error refuses the import. */
  severity: "error" | "warning";
};

/** A data row of a CSV file: its row number and its cells by column. */
export type CsvRow = { row: number; cells: Record<string, string> };
export type CsvTable = { file: string; header: string[]; rows: CsvRow[] };

const BOM = "\uFEFF";

/**
 * A file's text as the lines it travels in (a blank line is null): the byte-order mark
 * removed, any line break. Lines inside a quoted cell travel as lines too and are joined again
 * with "\n" before parsing.
 */
export function fileLines(text: string): (string | null)[] {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const lines = body.split(/\r\n|\n|\r/);
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  return lines.map((l) => (l.trim() === "" ? null : l));
}

export const problem = (file: string, row: number, column: string, key: string, params?: Record<string, string | number>): ImportProblem => ({
  file,
  row,
  column,
  key: `recordsImport.problems.${key}`,
  ...(params ? { params } : {}),
  severity: "error",
});

/**
 * One CSV file (UTF-8, with or without BOM) as a header and rows, or the problems that stop
 * reading it: too large, too many rows or columns, a header with a blank or repeated name, a
 * row with more or fewer cells than the header, an over-long cell, a broken quote. Completely
 * blank rows are skipped (they keep their row number for the others).
 */
export function parseCsv(file: string, lines: readonly (string | null)[]): { table: CsvTable | null; problems: ImportProblem[] } {
  const text = lines.map((l) => l ?? "").join("\n");
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > IMPORT_LIMITS.bytes) return { table: null, problems: [problem(file, 1, "", "tooLarge", { max: IMPORT_LIMITS.bytes / 1024 / 1024 })] };
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: "," });
  const data = parsed.data;
  while (data.length && data[data.length - 1].every((c) => c.trim() === "")) data.pop();
  if (data.length === 0) return { table: null, problems: [problem(file, 1, "", "empty")] };
  if (data.length - 1 > IMPORT_LIMITS.rows) return { table: null, problems: [problem(file, 1, "", "tooManyRows", { max: IMPORT_LIMITS.rows })] };
  const header = data[0].map((h, i) => (i === 0 && h.startsWith(BOM) ? h.slice(BOM.length) : h).trim());
  if (header.length > IMPORT_LIMITS.columns) return { table: null, problems: [problem(file, 1, "", "tooManyColumns", { max: IMPORT_LIMITS.columns })] };
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === "") problems.push(problem(file, 1, `#${i + 1}`, "blankColumn"));
    else if (seen.has(h)) problems.push(problem(file, 1, h, "duplicateColumn"));
    seen.add(h);
  });
  for (const e of parsed.errors) {
    if (e.type === "Quotes") problems.push(problem(file, (e.row ?? 0) + 1, "", "brokenQuote"));
  }
  if (problems.length) return { table: null, problems };
  const rows: CsvRow[] = [];
  data.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    if (cells.length !== header.length) {
      problems.push(problem(file, row, "", "cellCount", { expected: header.length, found: cells.length }));
      return;
    }
    const record: Record<string, string> = {};
    header.forEach((h, k) => {
      const v = cells[k];
      if (v.length > IMPORT_LIMITS.cell) problems.push(problem(file, row, h, "cellTooLong", { max: IMPORT_LIMITS.cell }));
      record[h] = v.trim();
    });
    rows.push({ row, cells: record });
  });
  return { table: { file, header, rows }, problems };
}
