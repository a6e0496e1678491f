import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consentVersions, participants, protocolVersions, screenings, studies, type Participant, type ParticipantSex } from "@/db/schema";
import { nationalIdCheckChar } from "@/lib/pseudonyms/national-id";
import { formatSubjectCode, parseSubjectCode } from "@/lib/pseudonyms/subject-code";
import { generateExpectedVisits } from "@/lib/studies/visit-schedule";
import { createTestStudy, ensureTestSite } from "@/lib/testing/study-builder";

export type TestParticipant = {
  /** The centre of the site the participant is enrolled at (the site is added if missing). */
  centre: string;
  /** The enrolling site's sequence number; the subject code follows from it unless given. */
  seq: number;
  subjectCode?: string;
  enrolledOn?: string;
  yearOfBirth?: number;
  sex?: ParticipantSex;
  futureUse?: boolean;
};

/**
 * The one participant inserter: an eligible screening and an enrolled participant written
 * straight into the tables (the enrolment rules have their own tests), with the expected visits
 * of the study's schedule generated as enrolment does.
 */
export async function insertTestParticipant(db: Db, study: { id: number; code: string }, o: TestParticipant): Promise<Participant> {
  const site = await ensureTestSite(db, study.id, o.centre);
  const [consent] = await db
    .select({ id: consentVersions.id })
    .from(consentVersions)
    .innerJoin(protocolVersions, eq(protocolVersions.id, consentVersions.protocolVersionId))
    .where(eq(protocolVersions.studyId, study.id))
    .orderBy(asc(protocolVersions.version), asc(consentVersions.id))
    .limit(1);
  if (!consent) throw new Error(`study ${study.code} has no consent version`);
  const enrolledOn = o.enrolledOn ?? "2025-01-03";
  const subjectCode = o.subjectCode ?? formatSubjectCode(study.code, o.centre, o.seq);
  const [sc] = await db
    .insert(screenings)
    .values({ studyId: study.id, siteId: site.id, centreId: site.centreId, protocolVersion: 1, screenedOn: enrolledOn, outcome: "eligible", answers: {} })
    .returning();
  const [p] = await db
    .insert(participants)
    .values({
      studyId: study.id,
      screeningId: sc.id,
      enrolSiteId: site.id,
      siteId: site.id,
      centreId: site.centreId,
      seq: o.seq,
      subjectCode,
      nationalIdHash: createHash("sha256").update(subjectCode).digest("hex"),
      yearOfBirth: o.yearOfBirth ?? 1970,
      sex: o.sex ?? "female",
      consentVersionId: consent.id,
      consentDate: enrolledOn,
      specimensFutureUse: o.futureUse ?? true,
      enrolledOn,
    })
    .returning();
  await generateExpectedVisits(db, p);
  return p;
}

/**
 * Enrolled participants with the given subject codes (<STUDY>-<CENTRE>-<NNNN>), each at the
 * centre its code names; a study the codes name that does not exist yet is built as a
 * recruiting observational study.
 */
export async function insertTestParticipants(db: Db, codes: string[], futureUse = true): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const code of codes) {
    const parts = parseSubjectCode(code);
    if (!parts) throw new Error(`bad subject code ${code}`);
    const [existing] = await db.select({ id: studies.id, code: studies.code }).from(studies).where(eq(studies.code, parts.studyCode));
    const study = existing ?? (await createTestStudy(db, { code: parts.studyCode, design: "observational" })).study;
    const p = await insertTestParticipant(db, study, { centre: parts.centreCode, seq: parts.number, subjectCode: code, futureUse });
    ids.set(code, p.id);
  }
  return ids;
}

/** A valid 18-character national ID for test person n < 1000 (distinct per n). */
export function testNationalId(n: number): string {
  const first17 = `110101${1950 + (n % 50)}0101${String(n % 1000).padStart(3, "0")}`;
  return first17 + nationalIdCheckChar(first17);
}
