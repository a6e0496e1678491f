import { sql } from "drizzle-orm";
import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { recordCustody } from "@/lib/biobank/custody";
import { barcodeField } from "@/lib/biobank/fields";
import { lockSpecimen } from "@/lib/biobank/load";

export const removeSpecimenSchema = z.strictObject({ barcode: barcodeField });

/** Takes a specimen out of its position (it stays with its holder centre). */
export const removeSpecimenCommand = defineCommand({
  name: "biobank.specimen.remove",
  schema: removeSpecimenSchema,
  permission: "biobank.storage.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const s = await lockSpecimen(tx, actor, { barcode: input.barcode });
    if (s.boxId === null) throw new ActionError("biobank.errors.notStored");
    await tx.execute(sql`update specimens set box_id = null, pos_row = null, pos_col = null, updated_at = now() where id = ${s.id}`);
    await recordCustody(tx, [{ specimenId: s.id, event: "removed", centreId: s.holderCentreId, userId: actor.id }]);
    audit({ action: "specimen.removed", entityType: "specimen", entityId: s.id, centreId: s.holderCentreId, before: { boxId: s.boxId, row: s.posRow, col: s.posCol }, after: { boxId: null } });
    return { id: s.id };
  },
});
