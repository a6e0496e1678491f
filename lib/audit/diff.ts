/** One changed (or recorded) field of an audit event, values as compact JSON. */
export type DiffEntry = { key: string; before: string | null; after: string | null; changed: boolean };

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function show(v: unknown): string | null {
  if (v === undefined) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * A compact field-by-field view of before/after. Objects are compared key by key (changed keys
 * first); anything else is shown as a single "value" entry.
 */
export function diffEntries(before: unknown, after: unknown): DiffEntry[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before != null && !b) || (after != null && !a)) {
    const bs = show(before ?? undefined);
    const as = show(after ?? undefined);
    return [{ key: "value", before: bs, after: as, changed: bs !== as }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const entries = keys.map((key) => {
    const bv = show(b?.[key]);
    const av = show(a?.[key]);
    return { key, before: bv, after: av, changed: bv !== av };
  });
  return entries.sort((x, y) => Number(y.changed) - Number(x.changed));
}
