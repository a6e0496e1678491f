import type { Bilingual, FormDef } from "@/lib/crf/design";

/**
 * A repeating group of a form version (a table of rows: target lesions, doses, medications):
 * its items, by name, repeat in every row. Its rows are stored under the group's name as a list
 * of row records ({ item: value }).
 */
export type GroupDef = { name: string; label: Bilingual; maxRows: number; items: readonly string[] };

/** A form version as data entry needs it: its design and its repeating groups. */
export type EntryFormDef = FormDef & { groups?: readonly GroupDef[] };

/** One stored answer: text (numbers, dates, codes as canonical text) or the ticked codes of a checkbox. */
export type ItemValue = string | string[];
export type RowValues = Record<string, ItemValue>;

/** A message key (crf.entry.errors.*) with its parameters. */
export type EntryError = { key: string; params?: Record<string, string | number> };

export type RulesInput = {
  /** item name → value; a group name → list of row records. Anything else is reported. */
  values: Readonly<Record<string, unknown>>;
  /** item path ("weight", "lesions.2.diameter") → missing-data code (ND, UNK, NA). */
  missing?: Readonly<Record<string, unknown>>;
  /**
   * The event being entered, and the participant's stored values by event for `[event][item]`;
   * under the entered event's own name, its other forms' values (read by plain `[item]`).
   */
  event?: string;
  otherEvents?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The network's day (YYYY-MM-DD) and local time (YYYY-MM-DD HH:mm): "today"/"now" in limits and logic. */
  today: string;
  now?: string;
  /** Required items are checked only when the form is marked complete. */
  complete?: boolean;
  /** Paths whose soft-limit breach the user confirmed. */
  confirmedSoft?: readonly string[];
};

export type RulesResult = {
  /** The values to store: normalised, blanks left out, hidden items dropped, calculations recomputed. */
  values: Record<string, ItemValue | RowValues[]>;
  /** The missing-data codes to store (visible items only). */
  missing: Record<string, string>;
  /** Paths of the items shown (a group item once per row: "lesions.1.diameter"). */
  visible: string[];
  /** Paths given a value or code that branching hides (dropped from `values`/`missing`). */
  dropped: string[];
  /** Refusals by path: bad values, hard limits, required, unknown items, unconfirmed soft limits. */
  errors: Record<string, EntryError>;
  /** Every soft-limit breach by path (confirmed or not), with the expected range. */
  softBreaches: Record<string, EntryError>;
};
