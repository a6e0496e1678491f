import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { consentVersions, organisations, participants, protocolVersions, screenings, studies, studySites, users } from "@/db/schema";
import { parseSubjectCode } from "@/lib/pseudonyms/subject-code";

/** A minimal recruiting observational study (for tests that need one to exist), led by the demo PI. */
export async function ensureTestStudy(db: Db, code: string): Promise<{ studyId: number; protocolVersionId: number; consentVersionId: number }> {
  const [existing] = await queryRows<{ studyId: number; protocolVersionId: number; consentVersionId: number }>(
    db,
    sql`select s.id as "studyId", pv.id as "protocolVersionId", cv.id as "consentVersionId"
          from studies s join protocol_versions pv on pv.study_id = s.id and pv.version = 1
          join consent_versions cv on cv.protocol_version_id = pv.id where s.code = ${code} limit 1`,
  );
  if (existing) return existing;
  const [pi] = await db.select().from(users).where(eq(users.email, "pi@ncrc.demo"));
  const [study] = await db
    .insert(studies)
    .values({ code, titleZh: `测试研究 ${code}`, titleEn: `Test study ${code}`, phase: "not_applicable", design: "observational", area: "cancer_biology", leadCentreId: pi.centreId, piUserId: pi.id, targetEnrolment: 1000, status: "recruiting" })
    .returning();
  const [pv] = await db.insert(protocolVersions).values({ studyId: study.id, version: 1, effectiveDate: "2025-01-01", reason: "initial", targetEnrolment: 1000, createdBy: pi.id }).returning();
  const [cv] = await db.insert(consentVersions).values({ protocolVersionId: pv.id, label: "v1.0", effectiveDate: "2025-01-01" }).returning();
  return { studyId: study.id, protocolVersionId: pv.id, consentVersionId: cv.id };
}

/**
 * Enrolled participants with the given subject codes (<STUDY>-<CENTRE>-<NNNN>), each at the
 * centre its code names, inserted directly (the enrolment rules have their own tests).
 */
export async function insertTestParticipants(db: Db, codes: string[], futureUse = true): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const code of codes) {
    const parts = parseSubjectCode(code);
    if (!parts) throw new Error(`bad subject code ${code}`);
    const study = await ensureTestStudy(db, parts.studyCode);
    const [centre] = await db.select().from(organisations).where(eq(organisations.code, parts.centreCode));
    let [site] = await db.select().from(studySites).where(and(eq(studySites.studyId, study.studyId), eq(studySites.centreId, centre.id)));
    site ??= (await db.insert(studySites).values({ studyId: study.studyId, centreId: centre.id, target: 1000, status: "active" }).returning())[0];
    const [scr] = await db
      .insert(screenings)
      .values({ studyId: study.studyId, siteId: site.id, centreId: centre.id, protocolVersion: 1, screenedOn: "2025-01-02", outcome: "eligible", answers: {} })
      .returning();
    const [p] = await db
      .insert(participants)
      .values({
        studyId: study.studyId,
        screeningId: scr.id,
        enrolSiteId: site.id,
        siteId: site.id,
        centreId: centre.id,
        seq: parts.number,
        subjectCode: code,
        nationalIdHash: createHash("sha256").update(code).digest("hex"),
        yearOfBirth: 1970,
        sex: "female",
        consentVersionId: study.consentVersionId,
        consentDate: "2025-01-03",
        specimensFutureUse: futureUse,
        enrolledOn: "2025-01-03",
      })
      .returning();
    ids.set(code, p.id);
  }
  return ids;
}
