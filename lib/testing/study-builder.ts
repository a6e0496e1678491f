import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { nationalIdCheckChar } from "@/lib/pseudonyms/national-id";
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
  users,
  type StudySite,
  type StudySiteStatus,
  type StudyStatus,
} from "@/db/schema";

export type TestStudyOptions = {
  code: string;
  status?: StudyStatus;
  design?: "randomized" | "single_arm" | "observational";
  method?: "permuted_blocks" | "minimization";
  blinding?: "open" | "blinded";
  siteIsStratum?: boolean;
  target?: number;
  pi?: string;
  arms?: [code: string, ratio: number][];
  factors?: [code: string, levels: string[]][];
  sites: [centre: string, target: number, status?: StudySiteStatus, allowOver?: boolean][];
};

/** A study written straight into the tables, for enrolment tests (the studies seed is demo data). */
export async function createTestStudy(db: Db, o: TestStudyOptions) {
  const org = async (code: string) => (await db.select().from(organisations).where(eq(organisations.code, code)))[0];
  const [pi] = await db.select().from(users).where(eq(users.email, o.pi ?? "pi@ncrc.demo"));
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
      leadCentreId: (await org("TJ01")).id,
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
  const sites: StudySite[] = [];
  for (const [centre, target, status, allowOver] of o.sites) {
    const [s] = await db
      .insert(studySites)
      .values({ studyId: study.id, centreId: (await org(centre)).id, target, status: status ?? "active", allowOverEnrolment: allowOver ?? false })
      .returning();
    sites.push(s);
  }
  const site = (centre: string) => {
    const i = o.sites.findIndex(([c]) => c === centre);
    if (i < 0) throw new Error(`no site ${centre}`);
    return sites[i];
  };
  return { study, pv, arms, consent, sites, site };
}

/** A valid 18-character national ID for test person n < 1000 (distinct per n). */
export function testNationalId(n: number): string {
  const first17 = `110101${1950 + (n % 50)}0101${String(n % 1000).padStart(3, "0")}`;
  return first17 + nationalIdCheckChar(first17);
}
