import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { recordCustody } from "@/lib/biobank/custody";
import { lockTransfer } from "@/lib/biobank/load";
import { transferReceiveScope } from "@/lib/biobank/scope";
import { canMove, receiptStatus } from "@/lib/biobank/status";
import { idField, listOf, optionalTextField, TEXT_LIMITS } from "@/lib/validation/fields";

type Outcome = "received" | "missing" | "damaged";

export const receiveTransferSchema = z.strictObject({
  transferId: idField,
  // One "<item id>:<outcome>" per item of the transfer (a select per row on the receipt form).
  results: listOf(z.string().regex(/^\d{1,10}:(received|missing|damaged)$/, "validation.invalid"), 2000),
  note: optionalTextField({ max: TEXT_LIMITS.reason }),
});

/**
 * Only the destination centre receives. Each specimen is noted received, missing or damaged:
 * received ones become the destination's (available, not yet in a box); damaged ones become the
 * destination's too, quarantined until a manager reviews them (lib/biobank/status.ts) — a
 * receipt never destroys anything.
 */
export const receiveTransferCommand = defineCommand({
  name: "biobank.transfer.receive",
  schema: receiveTransferSchema,
  permission: "biobank.transfer.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const t = await lockTransfer(tx, input.transferId, transferReceiveScope(actor, "t"));
    if (t.status !== "in_transit") throw new ActionError("biobank.errors.transferState");
    const items = await queryRows<{ id: number; specimenId: number; status: string }>(
      tx,
      sql`select i.id, i.specimen_id as "specimenId", s.status from specimen_transfer_items i join specimens s on s.id = i.specimen_id
          where i.transfer_id = ${t.id} order by i.id for update of i, s`,
    );
    const outcome = new Map(input.results.map((r) => r.split(":") as [string, Outcome]).map(([id, o]) => [Number(id), o]));
    if (outcome.size !== items.length || items.some((i) => !outcome.has(i.id))) throw fieldError("results", "biobank.errors.receiptIncomplete");
    const counts = { received: 0, missing: 0, damaged: 0 };
    for (const i of items) {
      const o = outcome.get(i.id)!;
      counts[o]++;
      const to = receiptStatus(o);
      if (!canMove(i.status as "in_transit", to)) throw new ActionError("biobank.errors.badMove", { from: i.status, to });
      await tx.execute(sql`update specimens set status = ${to}, holder_centre_id = case when ${o !== "missing"} then ${t.toCentreId}::int else holder_centre_id end, updated_at = now() where id = ${i.specimenId}`);
      await tx.execute(sql`update specimen_transfer_items set outcome = ${o}, updated_at = now() where id = ${i.id}`);
    }
    await tx.execute(sql`update specimen_transfers set status = 'received', received_at = now(), received_by = ${actor.id}, note = coalesce(${input.note}, note), updated_at = now() where id = ${t.id}`);
    await recordCustody(
      tx,
      items.map((i) => {
        const o = outcome.get(i.id)!;
        return { specimenId: i.specimenId, event: o, centreId: t.toCentreId, userId: actor.id, transferId: t.id, detail: o === "damaged" ? (input.note ?? null) : null };
      }),
    );
    audit({ action: "transfer.received", entityType: "specimen_transfer", entityId: t.id, centreId: t.toCentreId, before: { status: t.status }, after: { status: "received", ...counts }, reason: input.note });
    return { id: t.id, ...counts };
  },
});
