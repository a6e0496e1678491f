/**
 * The SAE reporting rule: a serious adverse event must be reported within 24 hours of the site
 * becoming aware of it. Decision: the deadline itself counts as "within" — a report at exactly
 * aware + 24 h 00 min 00.000 s is on time; one millisecond later is late. The database applies
 * the same rule (adverse_events.report_late: reported_at > aware_at + interval '24 hours').
 */

export const SAE_REPORT_WINDOW_MS = 24 * 3600_000;

export function saeDeadline(awareAt: Date): Date {
  return new Date(awareAt.getTime() + SAE_REPORT_WINDOW_MS);
}

export function isLateReport(awareAt: Date, reportedAt: Date): boolean {
  return reportedAt.getTime() > saeDeadline(awareAt).getTime();
}

export type SaeClock = { deadline: Date; remainingMs: number; late: boolean };

/** What the form's clock shows at `now`: time left (negative once past the deadline). */
export function saeClock(awareAt: Date, now: Date): SaeClock {
  const deadline = saeDeadline(awareAt);
  const remainingMs = deadline.getTime() - now.getTime();
  return { deadline, remainingMs, late: isLateReport(awareAt, now) };
}

/** h:mm:ss of a duration (absolute value), for the clock. */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}
