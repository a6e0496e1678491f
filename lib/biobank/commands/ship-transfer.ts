import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { recordCustody } from "@/lib/biobank/custody";
import { lockSpecimens, lockTransfer } from "@/lib/biobank/load";
import { transferSendScope } from "@/lib/biobank/scope";
import { canMove } from "@/lib/biobank/status";
import { idField } from "@/lib/validation/fields";

export const shipTransferSchema = z.strictObject({ transferId: idField });

/** The sending centre hands the batch over: its specimens leave their boxes and go in transit. */
export const shipTransferCommand = defineCommand({
  name: "biobank.transfer.ship",
  schema: shipTransferSchema,
  permission: "biobank.transfer.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const t = await lockTransfer(tx, input.transferId, transferSendScope(actor, "t"));
    if (t.status !== "created") throw new ActionError("biobank.errors.transferState");
    const items = await queryRows<{ specimenId: number }>(tx, sql`select specimen_id as "specimenId" from specimen_transfer_items where transfer_id = ${t.id}`);
    const list = await lockSpecimens(tx, actor, { ids: items.map((i) => i.specimenId) });
    const bad = list.filter((s) => !canMove(s.status, "in_transit") || s.holderCentreId !== t.fromCentreId);
    if (bad.length) throw new ActionError("biobank.errors.notShippable", { barcodes: bad.map((s) => s.barcode).join(", ") });
    await tx.execute(sql`update specimens set status = 'in_transit', box_id = null, pos_row = null, pos_col = null, updated_at = now()
      where id in (${sql.join(list.map((s) => sql`${s.id}`), sql`, `)})`);
    await tx.execute(sql`update specimen_transfers set status = 'in_transit', shipped_at = now(), updated_at = now() where id = ${t.id}`);
    await recordCustody(tx, list.map((s) => ({ specimenId: s.id, event: "shipped" as const, centreId: t.fromCentreId, userId: actor.id, transferId: t.id })));
    audit({ action: "transfer.shipped", entityType: "specimen_transfer", entityId: t.id, centreId: t.fromCentreId, before: { status: t.status }, after: { status: "in_transit", specimens: list.length } });
    return { id: t.id };
  },
});
