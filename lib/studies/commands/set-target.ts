import { eq } from "drizzle-orm";
import { z } from "zod";
import { protocolVersions, studies } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields, idField, targetField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { protocolAudit, versionForChange } from "@/lib/studies/protocol-version";

export const setTargetSchema = z.strictObject({
  studyId: idField,
  targetEnrolment: targetField,
  ...amendmentFields,
});

/** The overall target enrolment; after recruiting has started, an amendment. Never below those already enrolled. */
export async function setTarget({ actor, input, tx, audit }: ActionContext<z.infer<typeof setTargetSchema>>) {
  const study = await loadStudyForChange(tx, actor, input.studyId);
  if (input.targetEnrolment === study.targetEnrolment) throw fieldError("targetEnrolment", "studies.errors.unchanged");
  if (input.targetEnrolment < study.enrolledCount) throw fieldError("targetEnrolment", "studies.errors.targetBelowEnrolled", { n: study.enrolledCount });
  const v = await versionForChange(tx, actor, study, input, { targetEnrolment: { before: study.targetEnrolment, after: input.targetEnrolment } });
  await tx.update(protocolVersions).set({ targetEnrolment: input.targetEnrolment, updatedAt: new Date() }).where(eq(protocolVersions.id, v.version.id));
  await tx.update(studies).set({ targetEnrolment: input.targetEnrolment, updatedAt: new Date() }).where(eq(studies.id, study.id));
  audit(protocolAudit(study, v, "targetEnrolment", study.targetEnrolment, input.targetEnrolment));
  return { id: study.id, code: study.code, version: v.version.version };
}
