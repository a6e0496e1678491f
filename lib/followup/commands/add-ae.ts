import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { idField } from "@/lib/validation/fields";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";
import { createAe } from "@/lib/followup/ae-record";
import { aeValuesShape } from "@/lib/followup/fields";

/** Site staff record an AE of a participant at their own site; a serious one is reported at once. */
export const addAeCommand = defineCommand({
  name: "followup.ae.add",
  schema: z.strictObject({ participantId: idField, ...aeValuesShape }),
  permission: "followup.record",
  handler: async ({ actor, input, tx, audit }) => {
    const { participantId, ...values } = input;
    const { participant, study } = await lockOwnParticipant(tx, actor, participantId);
    const { ae, values: saved } = await createAe(tx, actor, participant, study, values);
    audit({
      action: ae.serious ? "sae.reported" : "ae.recorded",
      entityType: "adverse_event",
      entityId: ae.id,
      centreId: participant.centreId,
      studyId: study.id,
      after: { ...saved, serious: ae.serious, reportedAt: ae.reportedAt?.toISOString() ?? null, reportLate: ae.reportLate },
    });
    return { id: ae.id, subjectCode: participant.subjectCode, serious: ae.serious, late: ae.reportLate };
  },
});
