import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { eligibilityCriteria, studies, studyArms, studySites, studyStatus } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError } from "@/lib/actions/errors";
import type { Db } from "@/db/client";
import type { Study } from "@/db/schema";
import { idField, reasonField } from "@/lib/studies/fields";
import { canMoveStudy } from "@/lib/studies/lifecycle";
import { loadStudyForChange } from "@/lib/studies/load";
import { loadCurrentVersion } from "@/lib/studies/protocol-version";
import { recruitingGateFailures } from "@/lib/studies/recruiting-gates";

export const changeStudyStatusSchema = z.strictObject({
  studyId: idField,
  to: z.enum(studyStatus.enumValues, { message: "validation.required" }),
  reason: reasonField,
});

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

/** One lifecycle step with its reason; entering recruiting is refused while any gate is unmet. */
export async function changeStudyStatus({ actor, input, tx, audit }: ActionContext<z.infer<typeof changeStudyStatusSchema>>) {
  const study = await loadStudyForChange(tx, actor, input.studyId, { allowClosed: true });
  if (!canMoveStudy(study.status, input.to)) throw new ActionError("studies.errors.transition");
  if (input.to === "recruiting") {
    const failures = await recruitingGatesFor(tx, study);
    // One message per unmet condition, so the PI sees everything that is missing at once.
    if (failures.length) throw new ActionError("studies.errors.gates", undefined, { _form: failures });
  }
  const [row] = await tx
    .update(studies)
    .set({ status: input.to, recruitingStartedAt: study.recruitingStartedAt ?? (input.to === "recruiting" ? new Date() : null), updatedAt: new Date() })
    .where(eq(studies.id, study.id))
    .returning();
  audit({
    action: "study.status.changed",
    entityType: "study",
    entityId: study.id,
    centreId: study.leadCentreId,
    studyId: study.id,
    before: { status: study.status },
    after: { status: row.status },
    reason: input.reason,
  });
  return { id: row.id, code: row.code, status: row.status };
}
