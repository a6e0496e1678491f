import type { StudyDesign } from "@/db/schema";

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
