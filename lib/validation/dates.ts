import { z } from "zod";
import { addDays, isRealDay, networkToday, parseNetworkLocal } from "@/lib/time/network-day";

/**
 * Plausible ranges for a day a person enters. "today" is the network's day at validation time;
 * a number is days from today (e.g. 3650 = ten years ahead).
 */
type Bound = string | "today" | number;
type DayRange = { earliest: Bound; latest: Bound };

/** Clinical events in the network: nothing before 2000, nothing in the future. */
export const CLINICAL_DAY: DayRange = { earliest: "2000-01-01", latest: "today" };
/** Planning dates (study start, ethics approval): from 2000 up to ten years ahead. */
export const PLANNING_DAY: DayRange = { earliest: "2000-01-01", latest: 3650 };
/** Report filters: any day the portal could hold data for, up to a year ahead. */
export const FILTER_DAY: DayRange = { earliest: "2000-01-01", latest: 366 };

function bound(b: Bound): string {
  if (b === "today") return networkToday();
  if (typeof b === "number") return addDays(networkToday(), b);
  return b;
}

function checkDay(v: string, ctx: z.RefinementCtx, r: DayRange): string | typeof z.NEVER {
  const s = v.trim();
  if (!isRealDay(s)) {
    ctx.addIssue({ code: "custom", message: "validation.date" });
    return z.NEVER;
  }
  const [lo, hi] = [bound(r.earliest), bound(r.latest)];
  if (s < lo || s > hi) {
    ctx.addIssue({ code: "custom", message: "validation.dateRange", params: { earliest: lo, latest: hi } });
    return z.NEVER;
  }
  return s;
}

/** A required YYYY-MM-DD day within its field's plausible range. */
export function dayField(r: DayRange = CLINICAL_DAY) {
  return z.string({ message: "validation.required" }).max(40, { message: "validation.date" }).transform((v, ctx) => {
    if (v.trim() === "") {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return z.NEVER;
    }
    return checkDay(v, ctx, r);
  });
}

/** An optional day: absent or "" is null. */
export function optionalDayField(r: DayRange = CLINICAL_DAY) {
  return z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v),
    z.string({ message: "validation.date" }).max(40, { message: "validation.date" }).transform((v, ctx) => checkDay(v, ctx, r)).nullable(),
  );
}

/**
 * A moment stated in the network's local time ("YYYY-MM-DDTHH:mm", a datetime-local input) or
 * a full ISO string (a stored value sent back), as an ISO string; its day within the range.
 */
export function networkDateTimeField(r: DayRange = CLINICAL_DAY) {
  return z.string({ message: "validation.required" }).max(40, { message: "validation.dateTime" }).transform((raw, ctx) => {
    const v = raw.trim();
    if (!v) {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return z.NEVER;
    }
    const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v);
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v);
    const t = local ? parseNetworkLocal(v) : iso ? Date.parse(v) : Number.NaN;
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: "custom", message: "validation.dateTime" });
      return z.NEVER;
    }
    const at = new Date(t);
    const day = at.toISOString().slice(0, 10);
    const [lo, hi] = [bound(r.earliest), addDays(bound(r.latest), 1)];
    if (day < lo || day > hi) {
      ctx.addIssue({ code: "custom", message: "validation.dateRange", params: { earliest: lo, latest: bound(r.latest) } });
      return z.NEVER;
    }
    return at.toISOString();
  });
}
