import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { isUniqueViolation } from "@/lib/actions/db-errors";
import { recordCustody } from "@/lib/biobank/custody";
import { barcodeField, boxSideField } from "@/lib/biobank/fields";
import { lockBox, lockSpecimen } from "@/lib/biobank/load";
import { specimenLocation } from "@/lib/biobank/location";
import { isStorable } from "@/lib/biobank/status";
import { idField } from "@/lib/validation/fields";

export const placeSpecimenSchema = z.strictObject({
  barcode: barcodeField,
  boxId: idField,
  row: boxSideField,
  col: boxSideField,
});

/**
 * Puts a specimen held by the actor's centre into a free position of one of its boxes (or moves
 * it there). The unique (box, row, col) constraint is the final word on "free".
 */
export const placeSpecimenCommand = defineCommand({
  name: "biobank.specimen.place",
  schema: placeSpecimenSchema,
  permission: "biobank.storage.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const s = await lockSpecimen(tx, actor, { barcode: input.barcode });
    const box = await lockBox(tx, actor, input.boxId);
    if (box.centreId !== s.holderCentreId) throw new ActionError("biobank.errors.notHeldHere");
    if (!isStorable(s.status)) throw new ActionError("biobank.errors.notStorable");
    if (input.row > box.rows) throw fieldError("row", "biobank.errors.outsideBox");
    if (input.col > box.cols) throw fieldError("col", "biobank.errors.outsideBox");
    const [taken] = await queryRows<{ barcode: string }>(
      tx,
      sql`select barcode from specimens where box_id = ${box.id} and pos_row = ${input.row} and pos_col = ${input.col} and id <> ${s.id}`,
    );
    if (taken) throw fieldError("row", "biobank.errors.positionTaken", { barcode: taken.barcode });
    try {
      await tx.execute(sql`update specimens set box_id = ${box.id}, pos_row = ${input.row}, pos_col = ${input.col}, updated_at = now() where id = ${s.id}`);
    } catch (err) {
      // A parallel placement took the position after the check above: the constraint decides.
      if (isUniqueViolation(err, "specimens_position_uq")) throw fieldError("row", "biobank.errors.positionTaken", { barcode: "?" });
      throw err;
    }
    const where = specimenLocation({ ...box, posRow: input.row, posCol: input.col });
    await recordCustody(tx, [{ specimenId: s.id, event: "stored", centreId: box.centreId, userId: actor.id, detail: where }]);
    audit({
      action: "specimen.placed",
      entityType: "specimen",
      entityId: s.id,
      centreId: s.holderCentreId,
      before: { boxId: s.boxId, row: s.posRow, col: s.posCol },
      after: { boxId: box.id, row: input.row, col: input.col },
    });
    return { id: s.id, barcode: s.barcode, boxId: box.id, location: where };
  },
});
