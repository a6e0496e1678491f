import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { organisations, specimenTransferItems, specimenTransfers } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { recordCustody } from "@/lib/biobank/custody";
import { lockSpecimens } from "@/lib/biobank/load";
import { canMove } from "@/lib/biobank/status";
import { parseBarcodeList } from "@/lib/biobank/barcodes";
import { idField } from "@/lib/validation/fields";

export const createTransferSchema = z.strictObject({
  toCentreId: idField,
  barcodes: z.string().trim().min(1).max(20000),
  note: z.string().trim().max(500).optional(),
});
export const transferIdSchema = z.strictObject({ transferId: idField });
export const receiveTransferSchema = z.strictObject({
  transferId: idField,
  results: z.array(z.string().regex(/^\d+:(received|missing|damaged)$/)).min(1),
  note: z.string().trim().max(500).optional(),
});

/** A batch from the actor's centre to another centre; specimens must be held here and available. */
export async function createTransfer({ actor, input, tx, audit }: ActionContext<z.infer<typeof createTransferSchema>>) {
  const barcodes = parseBarcodeList(input.barcodes);
  if (!barcodes.ok) throw fieldError("barcodes", "biobank.errors.barcodeList");
  if (input.toCentreId === actor.centreId) throw fieldError("toCentreId", "biobank.errors.sameCentre");
  const [dest] = await tx.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, input.toCentreId), eq(organisations.active, true)));
  if (!dest) throw fieldError("toCentreId", "validation.invalid");
  const list = await lockSpecimens(tx, actor, { barcodes: barcodes.list });
  const bad = list.filter((s) => s.status !== "available" || s.holderCentreId !== actor.centreId);
  if (bad.length) throw fieldError("barcodes", "biobank.errors.notShippable", { barcodes: bad.map((s) => s.barcode).join(", ") });
  const open = await queryRows<{ barcode: string }>(
    tx,
    sql`select s.barcode from specimen_transfer_items i join specimen_transfers t on t.id = i.transfer_id join specimens s on s.id = i.specimen_id
        where t.status = 'created' and i.specimen_id in (${sql.join(list.map((s) => sql`${s.id}`), sql`, `)})`,
  );
  if (open.length) throw fieldError("barcodes", "biobank.errors.alreadyInTransfer", { barcodes: open.map((o) => o.barcode).join(", ") });
  const [t] = await tx
    .insert(specimenTransfers)
    .values({ code: `TR-${Date.now().toString(36).toUpperCase()}-${actor.centreId}`, fromCentreId: actor.centreId, toCentreId: dest.id, note: input.note || null, createdBy: actor.id })
    .returning();
  await tx.insert(specimenTransferItems).values(list.map((s) => ({ transferId: t.id, specimenId: s.id })));
  audit({ action: "transfer.created", entityType: "specimen_transfer", entityId: t.id, centreId: actor.centreId, after: { ...t, barcodes: list.map((s) => s.barcode) } });
  return { id: t.id, code: t.code };
}

async function lockTransfer(tx: ActionContext<unknown>["tx"], id: number, where: ReturnType<typeof sql>) {
  const [t] = await queryRows<{ id: number; code: string; status: string; fromCentreId: number; toCentreId: number }>(
    tx,
    sql`select id, code, status, from_centre_id as "fromCentreId", to_centre_id as "toCentreId" from specimen_transfers t where t.id = ${id} and ${where} for update`,
  );
  if (!t) throw notFound();
  return t;
}

const holdsFrom = (actor: { role: string; centreId: number }) => (actor.role === "network_admin" ? sql`true` : sql`t.from_centre_id = ${actor.centreId}`);
const holdsTo = (actor: { role: string; centreId: number }) => (actor.role === "network_admin" ? sql`true` : sql`t.to_centre_id = ${actor.centreId}`);

/** The sending centre hands the batch over: its specimens leave their boxes and go in transit. */
export async function shipTransfer({ actor, input, tx, audit }: ActionContext<z.infer<typeof transferIdSchema>>) {
  const t = await lockTransfer(tx, input.transferId, holdsFrom(actor));
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
}

/**
 * Only the destination centre receives. Each specimen is noted received, missing or damaged:
 * received ones become the destination's (available, not yet in a box); damaged are destroyed.
 */
export async function receiveTransfer({ actor, input, tx, audit }: ActionContext<z.infer<typeof receiveTransferSchema>>) {
  const t = await lockTransfer(tx, input.transferId, holdsTo(actor));
  if (t.status !== "in_transit") throw new ActionError("biobank.errors.transferState");
  const items = await queryRows<{ id: number; specimenId: number; status: string }>(
    tx,
    sql`select i.id, i.specimen_id as "specimenId", s.status from specimen_transfer_items i join specimens s on s.id = i.specimen_id
        where i.transfer_id = ${t.id} order by i.id for update of i, s`,
  );
  const outcome = new Map(input.results.map((r) => r.split(":") as [string, "received" | "missing" | "damaged"]).map(([id, o]) => [Number(id), o]));
  if (outcome.size !== items.length || items.some((i) => !outcome.has(i.id))) throw fieldError("results", "biobank.errors.receiptIncomplete");
  const counts = { received: 0, missing: 0, damaged: 0 };
  for (const i of items) {
    const o = outcome.get(i.id)!;
    counts[o]++;
    const to = o === "received" ? "available" : o === "missing" ? "missing" : "destroyed";
    if (!canMove(i.status as "in_transit", to)) throw new ActionError("biobank.errors.badMove", { from: i.status, to });
    await tx.execute(sql`update specimens set status = ${to}, holder_centre_id = case when ${o !== "missing"} then ${t.toCentreId}::int else holder_centre_id end, updated_at = now() where id = ${i.specimenId}`);
    await tx.execute(sql`update specimen_transfer_items set outcome = ${o}, updated_at = now() where id = ${i.id}`);
  }
  await tx.execute(sql`update specimen_transfers set status = 'received', received_at = now(), received_by = ${actor.id}, note = coalesce(${input.note || null}, note), updated_at = now() where id = ${t.id}`);
  await recordCustody(tx, items.map((i) => ({ specimenId: i.specimenId, event: outcome.get(i.id)!, centreId: t.toCentreId, userId: actor.id, transferId: t.id })));
  audit({ action: "transfer.received", entityType: "specimen_transfer", entityId: t.id, centreId: t.toCentreId, before: { status: t.status }, after: { status: "received", ...counts }, reason: input.note || null });
  return { id: t.id, ...counts };
}
