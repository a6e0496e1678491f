import { daysBetween } from "@/lib/time/network-day";

export type AccrualPoint = { month: string; enrolled: number; cumulative: number };
export type AccrualPlan = { start: string; end: string; target: number };

/** A straight planned line from the recruitment start to the planned end, reaching the target. */
export function accrualPlan(start: string | null, end: string | null, target: number): AccrualPlan | null {
  if (!start || !end || end <= start || target <= 0) return null;
  return { start, end, target };
}

/** Month keys (YYYY-MM) from `first` to `last` inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Planned cumulative enrolment at the end of a month (linear between start and end). */
export function plannedAt(plan: AccrualPlan, month: string): number {
  const [y, m] = month.split("-").map(Number);
  const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const total = daysBetween(plan.start, plan.end);
  const gone = Math.min(Math.max(daysBetween(plan.start, monthEnd), 0), total);
  return Math.round((plan.target * gone) / total);
}

export type AccrualRow = { month: string; enrolled: number | null; cumulative: number | null; planned: number | null; projected: number | null };

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
}

/** Cap on how far ahead a projection is drawn. */
export const PROJECTION_MONTHS_MAX = 60;

/**
 * The rows behind the accrual chart: actual cumulative by month, the planned line, and a
 * projection from the last month at the rate of the last three months until the target.
 */
export function accrualRows(points: AccrualPoint[], plan: AccrualPlan | null, target: number): AccrualRow[] {
  if (!points.length) return [];
  const last = points[points.length - 1];
  const perMonth = points.slice(-3).reduce((a, p) => a + p.enrolled, 0) / 3;
  const goal = plan?.target ?? target;
  const horizon = perMonth > 0 && goal > last.cumulative ? Math.min(PROJECTION_MONTHS_MAX, Math.ceil((goal - last.cumulative) / perMonth)) : 0;
  const ends = [addMonths(last.month, horizon), plan ? plan.end.slice(0, 7) : last.month].sort();
  const actual = new Map(points.map((p) => [p.month, p]));
  return monthRange(points[0].month, ends[1]).map((month, i) => {
    const a = actual.get(month);
    const ahead = i - (points.length - 1);
    return {
      month,
      enrolled: a ? a.enrolled : null,
      cumulative: a ? a.cumulative : null,
      planned: plan ? plannedAt(plan, month) : null,
      projected: horizon > 0 && ahead >= 0 && ahead <= horizon ? Math.min(goal, Math.round(last.cumulative + perMonth * ahead)) : null,
    };
  });
}
