import type { ItemValue } from "@/lib/crf/entry/types";

/**
 * A form's stored values and missing codes as one entry per item path ("weight",
 * "lesions.2.diameter"): a value, or { missing: code }. What per-value history, changed paths
 * and audit before/after compare.
 */
export function flattenValues(values: Readonly<Record<string, unknown>>, missing: Readonly<Record<string, string>> = {}): Record<string, ItemValue | { missing: string }> {
  const out: Record<string, ItemValue | { missing: string }> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) out[k] = v as string[];
    else if (Array.isArray(v)) {
      v.forEach((row, i) => {
        if (typeof row !== "object" || row === null) return;
        for (const [name, x] of Object.entries(row as Record<string, unknown>)) {
          if (typeof x === "string" || (Array.isArray(x) && x.every((y) => typeof y === "string"))) out[`${k}.${i + 1}.${name}`] = x as ItemValue;
        }
      });
    }
  }
  for (const [path, code] of Object.entries(missing)) out[path] = { missing: code };
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The item paths whose value or missing code differs between two saves, sorted. */
export function changedPaths(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !same(before[k], after[k])).sort();
}
