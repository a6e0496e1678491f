import { sql } from "drizzle-orm";
import { z } from "zod";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError } from "@/lib/actions/errors";
import { recordCustody } from "@/lib/biobank/custody";
import { lockSpecimen } from "@/lib/biobank/load";
import { canMove, MANUAL_TARGETS } from "@/lib/biobank/status";

export const changeStatusSchema = z.strictObject({
  barcode: z.string().trim().toUpperCase().min(1).max(40),
  status: z.enum(MANUAL_TARGETS as ["available", "depleted", "destroyed"]),
  reason: z.string().trim().min(3).max(500),
});

/** A manager's status change (destroyed, depleted, found again): only along the life-cycle graph. */
export async function changeSpecimenStatus({ actor, input, tx, audit }: ActionContext<z.infer<typeof changeStatusSchema>>) {
  const s = await lockSpecimen(tx, actor, { barcode: input.barcode });
  if (!canMove(s.status, input.status)) throw new ActionError("biobank.errors.badMove", { from: s.status, to: input.status });
  const leaves = input.status !== "available";
  await tx.execute(sql`update specimens set status = ${input.status}, updated_at = now(),
    box_id = case when ${leaves} then null else box_id end, pos_row = case when ${leaves} then null else pos_row end,
    pos_col = case when ${leaves} then null else pos_col end where id = ${s.id}`);
  await recordCustody(tx, [{ specimenId: s.id, event: "status_changed", centreId: s.holderCentreId, userId: actor.id, detail: `${s.status} → ${input.status}` }]);
  audit({ action: "specimen.status_changed", entityType: "specimen", entityId: s.id, centreId: s.holderCentreId, before: { status: s.status }, after: { status: input.status }, reason: input.reason });
  return { id: s.id, status: input.status };
}
