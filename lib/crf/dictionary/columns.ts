/** The 18 columns of a REDCap data dictionary, in REDCap's order, with the key each has here. */
export const DICTIONARY_COLUMNS = [
  ["name", "Variable / Field Name"],
  ["form", "Form Name"],
  ["section", "Section Header"],
  ["type", "Field Type"],
  ["label", "Field Label"],
  ["choices", "Choices, Calculations, OR Slider Labels"],
  ["note", "Field Note"],
  ["validation", "Text Validation Type OR Show Slider Number"],
  ["min", "Text Validation Min"],
  ["max", "Text Validation Max"],
  ["identifier", "Identifier?"],
  ["branching", "Branching Logic (Show field only if...)"],
  ["required", "Required Field?"],
  ["alignment", "Custom Alignment"],
  ["questionNumber", "Question Number (surveys only)"],
  ["matrixGroup", "Matrix Group Name"],
  ["matrixRanking", "Matrix Ranking?"],
  ["annotation", "Field Annotation"],
] as const;

export type DictionaryKey = (typeof DICTIONARY_COLUMNS)[number][0];
/** One row of a dictionary as text, every column present ("" when empty). */
export type DictionaryRow = Record<DictionaryKey, string>;

export const DICTIONARY_KEYS: readonly DictionaryKey[] = DICTIONARY_COLUMNS.map(([k]) => k);

export function headerOf(key: DictionaryKey): string {
  return DICTIONARY_COLUMNS.find(([k]) => k === key)![1];
}

/** A problem of a dictionary, where a person finds it: the CSV line (the header is line 1) and the column's header. */
export type DictionaryProblem = { row: number; column: string; key: string; params?: Record<string, string | number> };

/** The CSV line of the row at index i of the data rows. */
export const csvLine = (i: number) => i + 2;
