import { eq } from "drizzle-orm";
import { z } from "zod";
import { studies, studyStatus } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { canMoveStudy, stopsStudy } from "@/lib/studies/lifecycle";
import { loadStudyForChange } from "@/lib/studies/load";
import { recruitingGatesFor } from "@/lib/studies/recruiting-gates";
import { checkboxField, choiceField, idField, reasonField } from "@/lib/validation/fields";

export const changeStudyStatusSchema = z.strictObject({
  studyId: idField,
  to: choiceField(studyStatus.enumValues),
  reason: reasonField,
  /** Ticked to confirm a move that stops accrual (lib/studies/lifecycle.ts stopsStudy). */
  confirm: checkboxField,
});

/**
 * One lifecycle step with its reason; entering recruiting is refused while any gate is unmet, and
 * a move that stops accrual needs the confirmation ticked.
 */
export const changeStudyStatusCommand = defineCommand({
  name: "studies.status.change",
  schema: changeStudyStatusSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId, { allowClosed: true });
    if (!canMoveStudy(study.status, input.to)) throw new ActionError("studies.errors.transition");
    if (stopsStudy(input.to) && !input.confirm) throw fieldError("confirm", "studies.errors.confirmStop");
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
  },
});
