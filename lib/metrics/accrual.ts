import { AVG_DAYS_PER_MONTH, projectTarget } from "@/lib/metrics/derive";
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

/** The last calendar day of a "YYYY-MM" month (date arithmetic on the month itself, no clock). */
const monthEnd = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Planned cumulative enrolment at the end of a month (linear between start and end). */
export function plannedAt(plan: AccrualPlan, month: string): number {
  const total = daysBetween(plan.start, plan.end);
  const gone = Math.min(Math.max(daysBetween(plan.start, monthEnd(month)), 0), total);
  return Math.round((plan.target * gone) / total);
}

export type AccrualRow = { month: string; enrolled: number | null; cumulative: number | null; planned: number | null; projected: number | null };

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
}

/** Cap on how far ahead a projection is drawn (the projected date itself is named whatever it is). */
export const PROJECTION_MONTHS_MAX = 60;

/** What the projection line starts from: the view's target, the end of the period and the rate of its last three months. */
export type ProjectionBasis = { target: number; asOf: string; enrolledLast3m: number };

/**
 * The rows behind the accrual chart: actual cumulative by month, the planned line, and the
 * projection — the same one as the KPI card's (lib/metrics/target.ts): from the cumulative at
 * the period's end, at the rate of the three months up to it, reaching the target in the month
 * of the projected date (each month's point is its last day's value, capped at the target).
 */
export function accrualRows(points: AccrualPoint[], plan: AccrualPlan | null, basis: ProjectionBasis): AccrualRow[] {
  if (!points.length) return [];
  const last = points[points.length - 1];
  const perMonth = basis.enrolledLast3m / 3;
  const projection = projectTarget(basis.target, last.cumulative, basis.enrolledLast3m, basis.asOf);
  const reachMonth = projection.kind === "date" ? projection.date.slice(0, 7) : null;
  const projEnd = reachMonth ? [reachMonth, addMonths(last.month, PROJECTION_MONTHS_MAX)].sort()[0] : null;
  const ends = [projEnd ?? last.month, plan ? plan.end.slice(0, 7) : last.month, last.month].sort();
  const actual = new Map(points.map((p) => [p.month, p]));
  const projectedAt = (month: string): number | null => {
    if (!projEnd || month < last.month || month > projEnd) return null;
    if (month === last.month) return last.cumulative;
    const gone = daysBetween(basis.asOf, monthEnd(month)) / AVG_DAYS_PER_MONTH;
    // The epsilon keeps a value that is exactly the target in real arithmetic from flooring below it.
    return Math.min(basis.target, Math.floor(last.cumulative + perMonth * gone + 1e-9));
  };
  return monthRange(points[0].month, ends[2]).map((month) => {
    const a = actual.get(month);
    return {
      month,
      enrolled: a ? a.enrolled : null,
      cumulative: a ? a.cumulative : null,
      planned: plan ? plannedAt(plan, month) : null,
      projected: projectedAt(month),
    };
  });
}
