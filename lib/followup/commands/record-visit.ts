import { z } from "zod";
import type { ActionContext } from "@/lib/actions/define-action";
import { changeReasonField, idField, visitValuesShape } from "@/lib/followup/fields";
import { lockVisitAtOwnSite, saveVisit } from "@/lib/followup/visit-record";
import { pick } from "@/lib/followup/versions";

export const recordVisitSchema = z.strictObject({ visitId: idField, ...visitValuesShape, reason: changeReasonField });

/** Site staff record a visit (done or missed); changing a recorded visit needs a reason. */
export async function recordVisit({ actor, input, tx, audit }: ActionContext<z.infer<typeof recordVisitSchema>>) {
  const { visitId, reason, ...values } = input;
  const at = await lockVisitAtOwnSite(tx, actor, visitId);
  const saved = await saveVisit(tx, actor, at, values, reason);
  const first = saved.version === 1;
  audit({
    action: first ? "visit.recorded" : "visit.changed",
    entityType: "visit",
    entityId: at.visit.id,
    centreId: at.participant.centreId,
    studyId: at.study.id,
    before: first ? null : pick(saved.before, saved.changed),
    after: first ? { ...saved.values, outOfWindow: saved.outOfWindow } : { ...pick(saved.values, saved.changed), version: saved.version, sdvCleared: saved.sdvCleared },
    reason: first ? null : reason,
  });
  return { id: at.visit.id, subjectCode: at.participant.subjectCode, version: saved.version, outOfWindow: saved.outOfWindow };
}
