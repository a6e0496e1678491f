import { eq } from "drizzle-orm";
import { z } from "zod";
import { protocolVersions, studies } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { amendmentFields, targetField } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { protocolAudit, versionForChange } from "@/lib/studies/protocol-version";
import { idField } from "@/lib/validation/fields";

export const setTargetSchema = z.strictObject({
  studyId: idField,
  targetEnrolment: targetField,
  ...amendmentFields,
});

/** The overall target enrolment; after recruiting has started, an amendment. Never below those already enrolled. */
export const setTargetCommand = defineCommand({
  name: "studies.target.set",
  schema: setTargetSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId);
    if (input.targetEnrolment === study.targetEnrolment) throw fieldError("targetEnrolment", "studies.errors.unchanged");
    if (input.targetEnrolment < study.enrolledCount) throw fieldError("targetEnrolment", "studies.errors.targetBelowEnrolled", { n: study.enrolledCount });
    const v = await versionForChange(tx, actor, study, input, { targetEnrolment: { before: study.targetEnrolment, after: input.targetEnrolment } });
    await tx.update(protocolVersions).set({ targetEnrolment: input.targetEnrolment, updatedAt: new Date() }).where(eq(protocolVersions.id, v.version.id));
    await tx.update(studies).set({ targetEnrolment: input.targetEnrolment, updatedAt: new Date() }).where(eq(studies.id, study.id));
    audit(protocolAudit(study, v, "targetEnrolment", study.targetEnrolment, input.targetEnrolment));
    return { id: study.id, code: study.code, version: v.version.version };
  },
});
