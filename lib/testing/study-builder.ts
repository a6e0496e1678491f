import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  consentVersions,
  eligibilityCriteria,
  organisations,
  protocolVersions,
  stratFactors,
  stratLevels,
  studies,
  studyArms,
  studySites,
  studyTeam,
  users,
  visitDefinitions,
  type StudyDesign,
  type StudySite,
  type StudySiteStatus,
  type StudyStatus,
  type StudyTeamRole,
} from "@/db/schema";

/** One visit of a hand-made schedule: target day after enrolment, ± window in days. */
export type TestVisit = { code: string; day: number; window: number };

export type TestStudyOptions = {
  code: string;
  status?: StudyStatus;
  /** Randomized by default; arms, blinding and method only apply to randomized studies. */
  design?: StudyDesign;
  method?: "permuted_blocks" | "minimization";
  blinding?: "open" | "blinded";
  siteIsStratum?: boolean;
  target?: number;
  /** The study's PI (an existing user's e-mail); the demo PI by default. */
  pi?: string;
  arms?: [code: string, ratio: number][];
  factors?: [code: string, levels: string[]][];
  sites?: [centre: string, target: number, status?: StudySiteStatus, allowOver?: boolean][];
  /** The visit schedule of protocol version 1 (none by default). */
  visits?: readonly TestVisit[];
  /** Active team members besides the PI: [e-mail, study role]. */
  team?: [email: string, role: StudyTeamRole][];
};

async function orgId(db: Db, code: string): Promise<number> {
  const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code));
  if (!o) throw new Error(`no centre ${code}`);
  return o.id;
}

async function userByEmail(db: Db, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  return u;
}

/**
 * The one test study builder: a study written straight into the tables (the studies seed is
 * demo data), with protocol version 1 (criteria I1, I2, E1 and one consent version), arms,
 * stratification, sites, a visit schedule and team members as asked. Participants are added
 * with lib/testing/participants.ts.
 */
export async function createTestStudy(db: Db, o: TestStudyOptions) {
  const pi = await userByEmail(db, o.pi ?? "pi@ncrc.demo");
  const design = o.design ?? "randomized";
  const [study] = await db
    .insert(studies)
    .values({
      code: o.code,
      titleZh: `测试研究 ${o.code}`,
      titleEn: `Test study ${o.code}`,
      registryNo: "ChiCTR2400000001",
      phase: "III",
      design,
      area: "clinical_oncology",
      leadCentreId: await orgId(db, "TJ01"),
      piUserId: pi.id,
      targetEnrolment: o.target ?? 1000,
      status: o.status ?? "recruiting",
      blinding: design === "randomized" ? (o.blinding ?? "open") : null,
      randomizationMethod: design === "randomized" ? (o.method ?? "permuted_blocks") : null,
      siteIsStratum: o.siteIsStratum ?? true,
    })
    .returning();
  const [pv] = await db.insert(protocolVersions).values({ studyId: study.id, version: 1, effectiveDate: "2024-01-01", reason: "initial", targetEnrolment: study.targetEnrolment, createdBy: pi.id }).returning();
  const arms =
    design === "randomized"
      ? await db
          .insert(studyArms)
          .values((o.arms ?? [["A", 1], ["B", 1]]).map(([code, ratio], i) => ({ protocolVersionId: pv.id, ordinal: i + 1, code, nameZh: `组${code}`, nameEn: `Arm ${code}`, ratio })))
          .returning()
      : [];
  for (const [i, [code, levels]] of (o.factors ?? []).entries()) {
    const [f] = await db.insert(stratFactors).values({ protocolVersionId: pv.id, ordinal: i + 1, code, nameZh: code, nameEn: code }).returning();
    await db.insert(stratLevels).values(levels.map((l, j) => ({ factorId: f.id, ordinal: j + 1, code: l, nameZh: l, nameEn: l })));
  }
  await db.insert(eligibilityCriteria).values([
    { protocolVersionId: pv.id, kind: "inclusion", ordinal: 1, code: "I1", textZh: "年龄 18–75 岁", textEn: "Aged 18–75" },
    { protocolVersionId: pv.id, kind: "inclusion", ordinal: 2, code: "I2", textZh: "确诊", textEn: "Confirmed diagnosis" },
    { protocolVersionId: pv.id, kind: "exclusion", ordinal: 3, code: "E1", textZh: "妊娠", textEn: "Pregnant" },
  ]);
  const [consent] = await db.insert(consentVersions).values({ protocolVersionId: pv.id, label: "ICF v1.0", effectiveDate: "2024-01-01" }).returning();
  const visits = o.visits?.length
    ? await db
        .insert(visitDefinitions)
        .values(o.visits.map((v, i) => ({ protocolVersionId: pv.id, ordinal: i + 1, code: v.code, nameZh: `访视 ${v.code}`, nameEn: `Visit ${v.code}`, targetDay: v.day, windowDays: v.window })))
        .returning()
    : [];
  for (const [email, studyRole] of o.team ?? []) {
    const m = await userByEmail(db, email);
    await db.insert(studyTeam).values({ studyId: study.id, userId: m.id, studyRole, centreId: m.centreId });
  }
  const sites: StudySite[] = [];
  for (const [centre, target, status, allowOver] of o.sites ?? []) {
    const [s] = await db
      .insert(studySites)
      .values({ studyId: study.id, centreId: await orgId(db, centre), target, status: status ?? "active", allowOverEnrolment: allowOver ?? false })
      .returning();
    sites.push(s);
  }
  const site = (centre: string) => {
    const i = (o.sites ?? []).findIndex(([c]) => c === centre);
    if (i < 0) throw new Error(`no site ${centre}`);
    return sites[i];
  };
  return { study, pv, arms, consent, sites, site, visits };
}

export type TestStudy = Awaited<ReturnType<typeof createTestStudy>>;

/** The study's site at a centre, added (active, room for 1000) when the study has none there. */
export async function ensureTestSite(db: Db, studyId: number, centre: string): Promise<StudySite> {
  const centreId = await orgId(db, centre);
  const [site] = await db.select().from(studySites).where(and(eq(studySites.studyId, studyId), eq(studySites.centreId, centreId)));
  return site ?? (await db.insert(studySites).values({ studyId, centreId, target: 1000, status: "active" }).returning())[0];
}
