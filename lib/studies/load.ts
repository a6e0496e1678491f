import type { Db } from "@/db/client";
import type { Study } from "@/db/schema";
import { ActionError, notFound } from "@/lib/actions/errors";
import { studyIsClosed } from "@/lib/studies/lifecycle";
import { lockManagedStudy, type StudyActor } from "@/lib/studies/scope";

/**
 * Loads and locks a study the actor may change (its PI or a network admin); anything else is
 * "not found". By default a study closed to accrual or completed is refused too.
 */
export async function loadStudyForChange(tx: Db, actor: StudyActor, studyId: number, opts: { allowClosed?: boolean } = {}): Promise<Study> {
  const study = await lockManagedStudy(tx, actor, studyId);
  if (!study) throw notFound();
  if (!opts.allowClosed && studyIsClosed(study.status)) throw new ActionError("studies.errors.closed");
  return study;
}

/** What an audit event records about a study's own fields. */
export function studySnapshot(s: Study) {
  return {
    code: s.code,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    registryNo: s.registryNo,
    phase: s.phase,
    design: s.design,
    area: s.area,
    leadCentreId: s.leadCentreId,
    piUserId: s.piUserId,
    targetEnrolment: s.targetEnrolment,
    plannedStart: s.plannedStart,
    plannedEnd: s.plannedEnd,
    status: s.status,
    blinding: s.blinding,
    randomizationMethod: s.randomizationMethod,
    siteIsStratum: s.siteIsStratum,
    ethicsApprovalDate: s.ethicsApprovalDate,
    ethicsRef: s.ethicsRef,
  };
}
