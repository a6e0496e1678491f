import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { idField } from "@/lib/validation/fields";
import { changeReasonField, visitValuesShape } from "@/lib/followup/fields";
import { pick } from "@/lib/followup/versions";
import { lockVisitAtOwnSite, saveVisit } from "@/lib/followup/visit-record";

/** Site staff record a visit (done or missed); changing a recorded visit needs a reason. */
export const recordVisitCommand = defineCommand({
  name: "followup.visit.record",
  schema: z.strictObject({ visitId: idField, ...visitValuesShape, reason: changeReasonField }),
  permission: "followup.record",
  handler: async ({ actor, input, tx, audit }) => {
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
  },
});
