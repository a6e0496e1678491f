/**
 * The one shape of a study's records outside the portal: what the analysis export writes and
 * the bulk import reads back. Long ("tidy") files, one per form: a row per participant × event ×
 * event repeat; a repeating group of a form gets its own file, a row per group row. Values are
 * raw codes (labels live in the dictionary and the scripts); missing-data codes sit in their
 * own column, never among the values.
 */

/** Columns that identify a form instance, first in every form file, in this order. */
export const FORM_KEY_COLUMNS = ["subject", "site", "event", "repeat", "form_version", "status"] as const;

/** Columns that identify a row of a repeating group, first in every group file, in this order. */
export const GROUP_KEY_COLUMNS = ["subject", "site", "event", "repeat", "row"] as const;

/** A checkbox item has one 0/1 column per choice, named as REDCap names them. */
export function checkboxColumn(item: string, code: string): string {
  return `${item}___${code}`;
}

/** The missing-data code of an item (ND, UNK, NA), beside its value column. */
export function missingColumn(item: string): string {
  return `${item}__missing`;
}

export function formFileName(form: string): string {
  return `${form}.csv`;
}

export function groupFileName(form: string, group: string): string {
  return `${form}__${group}.csv`;
}

/**
 * A cell holds the stored text of the value exactly (values are kept as REDCap raw text: numbers
 * as entered, days yyyy-mm-dd, date-times "yyyy-mm-dd HH:MM" in the network's zone, yes/no "1"/"0",
 * a choice its code); a checkbox choice is "1" or "0"; no value is an empty cell.
 */
export const EMPTY_CELL = "";

/**
 * The value column of an item, in a file whose key columns are `keys`: its own name, unless the
 * name is one of the key columns (a repeating-group item called `site`, a form item called
 * `status`), which gets the suffix `__item` so that every column of a file is unique.
 */
export function itemColumn(item: string, keys: readonly string[]): string {
  return keys.includes(item) ? `${item}__item` : item;
}
