import { z } from "zod";
import { addDays, isRealDay, networkDayOf, networkToday, parseNetworkLocal } from "@/lib/time/network-day";
import { described, typeMessage, type DayBound, type DayRange } from "@/lib/validation/field-info";
import { isBlankText } from "@/lib/validation/text";

export type { DayRange } from "@/lib/validation/field-info";

/**
 * Plausible ranges for a day a person enters. "today" is the network's day at validation time;
 * a number is days from today (e.g. 3650 = ten years ahead).
 */
/** Clinical events in the network: nothing before 2000, nothing in the future. */
export const CLINICAL_DAY: DayRange = { earliest: "2000-01-01", latest: "today" };
/** Planning dates (study start, ethics approval): from 2000 up to ten years ahead. */
export const PLANNING_DAY: DayRange = { earliest: "2000-01-01", latest: 3650 };
/** Report filters: any day the portal could hold data for, up to a year ahead. */
export const FILTER_DAY: DayRange = { earliest: "2000-01-01", latest: 366 };

/** A bound of a range as a day (YYYY-MM-DD), "today" and offsets resolved in the network's clock. */
export function resolveDayBound(b: DayBound, today: string = networkToday()): string {
  if (b === "today") return today;
  if (typeof b === "number") return addDays(today, b);
  return b;
}

function checkDay(v: string, ctx: z.RefinementCtx, r: DayRange): string | typeof z.NEVER {
  const s = v.trim();
  if (!isRealDay(s)) {
    ctx.addIssue({ code: "custom", message: "validation.date" });
    return z.NEVER;
  }
  const [lo, hi] = [resolveDayBound(r.earliest), resolveDayBound(r.latest)];
  if (s < lo || s > hi) {
    ctx.addIssue({ code: "custom", message: "validation.dateRange", params: { earliest: lo, latest: hi } });
    return z.NEVER;
  }
  return s;
}

const dayString = () => z.string({ error: typeMessage("validation.date") }).max(40, { message: "validation.date" });

/** A required YYYY-MM-DD day within its field's plausible range. */
export function dayField(r: DayRange = CLINICAL_DAY) {
  return described(
    z.preprocess((v) => (isBlankText(v) ? undefined : v), dayString().transform((v, ctx) => checkDay(v, ctx, r))),
    { kind: "day", range: r },
  );
}

/** An optional day: absent, null or blank is null. */
export function optionalDayField(r: DayRange = CLINICAL_DAY) {
  return described(
    z.preprocess((v) => (isBlankText(v) ? null : v), dayString().transform((v, ctx) => checkDay(v, ctx, r)).nullable()),
    { kind: "day", range: r },
  );
}

/**
 * A moment stated in the network's local time ("YYYY-MM-DDTHH:mm", a datetime-local input) or
 * a full ISO string (a stored value sent back), as an ISO string; its network day within the range.
 */
export function networkDateTimeField(r: DayRange = CLINICAL_DAY) {
  return described(
    z.preprocess(
      (v) => (isBlankText(v) ? undefined : v),
      z
        .string({ error: typeMessage("validation.dateTime") })
        .max(40, { message: "validation.dateTime" })
        .transform((raw, ctx) => {
          const v = raw.trim();
          const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v);
          const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v);
          const t = local ? parseNetworkLocal(v) : iso && isRealDay(v.slice(0, 10)) ? Date.parse(v) : Number.NaN;
          if (Number.isNaN(t)) {
            ctx.addIssue({ code: "custom", message: "validation.dateTime" });
            return z.NEVER;
          }
          const at = new Date(t);
          const day = networkDayOf(at);
          const [lo, hi] = [resolveDayBound(r.earliest), resolveDayBound(r.latest)];
          if (day < lo || day > hi) {
            ctx.addIssue({ code: "custom", message: "validation.dateRange", params: { earliest: lo, latest: hi } });
            return z.NEVER;
          }
          return at.toISOString();
        }),
    ),
    { kind: "dateTime", range: r },
  );
}
