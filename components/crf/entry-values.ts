import type { ItemValue, RowValues } from "@/lib/crf/entry/types";

/**
 * The answers being edited, keyed as the server stores them: an item name → its text or ticked
 * codes; a repeating group's name → its rows. Paths name one answer: "weight", or
 * "lesions.2.diameter" (row 2, from 1) inside a group.
 */
export type EntryValues = Record<string, ItemValue | RowValues[]>;

export type ParsedPath = { item: string; group?: { name: string; row: number } };

export function parsePath(path: string): ParsedPath {
  const parts = path.split(".");
  if (parts.length === 3) return { item: parts[2], group: { name: parts[0], row: Number(parts[1]) } };
  return { item: path };
}

export function rowsOf(values: Readonly<EntryValues>, group: string): RowValues[] {
  const rows = values[group];
  return Array.isArray(rows) && rows.every((r) => typeof r === "object" && r !== null && !Array.isArray(r)) ? (rows as RowValues[]) : [];
}

export function valueAt(values: Readonly<EntryValues>, path: string): ItemValue | undefined {
  const p = parsePath(path);
  if (!p.group) {
    const v = values[p.item];
    return typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string")) ? (v as ItemValue) : undefined;
  }
  return rowsOf(values, p.group.name)[p.group.row - 1]?.[p.item];
}

/** The values with one answer replaced ("" or [] removes it). */
export function withValue(values: Readonly<EntryValues>, path: string, v: ItemValue): EntryValues {
  const p = parsePath(path);
  const blank = v === "" || (Array.isArray(v) && v.length === 0);
  if (!p.group) {
    const next = { ...values };
    if (blank) delete next[p.item];
    else next[p.item] = v;
    return next;
  }
  const rows = rowsOf(values, p.group.name).map((r) => ({ ...r }));
  while (rows.length < p.group.row) rows.push({});
  const row = rows[p.group.row - 1];
  if (blank) delete row[p.item];
  else row[p.item] = v;
  return { ...values, [p.group.name]: rows };
}

export function withRowAdded(values: Readonly<EntryValues>, group: string): EntryValues {
  return { ...values, [group]: [...rowsOf(values, group), {}] };
}

/** The values without row `row` (from 1) of a group; the rows after it move up one. */
export function withRowRemoved(values: Readonly<EntryValues>, group: string, row: number): EntryValues {
  return { ...values, [group]: rowsOf(values, group).filter((_, i) => i !== row - 1) };
}

/**
 * Keys by path (missing codes, confirmations, errors) after row `row` of a group is removed:
 * that row's keys go, the later rows' keys are renumbered.
 */
export function pathsAfterRowRemoved<T>(byPath: Readonly<Record<string, T>>, group: string, row: number): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [path, v] of Object.entries(byPath)) {
    const p = parsePath(path);
    if (!p.group || p.group.name !== group) out[path] = v;
    else if (p.group.row < row) out[path] = v;
    else if (p.group.row > row) out[`${group}.${p.group.row - 1}.${p.item}`] = v;
  }
  return out;
}

/** Whether two sets of answers differ (the form has unsaved changes). */
export function sameAnswers(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== "" && x !== undefined && !(Array.isArray(x) && x.length === 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}
