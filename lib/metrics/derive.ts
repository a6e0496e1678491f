import type { NodeFigures } from "@/lib/metrics/types";
import { addDays, daysBetween } from "@/lib/time/network-day";

/** A share as a fraction, or null when there is nothing to divide by. */
export function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

export const AVG_DAYS_PER_MONTH = 30.4375;
export const DORMANT_DAYS = 60;
export const LAGGING_SHARE = 0.5;

export type Projection = { kind: "reached" } | { kind: "never" } | { kind: "date"; date: string } | { kind: "noTarget" };

/**
 * When the target is met at the rate of the last three months: the remaining participants
 * divided by that monthly rate, counted from the period's end.
 */
export function projectTarget(target: number, enrolledToDate: number, enrolledLast3m: number, asOf: string): Projection {
  if (target <= 0) return { kind: "noTarget" };
  if (enrolledToDate >= target) return { kind: "reached" };
  const perMonth = enrolledLast3m / 3;
  if (perMonth <= 0) return { kind: "never" };
  const months = (target - enrolledToDate) / perMonth;
  return { kind: "date", date: addDays(asOf, Math.ceil(months * AVG_DAYS_PER_MONTH)) };
}

/** The figures people read, derived from a node's counts. */
export function derive(n: NodeFigures, asOf: string) {
  return {
    targetShare: ratio(n.enrolledToDate, n.target),
    accrualPerMonth: n.enrolledLast3m / 3,
    projection: projectTarget(n.target, n.enrolledToDate, n.enrolledLast3m, asOf),
    screenFailureRate: ratio(n.screenFailed, n.screened),
    withdrawalRate: ratio(n.withdrawn, n.enrolled),
    specimensPerParticipant: ratio(n.participantSpecimens, n.enrolled),
    daysSinceLastEnrolment: n.lastEnrolledOn ? daysBetween(n.lastEnrolledOn, asOf) : null,
    /** Enrolled by now against the enrolment expected by now (1 = on plan). */
    performance: ratio(n.enrolledToDate, n.expected),
  };
}

export type Derived = ReturnType<typeof derive>;

/** Colour band for the treemap and badges: how far a node is from its expected enrolment. */
export function performanceBand(performance: number | null): "none" | "lagging" | "behind" | "onTrack" {
  if (performance === null) return "none";
  if (performance < LAGGING_SHARE) return "lagging";
  if (performance < 0.9) return "behind";
  return "onTrack";
}
