import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { eligibilityCriteria, studyArms, studySites, type Study, type StudyDesign } from "@/db/schema";
import { loadCurrentVersion } from "@/lib/studies/protocol-version";

export type RecruitingGateInput = {
  design: StudyDesign;
  registryNo: string | null;
  ethicsApprovalDate: string | null;
  criteriaCount: number;
  activeSiteCount: number;
  /** Ratios of the arms in force (randomized designs). */
  armRatios: number[];
  randomizationMethod: string | null;
  blinding: string | null;
};

/** Each unmet condition for entering recruiting, as a message key (in a fixed order). */
export function recruitingGateFailures(s: RecruitingGateInput): string[] {
  const out: string[] = [];
  if (!s.registryNo) out.push("studies.gates.registryNo");
  if (!s.ethicsApprovalDate) out.push("studies.gates.ethics");
  if (s.criteriaCount === 0) out.push("studies.gates.criteria");
  if (s.activeSiteCount === 0) out.push("studies.gates.activeSite");
  if (s.design === "randomized") {
    if (s.armRatios.length < 2) out.push("studies.gates.arms");
    else if (s.armRatios.some((r) => !Number.isInteger(r) || r < 1)) out.push("studies.gates.ratio");
    if (!s.randomizationMethod || !s.blinding) out.push("studies.gates.method");
  }
  return out;
}

/** "2:1" for arms with ratios [2, 1]. */
export function ratioLabel(ratios: number[]): string {
  return ratios.join(":");
}

/** Every unmet recruiting gate of a study, as message keys (read in the caller's transaction). */
export async function recruitingGatesFor(tx: Db, study: Study): Promise<string[]> {
  const pv = await loadCurrentVersion(tx, study);
  const [{ n: criteriaCount }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(eligibilityCriteria)
    .where(eq(eligibilityCriteria.protocolVersionId, pv.id));
  const [{ n: activeSiteCount }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(studySites)
    .where(and(eq(studySites.studyId, study.id), eq(studySites.status, "active")));
  const arms = await tx.select({ ratio: studyArms.ratio }).from(studyArms).where(eq(studyArms.protocolVersionId, pv.id));
  return recruitingGateFailures({
    design: study.design,
    registryNo: study.registryNo,
    ethicsApprovalDate: study.ethicsApprovalDate,
    criteriaCount: Number(criteriaCount),
    activeSiteCount: Number(activeSiteCount),
    armRatios: arms.map((a) => a.ratio),
    randomizationMethod: study.randomizationMethod,
    blinding: study.blinding,
  });
}
