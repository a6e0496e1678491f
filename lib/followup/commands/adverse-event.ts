import { z } from "zod";
import type { ActionContext } from "@/lib/actions/define-action";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";
import { createAe, lockAeAtOwnSite, saveAe } from "@/lib/followup/ae-record";
import { aeValuesShape, changeReasonField, idField } from "@/lib/followup/fields";
import { pick } from "@/lib/followup/versions";

export const addAeSchema = z.strictObject({ participantId: idField, ...aeValuesShape });

/** Site staff record an AE of a participant at their own site; a serious one is reported at once. */
export async function addAe({ actor, input, tx, audit }: ActionContext<z.infer<typeof addAeSchema>>) {
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
}

export const updateAeSchema = z.strictObject({ aeId: idField, ...aeValuesShape, reason: changeReasonField });

/** A change to a saved AE: reason required, verification cleared; newly serious means reported now. */
export async function updateAe({ actor, input, tx, audit }: ActionContext<z.infer<typeof updateAeSchema>>) {
  const { aeId, reason, ...values } = input;
  const at = await lockAeAtOwnSite(tx, actor, aeId);
  const saved = await saveAe(tx, actor, at, values, reason);
  audit({
    action: "ae.changed",
    entityType: "adverse_event",
    entityId: at.ae.id,
    centreId: at.participant.centreId,
    studyId: at.study.id,
    before: pick(saved.before, saved.changed),
    after: { ...pick(saved.values, saved.changed), version: saved.version, sdvCleared: saved.sdvCleared, newlySerious: saved.newlySerious },
    reason,
  });
  return { id: at.ae.id, subjectCode: at.participant.subjectCode, version: saved.version };
}
