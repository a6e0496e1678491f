import Papa from "papaparse";
import { DICTIONARY_COLUMNS, DICTIONARY_KEYS, type DictionaryProblem, type DictionaryRow } from "@/lib/crf/dictionary/columns";

/** At most this many fields in one dictionary (REDCap's large projects have a few thousand). */
export const MAX_DICTIONARY_ROWS = 3000;

/**
 * A REDCap data dictionary CSV as rows (browser-safe: the import page parses the file, the
 * server validates every cell again). The header must be REDCap's 18 columns, in order; a
 * byte-order mark is dropped; blank lines are skipped.
 */
export function parseDictionaryCsv(text: string): { rows: DictionaryRow[]; problems: DictionaryProblem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const problems: DictionaryProblem[] = [];
  for (const e of parsed.errors) problems.push({ row: (e.row ?? 0) + 1, column: "", key: "crf.dictionary.problems.csv", params: { detail: e.code } });
  const [header, ...body] = parsed.data;
  if (!header) return { rows: [], problems: [{ row: 1, column: "", key: "crf.dictionary.problems.empty" }] };
  DICTIONARY_COLUMNS.forEach(([, name], i) => {
    if ((header[i] ?? "").trim() !== name) problems.push({ row: 1, column: name, key: "crf.dictionary.problems.header", params: { expected: name, found: header[i] ?? "" } });
  });
  if (header.length > DICTIONARY_COLUMNS.length) problems.push({ row: 1, column: "", key: "crf.dictionary.problems.extraColumns", params: { count: header.length } });
  if (body.length > MAX_DICTIONARY_ROWS) problems.push({ row: MAX_DICTIONARY_ROWS + 2, column: "", key: "crf.dictionary.problems.tooManyRows", params: { max: MAX_DICTIONARY_ROWS } });
  const rows = body.slice(0, MAX_DICTIONARY_ROWS).map((cells, i) => {
    if (cells.length !== DICTIONARY_COLUMNS.length) problems.push({ row: i + 2, column: "", key: "crf.dictionary.problems.cellCount", params: { count: cells.length, expected: DICTIONARY_COLUMNS.length } });
    return Object.fromEntries(DICTIONARY_KEYS.map((k, c) => [k, cells[c] ?? ""])) as DictionaryRow;
  });
  return { rows, problems };
}

/** Rows as a REDCap data dictionary CSV (header, every cell quoted where needed, CRLF as REDCap writes). */
export function dictionaryToCsv(rows: readonly DictionaryRow[]): string {
  return Papa.unparse({ fields: DICTIONARY_COLUMNS.map(([, h]) => h), data: rows.map((r) => DICTIONARY_KEYS.map((k) => r[k])) }, { newline: "\r\n" });
}
