import { eq } from "drizzle-orm";
import { z } from "zod";
import { participants } from "@/db/schema";
import { defineCommand, type CommandContext } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { CLINICAL_DAY, dayField, idField, optionalTextField, TEXT_LIMITS } from "@/lib/validation/fields";
import { withdrawalReasonField } from "@/lib/enrolment/fields";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";

export const withdrawSchema = z.strictObject({
  participantId: idField,
  withdrawnOn: dayField(CLINICAL_DAY),
  reason: withdrawalReasonField,
  note: optionalTextField({ max: TEXT_LIMITS.reason }),
});

/**
 * Withdraws a participant at the actor's own site with a coded reason. Follow-up goes on after
 * accrual closes, so a study that is suspended or closed to accrual still takes withdrawals;
 * a completed study does not. The allocation stays as it was.
 */
async function withdrawParticipant({ actor, input, tx, audit }: CommandContext<z.infer<typeof withdrawSchema>>) {
  const { participant: p, study } = await lockOwnParticipant(tx, actor, input.participantId);
  if (study.status === "completed" || study.status === "draft" || study.status === "ethics_review") throw new ActionError("enrolment.errors.studyNotOpen");
  if (p.status !== "enrolled") throw new ActionError("enrolment.errors.notEnrolled");
  if (input.withdrawnOn < p.enrolledOn) throw fieldError("withdrawnOn", "enrolment.validation.beforeEnrolment");
  await tx
    .update(participants)
    .set({ status: "withdrawn", withdrawnOn: input.withdrawnOn, withdrawalReason: input.reason, updatedAt: new Date() })
    .where(eq(participants.id, p.id));
  audit({
    action: "participant.withdrawn",
    entityType: "participant",
    entityId: p.id,
    centreId: p.centreId,
    studyId: study.id,
    before: { status: p.status },
    after: { status: "withdrawn", withdrawnOn: input.withdrawnOn, withdrawalReason: input.reason },
    reason: input.note ?? input.reason,
  });
  return { id: p.id, subjectCode: p.subjectCode, studyCode: study.code };
}

export const withdrawCommand = defineCommand({ name: "enrolment.participant.withdraw", schema: withdrawSchema, permission: "participant.withdraw", handler: withdrawParticipant });
