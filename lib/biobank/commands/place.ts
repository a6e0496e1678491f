import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { isUniqueViolation } from "@/lib/actions/db-errors";
import { positionLabel } from "@/lib/biobank/catalog";
import { recordCustody } from "@/lib/biobank/custody";
import { lockBox, lockSpecimen } from "@/lib/biobank/load";
import { idField } from "@/lib/validation/fields";

export const placeSpecimenSchema = z.strictObject({
  barcode: z.string().trim().toUpperCase().min(1).max(40),
  boxId: idField,
  row: z.coerce.number().int().min(1).max(26),
  col: z.coerce.number().int().min(1).max(26),
});

export const removeSpecimenSchema = z.strictObject({ barcode: z.string().trim().toUpperCase().min(1).max(40) });

/**
 * Puts a specimen held by the actor's centre into a free position of one of its boxes (or moves
 * it there). The unique (box, row, col) constraint is the final word on "free".
 */
export async function placeSpecimen({ actor, input, tx, audit }: ActionContext<z.infer<typeof placeSpecimenSchema>>) {
  const s = await lockSpecimen(tx, actor, { barcode: input.barcode });
  const box = await lockBox(tx, actor, input.boxId);
  if (box.centreId !== s.holderCentreId) throw new ActionError("biobank.errors.notHeldHere");
  if (s.status !== "available" && s.status !== "reserved") throw new ActionError("biobank.errors.notStorable");
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
  const where = `${box.path} / ${positionLabel(input.row, input.col)}`;
  await recordCustody(tx, [{ specimenId: s.id, event: "stored", centreId: box.centreId, userId: actor.id, detail: where }]);
  audit({
    action: "specimen.placed",
    entityType: "specimen",
    entityId: s.id,
    centreId: s.holderCentreId,
    before: { boxId: s.boxId, row: s.posRow, col: s.posCol },
    after: { boxId: box.id, row: input.row, col: input.col },
  });
  return { id: s.id, location: where };
}

/** Takes a specimen out of its position (it stays with its holder centre). */
export async function removeSpecimen({ actor, input, tx, audit }: ActionContext<z.infer<typeof removeSpecimenSchema>>) {
  const s = await lockSpecimen(tx, actor, { barcode: input.barcode });
  if (s.boxId === null) throw new ActionError("biobank.errors.notStored");
  await tx.execute(sql`update specimens set box_id = null, pos_row = null, pos_col = null, updated_at = now() where id = ${s.id}`);
  await recordCustody(tx, [{ specimenId: s.id, event: "removed", centreId: s.holderCentreId, userId: actor.id }]);
  audit({ action: "specimen.removed", entityType: "specimen", entityId: s.id, centreId: s.holderCentreId, before: { boxId: s.boxId, row: s.posRow, col: s.posCol }, after: { boxId: null } });
  return { id: s.id };
}
