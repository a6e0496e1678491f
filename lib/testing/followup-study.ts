import type { Db } from "@/db/client";
import { insertTestParticipant } from "@/lib/testing/participants";
import { createTestStudy, type TestVisit } from "@/lib/testing/study-builder";

/** A hand-made schedule: baseline day 0 ± 3, week 6 day 42 ± 7, week 12 day 84 ± 7. */
export const TEST_SCHEDULE: readonly TestVisit[] = [
  { code: "BL", day: 0, window: 3 },
  { code: "W6", day: 42, window: 7 },
  { code: "W12", day: 84, window: 7 },
];

/**
 * A preset of the study builder for follow-up tests: a recruiting single-arm study with the
 * test schedule, sites at R01 and R20 and one participant at each, enrolled `enrolledOn` (their
 * expected visits generated as enrolment does). `monitor` joins the team as monitor when given.
 */
export async function createFollowupStudy(db: Db, code: string, opts: { enrolledOn: string; monitor?: string; pi?: string }) {
  const t = await createTestStudy(db, {
    code,
    design: "single_arm",
    pi: opts.pi,
    sites: [
      ["R01", 50],
      ["R20", 50],
    ],
    visits: TEST_SCHEDULE,
    team: opts.monitor ? [[opts.monitor, "monitor"]] : [],
  });
  const enrol = (centre: string) => insertTestParticipant(db, t.study, { centre, seq: 1, enrolledOn: opts.enrolledOn, yearOfBirth: 1960, futureUse: false });
  return { ...t, atR01: await enrol("R01"), atR20: await enrol("R20") };
}
