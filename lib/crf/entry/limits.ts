import type { ItemDef } from "@/lib/crf/design";
import { valueKind } from "@/lib/crf/entry/normalise";
import type { EntryError } from "@/lib/crf/entry/types";

type Clock = { today: string; now?: string };

/** A limit in the value's own terms: numbers as numbers, days/times as their sortable text ("today"/"now" resolved). */
function limitValue(kind: string, limit: string, clock: Clock): number | string | null {
  if (kind === "integer" || kind === "number") {
    const n = Number(limit);
    return limit.trim() !== "" && Number.isFinite(n) ? n : null;
  }
  if (kind === "date") return limit === "today" ? clock.today : limit.slice(0, 10);
  if (kind === "datetime") return limit === "now" ? (clock.now ?? `${clock.today} 23:59`) : limit === "today" ? `${clock.today} 00:00` : limit;
  if (kind === "time" || kind === "mmss") return limit;
  return null;
}

function asComparable(kind: string, value: string): number | string | null {
  if (kind === "integer" || kind === "number") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return kind === "date" || kind === "datetime" || kind === "time" || kind === "mmss" ? value : null;
}

/** Whether value lies outside [min, max] (either may be absent), compared as the item's kind. */
function outside(kind: string, value: string, min: string | null, max: string | null, clock: Clock): boolean {
  const v = asComparable(kind, value);
  if (v === null) return false;
  const lo = min === null ? null : limitValue(kind, min, clock);
  const hi = max === null ? null : limitValue(kind, max, clock);
  // A datetime compared with a day-only bound compares its day.
  const cmp = (a: number | string, b: number | string) => (typeof a === "string" && typeof b === "string" && b.length < a.length ? a.slice(0, b.length) : a);
  if (lo !== null && cmp(v, lo) < lo) return true;
  if (hi !== null && cmp(v, hi) > hi) return true;
  return false;
}

const range = (min: string | null, max: string | null) => ({ min: min ?? "", max: max ?? "" });

/**
 * A stored value against its item's limits: outside the hard limits it is refused
 * ("crf.entry.errors.hardLimit"), outside the soft limits it needs a confirmation
 * ("crf.entry.errors.softLimit"); both name the range.
 */
export function checkLimits(item: ItemDef, value: string, clock: Clock): { hard?: EntryError; soft?: EntryError } {
  const kind = valueKind(item);
  const out: { hard?: EntryError; soft?: EntryError } = {};
  if ((item.hardMin !== null || item.hardMax !== null) && outside(kind, value, item.hardMin, item.hardMax, clock)) {
    out.hard = { key: "crf.entry.errors.hardLimit", params: range(item.hardMin, item.hardMax) };
  } else if ((item.softMin !== null || item.softMax !== null) && outside(kind, value, item.softMin, item.softMax, clock)) {
    out.soft = { key: "crf.entry.errors.softLimit", params: range(item.softMin, item.softMax) };
  }
  return out;
}
