import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { idField } from "@/lib/validation/fields";
import { lockAeAtOwnSite, saveAe } from "@/lib/followup/ae-record";
import { aeValuesShape, changeReasonField } from "@/lib/followup/fields";
import { pick } from "@/lib/followup/versions";

/** A change to a saved AE: reason required, verification cleared; newly serious means reported now. */
export const updateAeCommand = defineCommand({
  name: "followup.ae.update",
  schema: z.strictObject({ aeId: idField, ...aeValuesShape, reason: changeReasonField }),
  permission: "followup.record",
  handler: async ({ actor, input, tx, audit }) => {
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
  },
});
