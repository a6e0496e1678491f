import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { idField } from "@/lib/validation/fields";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";
import { changeReasonField, participantValuesShape } from "@/lib/followup/fields";
import { saveParticipantData } from "@/lib/followup/participant-record";
import { pick } from "@/lib/followup/versions";

/** Corrects enrolment data (year of birth, sex) of a participant at the actor's own site, with a reason. */
export const correctParticipantCommand = defineCommand({
  name: "followup.participant.correct",
  schema: z.strictObject({ participantId: idField, ...participantValuesShape, reason: changeReasonField }),
  permission: "followup.record",
  handler: async ({ actor, input, tx, audit }) => {
    const { participantId, reason, ...values } = input;
    const { participant, study } = await lockOwnParticipant(tx, actor, participantId);
    const saved = await saveParticipantData(tx, actor, participant, study, values, reason);
    audit({
      action: "participant.data.corrected",
      entityType: "participant",
      entityId: participant.id,
      centreId: participant.centreId,
      studyId: study.id,
      before: pick(saved.before, saved.changed),
      after: { ...pick(saved.values, saved.changed), version: saved.version },
      reason,
    });
    return { id: participant.id, subjectCode: participant.subjectCode, version: saved.version };
  },
});
