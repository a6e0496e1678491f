import { isRealDay } from "@/lib/time/network-day";

/**
 * Dates for datediff(), as REDCap computes them: item values are ISO (YYYY-MM-DD,
 * YYYY-MM-DD HH:mm[:ss], HH:mm for a time item); a literal may also be written in the format named
 * by datediff's fourth argument ("mdy", "dmy"). Values are wall-clock readings of the same
 * network clock, so they are compared as they read, without a time zone.
 */
export const DATE_UNITS = ["y", "M", "d", "h", "m", "s"] as const;
export type DateUnit = (typeof DATE_UNITS)[number];
export const DATE_FORMATS = ["ymd", "mdy", "dmy"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const DAY_MS = 86_400_000;
/** REDCap's lengths: a year of 365.2425 days, a month of 30.44 days; results are not truncated. */
const UNIT_MS: Record<DateUnit, number> = {
  y: 365.2425 * DAY_MS,
  M: 30.44 * DAY_MS,
  d: DAY_MS,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
};

export type Moment = { kind: "date" | "datetime" | "time"; ms: number };

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function timeMs(t: string): number | undefined {
  const m = TIME.exec(t);
  if (!m) return undefined;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return ((h * 60 + mi) * 60 + s) * 1000;
}

function dayMs(day: string, format: DateFormat): number | undefined {
  let iso = day;
  if (!/^\d{4}-/.test(day) && format !== "ymd") {
    const m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(day);
    if (!m) return undefined;
    const [month, date] = format === "mdy" ? [m[1], m[2]] : [m[2], m[1]];
    iso = `${m[3]}-${month.padStart(2, "0")}-${date.padStart(2, "0")}`;
  }
  return isRealDay(iso) ? Date.parse(`${iso}T00:00:00Z`) : undefined;
}

export function parseMoment(raw: string, format: DateFormat = "ymd"): Moment | undefined {
  const s = raw.trim();
  const onlyTime = timeMs(s);
  if (onlyTime !== undefined) return { kind: "time", ms: onlyTime };
  const [day, time, extra] = s.split(/[ T]/);
  if (extra !== undefined) return undefined;
  const d = dayMs(day, format);
  if (d === undefined) return undefined;
  if (time === undefined) return { kind: "date", ms: d };
  const t = timeMs(time);
  return t === undefined ? undefined : { kind: "datetime", ms: d + t };
}

/** (b − a) in `unit`; its absolute value unless `signed`. Undefined when a side is not a date. */
export function dateDiff(a: Moment, b: Moment, unit: DateUnit, signed: boolean): number | undefined {
  if ((a.kind === "time") !== (b.kind === "time")) return undefined;
  const diff = (b.ms - a.ms) / UNIT_MS[unit];
  return signed ? diff : Math.abs(diff);
}

export function isDateUnit(u: string): u is DateUnit {
  return (DATE_UNITS as readonly string[]).includes(u);
}

export function isDateFormat(f: string): f is DateFormat {
  return (DATE_FORMATS as readonly string[]).includes(f);
}
