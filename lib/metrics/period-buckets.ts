import { addDays } from "@/lib/time/network-day";

/*
 * How a period of days is read from the facts (db/schema/metrics-facts.ts): every fact is
 * counted in its day, its month, its year and in all time, so a period is the few whole years,
 * whole months and single days that tile it exactly, each day once. 2025-03-15..2026-12-31 is
 * days 15–31 March, months April–December 2025 and the year 2026: 19 buckets per centre and
 * study, however many rows happened in them. "Everything up to a day" that is recent is all
 * time less the buckets after that day — none when it is today. Pure, so the tiling itself is
 * tested (period-buckets.test.ts).
 */

export const GRAIN = { all: 0, day: 1, month: 2, year: 3 } as const;
export type Grain = (typeof GRAIN)[keyof typeof GRAIN];

/** Buckets of one grain whose first day lies in [from, until): `from` null means from the beginning. */
export type BucketRange = { grain: Grain; from: string | null; until: string };

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const yearStart = (d: string) => `${d.slice(0, 4)}-01-01`;

function nextMonth(d: string): string {
  const [y, m] = d.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

const nextYear = (d: string) => `${Number(d.slice(0, 4)) + 1}-01-01`;

/** The first day of a month on or after d. */
const monthCeil = (d: string) => (d.endsWith("-01") ? d : nextMonth(d));
/** The first day of a year on or after d. */
const yearCeil = (d: string) => (d.endsWith("-01-01") ? d : nextYear(d));

/**
 * The bucket ranges that tile the days from `from` to `to`, both inclusive (`from` null: every
 * day up to `to`). Empty ranges are left out.
 */
export function periodBuckets(from: string | null, to: string): BucketRange[] {
  const end = addDays(to, 1); // exclusive
  const endMonth = monthStart(end);
  const endYear = yearStart(end);
  const out: BucketRange[] = [];
  const push = (grain: Grain, a: string | null, b: string) => {
    if (a === null || a < b) out.push({ grain, from: a, until: b });
  };
  if (from === null) {
    push(GRAIN.year, null, endYear);
    push(GRAIN.month, endYear, endMonth);
    push(GRAIN.day, endMonth, end);
    return out;
  }
  if (from >= end) return out;
  const headMonth = monthCeil(from);
  if (headMonth >= end) {
    push(GRAIN.day, from, end);
    return out;
  }
  push(GRAIN.day, from, headMonth);
  const headYear = yearCeil(from);
  if (headYear < endYear) {
    push(GRAIN.month, headMonth, headYear);
    push(GRAIN.year, headYear, endYear);
    push(GRAIN.month, endYear, endMonth);
  } else {
    push(GRAIN.month, headMonth, endMonth);
  }
  push(GRAIN.day, endMonth, end);
  return out;
}

/**
 * The day `n` months before `day`, as PostgreSQL's `date - interval 'n months'` has it: the
 * same day of that month, or its last day when the month is shorter (31 May − 3 months = 28 Feb).
 */
export function monthsBefore(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const idx = y * 12 + (m - 1) - n;
  const year = Math.floor(idx / 12);
  const month = (idx % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The three months up to a day, as the accrual rate counts them: after `monthsBefore(day, 3)`, up to `day`. */
export function lastThreeMonths(day: string): { from: string; to: string } {
  return { from: addDays(monthsBefore(day, 3), 1), to: day };
}

/** The all-time bucket. */
export const ALL_TIME: BucketRange = { grain: GRAIN.all, from: null, until: "0001-01-02" };
/** The last day a fact may fall on, as far as reads are concerned (the calendar's end, with room for addDays). */
const LAST_DAY = "9998-12-31";

/** Buckets counted with a sign: a figure is the sum over `plus` less the sum over `minus`. */
export type SignedBuckets = { plus: BucketRange[]; minus: BucketRange[] };

/**
 * The days up to `to`. Ending within the last year it is all time less what came after `to`
 * (for a view ending today: nothing, so one bucket per centre and study); ending earlier, the
 * years, months and days up to it (what came after would be the longer read).
 */
export function upTo(to: string, today: string): SignedBuckets {
  if (to >= addDays(today, -366)) return { plus: [ALL_TIME], minus: to >= LAST_DAY ? [] : periodBuckets(addDays(to, 1), LAST_DAY) };
  return { plus: periodBuckets(null, to), minus: [] };
}

/** The days from `from` to `to` (inclusive; `from` null: everything up to `to`). */
export function within(from: string | null, to: string, today: string): SignedBuckets {
  return from === null ? upTo(to, today) : { plus: periodBuckets(from, to), minus: [] };
}

