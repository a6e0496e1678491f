import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { organisations, specimenTransferItems, specimenTransfers } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { parseBarcodeList } from "@/lib/biobank/barcodes";
import { barcodeListField } from "@/lib/biobank/fields";
import { lockSpecimens } from "@/lib/biobank/load";
import { idField, optionalRequestKeyField, optionalTextField, TEXT_LIMITS } from "@/lib/validation/fields";

export const createTransferSchema = z.strictObject({
  toCentreId: idField,
  barcodes: barcodeListField,
  note: optionalTextField({ max: TEXT_LIMITS.reason }),
  requestKey: optionalRequestKeyField,
});

/** A batch from the actor's centre to another centre; specimens must be held here and available. */
export const createTransferCommand = defineCommand({
  name: "biobank.transfer.create",
  schema: createTransferSchema,
  permission: "biobank.transfer.manage",
  // The same batch sent again creates one transfer.
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
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
      .values({ code: `TR-${Date.now().toString(36).toUpperCase()}-${actor.centreId}`, fromCentreId: actor.centreId, toCentreId: dest.id, note: input.note, createdBy: actor.id })
      .returning();
    await tx.insert(specimenTransferItems).values(list.map((s) => ({ transferId: t.id, specimenId: s.id })));
    audit({ action: "transfer.created", entityType: "specimen_transfer", entityId: t.id, centreId: actor.centreId, after: { ...t, barcodes: list.map((s) => s.barcode) } });
    return { id: t.id, code: t.code };
  },
});
