import { intBetween, pick } from "@/lib/random/seeded";
import { nationalIdCheckChar } from "@/lib/pseudonyms/national-id";
import { addDays, daysBetween, networkDayOf } from "@/lib/time/network-day";
import { monthsBefore, type SeedClock } from "@/seed/clock";

export type PlanSite = { id: number; centreId: number; centreCode: string; target: number; status: string };
export type PlanStudy = { id: number; code: string; status: string; target: number; start: string; design: string; criteria: { code: string; kind: string }[] };

export type PlannedScreening = { siteId: number; centreId: number; screenedOn: string; failed: string[]; enrol: boolean };

/** How full each site is: recruiting studies leave room for live enrolment, closed ones are full. */
function fillFraction(rand: () => number, study: PlanStudy, site: PlanSite): number {
  if (site.status === "pending") return 0;
  if (study.status === "completed" || study.status === "closed_to_accrual") return 0.9 + rand() * 0.1;
  if (study.status === "suspended") return 0.3 + rand() * 0.3;
  return 0.3 + rand() * 0.4;
}

/** Screenings of one study: enrolled ones eligible, about a quarter screen failures with coded reasons. */
export function planScreenings(rand: () => number, study: PlanStudy, sites: PlanSite[], clock: SeedClock): PlannedScreening[] {
  // Days only (YYYY-MM-DD, compared as text): nothing here depends on the process's time zone.
  const twoYearsAgo = networkDayOf(monthsBefore(clock.now, 24));
  const from = study.start > twoYearsAgo ? study.start : twoYearsAgo;
  const closed = study.status === "completed" || study.status === "closed_to_accrual";
  const to = closed ? networkDayOf(monthsBefore(clock.now, 2)) : addDays(clock.today, -1);
  const span = Math.max(1, daysBetween(from, to));
  let wanted = sites.map((s) => Math.min(400, Math.round(s.target * fillFraction(rand, study, s))));
  const total = wanted.reduce((a, b) => a + b, 0);
  const cap = closed ? study.target : Math.floor(study.target * 0.8);
  if (total > cap) wanted = wanted.map((n) => Math.floor((n * cap) / total));
  const inclusion = study.criteria.filter((c) => c.kind === "inclusion").map((c) => c.code);
  const exclusion = study.criteria.filter((c) => c.kind === "exclusion").map((c) => c.code);
  const out: PlannedScreening[] = [];
  sites.forEach((s, i) => {
    const enrolled = wanted[i];
    const failures = Math.round(enrolled * (0.25 + rand() * 0.15));
    const openEligible = closed || enrolled === 0 ? 0 : intBetween(rand, 0, 2);
    const rows: PlannedScreening[] = [];
    for (let k = 0; k < enrolled + failures + openEligible; k++) {
      const fail = k >= enrolled && k < enrolled + failures;
      const failed = fail ? [...new Set([pick(rand, [...inclusion, ...exclusion, ...inclusion]), ...(rand() < 0.2 ? [pick(rand, exclusion.length ? exclusion : inclusion)] : [])])].sort() : [];
      const offset = k >= enrolled + failures ? span - intBetween(rand, 0, 5) : Math.floor(rand() * span);
      rows.push({ siteId: s.id, centreId: s.centreId, screenedOn: addDays(from, Math.max(0, Math.min(span, offset))), failed, enrol: k < enrolled });
    }
    out.push(...rows.sort((a, b) => (a.screenedOn < b.screenedOn ? -1 : a.screenedOn > b.screenedOn ? 1 : 0)));
  });
  return out;
}

/**
 * A synthetic but valid national ID for demo person n (never a real number: area code 99xxxx).
 * Digits 15–16 with the area keep it unique (up to a million people); digit 17 states the sex
 * (odd = male), varied with n so the demo has both, which the seed then records.
 */
export function demoNationalId(n: number): string {
  const birth = addDays("1940-01-01", (n * 7919) % 20000).replace(/-/g, "");
  const sexDigit = (n * 37 + Math.floor(n / 7)) % 10;
  const first17 = `99${String(n % 10000).padStart(4, "0")}${birth}${String(Math.floor(n / 10000) % 100).padStart(2, "0")}${sexDigit}`;
  return first17 + nationalIdCheckChar(first17);
}

export const WITHDRAWAL_REASONS = ["consent_withdrawn", "adverse_event", "lost_to_follow_up", "protocol_deviation", "investigator_decision", "death", "other"] as const;
