import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { allocationEntries, participants, studies, studyArms, unblindings } from "@/db/schema";
import { defineCommand, type CommandContext } from "@/lib/actions/define-command";
import { ActionError, notFound } from "@/lib/actions/errors";
import { idField, reasonField } from "@/lib/validation/fields";
import { unblindScope } from "@/lib/participants/blinding";

export const unblindSchema = z.strictObject({ participantId: idField, reason: reasonField });

/**
 * Emergency unblinding of one participant of a blinded study, by the study's PI or a network
 * admin, with a reason. The record (who, when, why) shows on the participant's page; the arm
 * itself is never written to the audit trail.
 */
async function unblindParticipant({ actor, input, tx, audit }: CommandContext<z.infer<typeof unblindSchema>>) {
  const [row] = await tx
    .select({ p: participants, study: studies, armCode: studyArms.code, nameZh: studyArms.nameZh, nameEn: studyArms.nameEn })
    .from(participants)
    .innerJoin(studies, eq(studies.id, participants.studyId))
    .leftJoin(allocationEntries, eq(allocationEntries.participantId, participants.id))
    .leftJoin(studyArms, eq(studyArms.id, allocationEntries.armId))
    .where(and(eq(participants.id, input.participantId), unblindScope(actor)))
    .for("update", { of: participants });
  if (!row) throw notFound();
  if (row.study.blinding !== "blinded" || !row.armCode) throw new ActionError("enrolment.errors.notBlinded");
  const [done] = await tx.select({ id: unblindings.id }).from(unblindings).where(eq(unblindings.participantId, row.p.id));
  if (done) throw new ActionError("enrolment.errors.alreadyUnblinded");
  const [u] = await tx.insert(unblindings).values({ participantId: row.p.id, studyId: row.study.id, reason: input.reason, unblindedBy: actor.id }).returning();
  audit({
    action: "participant.unblinded",
    entityType: "participant",
    entityId: row.p.id,
    centreId: row.p.centreId,
    studyId: row.study.id,
    after: { unblindingId: u.id, subjectCode: row.p.subjectCode },
    reason: input.reason,
  });
  return { id: row.p.id, subjectCode: row.p.subjectCode, studyCode: row.study.code, arm: row.armCode };
}

export const unblindCommand = defineCommand({ name: "enrolment.participant.unblind", schema: unblindSchema, permission: "participant.unblind", handler: unblindParticipant });
