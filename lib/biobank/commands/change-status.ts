import { sql } from "drizzle-orm";
import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { recordCustody } from "@/lib/biobank/custody";
import { barcodeField } from "@/lib/biobank/fields";
import { lockSpecimen } from "@/lib/biobank/load";
import { canMove, MANUAL_TARGETS } from "@/lib/biobank/status";
import { TEXT_LIMITS, textField } from "@/lib/validation/fields";

export const changeStatusSchema = z.strictObject({
  barcode: barcodeField,
  status: z.enum(MANUAL_TARGETS as ["available", "depleted", "destroyed"]),
  reason: textField({ max: TEXT_LIMITS.reason, min: 3 }),
});

/** A manager's status change (destroyed, depleted, found again): only along the life-cycle graph. */
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
    await recordCustody(tx, [{ specimenId: s.id, event: "status_changed", centreId: s.holderCentreId, userId: actor.id, detail: `${s.status} → ${input.status}` }]);
    audit({ action: "specimen.status_changed", entityType: "specimen", entityId: s.id, centreId: s.holderCentreId, before: { status: s.status }, after: { status: input.status }, reason: input.reason });
    return { id: s.id, status: input.status };
  },
});
