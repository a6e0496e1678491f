import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, screenings, studyTeam, users, visitDefinitions } from "@/db/schema";
import { createTestStudy } from "@/lib/testing/study-builder";
import { generateExpectedVisits } from "@/lib/studies/visit-schedule";

/** A hand-made schedule: baseline day 0 ± 3, week 6 day 42 ± 7, week 12 day 84 ± 7. */
export const TEST_SCHEDULE = [
  { code: "BL", day: 0, window: 3 },
  { code: "W6", day: 42, window: 7 },
  { code: "W12", day: 84, window: 7 },
];

/**
 * A recruiting study with the test schedule, sites at R01 and R20 and one participant at each,
 * enrolled `enrolledOn` (their expected visits generated as enrolment does). `monitor` joins
 * the team as monitor when given.
 */
export async function createFollowupStudy(db: Db, code: string, opts: { enrolledOn: string; monitor?: string; pi?: string }) {
  const t = await createTestStudy(db, { code, design: "single_arm", pi: opts.pi, sites: [["R01", 50], ["R20", 50]] });
  await db.insert(visitDefinitions).values(
    TEST_SCHEDULE.map((s, i) => ({ protocolVersionId: t.pv.id, ordinal: i + 1, code: s.code, nameZh: `访视 ${s.code}`, nameEn: `Visit ${s.code}`, targetDay: s.day, windowDays: s.window })),
  );
  if (opts.monitor) {
    const [m] = await db.select().from(users).where(eq(users.email, opts.monitor));
    await db.insert(studyTeam).values({ studyId: t.study.id, userId: m.id, studyRole: "monitor", centreId: m.centreId });
  }
  const enrol = async (centre: string, seq: number) => {
    const site = t.site(centre);
    const [sc] = await db
      .insert(screenings)
      .values({ studyId: t.study.id, siteId: site.id, centreId: site.centreId, protocolVersion: 1, screenedOn: opts.enrolledOn, outcome: "eligible", answers: {} })
      .returning();
    const [p] = await db
      .insert(participants)
      .values({
        studyId: t.study.id,
        screeningId: sc.id,
        enrolSiteId: site.id,
        siteId: site.id,
        centreId: site.centreId,
        seq,
        subjectCode: `${code}-${centre}-${String(seq).padStart(4, "0")}`,
        nationalIdHash: `${code}-${centre}-${seq}`,
        yearOfBirth: 1960,
        sex: "female",
        consentVersionId: t.consent.id,
        consentDate: opts.enrolledOn,
        enrolledOn: opts.enrolledOn,
      })
      .returning();
    await generateExpectedVisits(db, p);
    return p;
  };
  return { ...t, atR01: await enrol("R01", 1), atR20: await enrol("R20", 1) };
}
