/**
 * Visit windows: a visit is due `targetDay` days after enrolment (day 0 = enrolment date) and
 * may be done from target − windowDays to target + windowDays, both ends inclusive. Dates are
 * calendar days (YYYY-MM-DD) in the network's time zone; arithmetic runs in UTC so that no
 * daylight-saving shift can move a day.
 */
import { addDays, daysBetween } from "@/lib/time/network-day";

export type VisitWindow = { dueOn: string; windowStart: string; windowEnd: string };

/** Where an expected or recorded visit stands on a given day. */
export type VisitTiming = "upcoming" | "open" | "overdue" | "done_in_window" | "done_out_of_window" | "missed";

export function visitWindow(enrolledOn: string, targetDay: number, windowDays: number): VisitWindow {
  if (!Number.isInteger(targetDay) || targetDay < 0) throw new Error(`bad target day ${targetDay}`);
  if (!Number.isInteger(windowDays) || windowDays < 0) throw new Error(`bad window ${windowDays}`);
  const dueOn = addDays(enrolledOn, targetDay);
  // A window never opens before enrolment: a baseline visit at day 0 ± 3 runs from day 0.
  const start = addDays(dueOn, -windowDays);
  return { dueOn, windowStart: start < enrolledOn ? enrolledOn : start, windowEnd: addDays(dueOn, windowDays) };
}

export function isInWindow(day: string, w: Pick<VisitWindow, "windowStart" | "windowEnd">): boolean {
  return day >= w.windowStart && day <= w.windowEnd;
}

export type VisitState = Pick<VisitWindow, "windowStart" | "windowEnd"> & { status: "expected" | "done" | "missed"; visitDate: string | null };

/**
 * Overdue: still expected on a day after its window closed. On the last day of the window it is
 * still open (not overdue).
 */
export function visitTiming(v: VisitState, today: string): VisitTiming {
  if (v.status === "missed") return "missed";
  if (v.status === "done") return v.visitDate && isInWindow(v.visitDate, v) ? "done_in_window" : "done_out_of_window";
  if (today > v.windowEnd) return "overdue";
  if (today >= v.windowStart) return "open";
  return "upcoming";
}

/** Days an expected visit is past its window's end (0 when not overdue). */
export function daysOverdue(v: Pick<VisitWindow, "windowEnd">, today: string): number {
  return Math.max(0, daysBetween(v.windowEnd, today));
}
