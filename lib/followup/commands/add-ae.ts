import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { omitRequestKey } from "@/lib/actions/request-keys";
import { idField, optionalRequestKeyField } from "@/lib/validation/fields";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";
import { createAe } from "@/lib/followup/ae-record";
import { aeValuesShape } from "@/lib/followup/fields";

/** Site staff record an AE of a participant at their own site; a serious one is reported at once. */
export const addAeCommand = defineCommand({
  name: "followup.ae.add",
  schema: z.strictObject({ participantId: idField, ...aeValuesShape, requestKey: optionalRequestKeyField }),
  permission: "followup.record",
  // The same report sent again (a re-sent request) records one AE and notifies once.
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    // The request key is the pipeline's, not part of the AE.
    const { participantId, ...values } = omitRequestKey(input);
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
