import type { AeOutcome, AeSeriousCriterion } from "@/lib/enums";

/**
 * When a serious AE's follow-up report is due. Rule: while its outcome is unresolved
 * (recovering, not recovered, unknown), the site reports again within 7 days of its last report
 * when the event was fatal or life-threatening, within 15 days otherwise (the 7/15-day
 * expedited-reporting clocks of ICH E2A, which China's GCP follows). The last report is the
 * initial report or the latest saved change of the AE, whichever is later: each follow-up
 * saved starts the clock again.
 */
export const URGENT_CRITERIA = ["death", "life_threatening"] as const satisfies readonly AeSeriousCriterion[];
export const RESOLVED_OUTCOMES = ["recovered", "recovered_with_sequelae", "fatal"] as const satisfies readonly AeOutcome[];
export const URGENT_FOLLOWUP_DAYS = 7;
export const FOLLOWUP_DAYS = 15;

export function saeFollowupDays(criteria: readonly string[]): number {
  return criteria.some((c) => (URGENT_CRITERIA as readonly string[]).includes(c)) ? URGENT_FOLLOWUP_DAYS : FOLLOWUP_DAYS;
}

export type SaeFollowupState = { serious: boolean; outcome: string; seriousCriteria: readonly string[]; lastReportAt: Date };

/** The moment the next follow-up report is due, or null when none is (not serious, or resolved). */
export function saeFollowupDueAt(ae: SaeFollowupState): Date | null {
  if (!ae.serious || (RESOLVED_OUTCOMES as readonly string[]).includes(ae.outcome)) return null;
  return new Date(ae.lastReportAt.getTime() + saeFollowupDays(ae.seriousCriteria) * 86_400_000);
}

export function isSaeFollowupDue(ae: SaeFollowupState, now: Date): boolean {
  const due = saeFollowupDueAt(ae);
  return due !== null && due.getTime() <= now.getTime();
}
