import { sql } from "drizzle-orm";
import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { recordCustody } from "@/lib/biobank/custody";
import { barcodeField, checkboxField } from "@/lib/biobank/fields";
import { lockSpecimen } from "@/lib/biobank/load";
import { canMove, isTerminal, MANUAL_TARGETS } from "@/lib/biobank/status";
import { choiceField, TEXT_LIMITS, textField } from "@/lib/validation/fields";

export const changeStatusSchema = z
  .strictObject({
    barcode: barcodeField,
    // The select opens on a neutral "choose…" (an empty value): nothing is changed by default.
    status: choiceField(MANUAL_TARGETS),
    reason: textField({ max: TEXT_LIMITS.reason, min: 3 }),
    // A status with no way back (destroyed, depleted) is set only with this box ticked.
    confirm: checkboxField,
  })
  .superRefine((v, ctx) => {
    if (isTerminal(v.status) && !v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "biobank.validation.confirmTerminal" });
  });

/**
 * A manager's status change, only along the life-cycle graph: a quarantined or missing specimen
 * found fit (available), or one destroyed or used up — those two only when confirmed, with a reason.
 */
export const changeStatusCommand = defineCommand({
  name: "biobank.specimen.change_status",
  schema: changeStatusSchema,
  permission: "biobank.specimen.status",
  handler: async ({ actor, input, tx, audit }) => {
    const s = await lockSpecimen(tx, actor, { barcode: input.barcode });
    if (!canMove(s.status, input.status)) throw new ActionError("biobank.errors.badMove", { from: s.status, to: input.status });
    const leaves = input.status !== "available";
    await tx.execute(sql`update specimens set status = ${input.status}, updated_at = now(),
      box_id = case when ${leaves} then null else box_id end, pos_row = case when ${leaves} then null else pos_row end,
      pos_col = case when ${leaves} then null else pos_col end where id = ${s.id}`);
    await recordCustody(tx, [{ specimenId: s.id, event: "status_changed", centreId: s.holderCentreId, userId: actor.id, detail: `${s.status} → ${input.status}: ${input.reason}` }]);
    audit({ action: "specimen.status_changed", entityType: "specimen", entityId: s.id, centreId: s.holderCentreId, before: { status: s.status }, after: { status: input.status }, reason: input.reason });
    return { id: s.id, barcode: s.barcode, status: input.status };
  },
});
