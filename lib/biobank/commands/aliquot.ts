import { sql } from "drizzle-orm";
import { z } from "zod";
import { specimens, specimenType } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { barcodeFor, canDeriveType, SPECIMEN_TYPES } from "@/lib/biobank/catalog";
import { recordCustody } from "@/lib/biobank/custody";
import { barcodeField, quantityField } from "@/lib/biobank/fields";
import { lockSpecimen, nextSpecimenIds } from "@/lib/biobank/load";
import { fromMilli, planAliquots, toMilli } from "@/lib/biobank/quantity";
import { canMove } from "@/lib/biobank/status";
import { choiceField } from "@/lib/validation/fields";

export const aliquotSchema = z.strictObject({
  barcode: barcodeField,
  childType: choiceField(specimenType.enumValues),
  // A form sends "1 1.25 0.5" in one field; callers may also send an array.
  quantities: z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\s,;，；]+/).filter(Boolean) : v),
    z.array(quantityField).min(1).max(48),
  ),
});

/**
 * Splits a specimen into aliquots (or derivatives of the same category) whose quantities add
 * up to at most what it holds; the parent keeps the remainder and is depleted at zero.
 */
export const aliquotCommand = defineCommand({
  name: "biobank.specimen.aliquot",
  schema: aliquotSchema,
  permission: "biobank.specimen.handle",
  handler: async ({ actor, input, tx, audit }) => {
    const p = await lockSpecimen(tx, actor, { barcode: input.barcode });
    if (p.status !== "available") throw new ActionError("biobank.errors.notAvailable");
    if (!canDeriveType(p.type, input.childType)) throw fieldError("childType", "biobank.errors.typeMismatch");
    const parts = input.quantities.map(toMilli);
    const plan = planAliquots(toMilli(p.quantity), parts);
    if (!plan.ok) throw fieldError("quantities", `biobank.errors.aliquot_${plan.reason}`, { available: fromMilli(toMilli(p.quantity)) });
    const ids = await nextSpecimenIds(tx, parts.length);
    const children = ids.map((id, i) => ({
      id,
      barcode: barcodeFor(id),
      category: SPECIMEN_TYPES[input.childType].category,
      type: input.childType,
      centreId: p.centreId,
      holderCentreId: p.holderCentreId,
      subjectCode: p.subjectCode,
      donorId: p.donorId,
      collectedAt: p.collectedAt,
      quantity: fromMilli(parts[i]),
      unit: SPECIMEN_TYPES[input.childType].unit,
      futureConsent: p.futureConsent,
      parentId: p.id,
      createdBy: actor.id,
    }));
    await tx.insert(specimens).values(children);
    const depleted = plan.remainderMilli === 0 && canMove(p.status, "depleted");
    await tx.execute(sql`update specimens set quantity = ${fromMilli(plan.remainderMilli)}, status = ${depleted ? "depleted" : p.status},
      box_id = case when ${depleted} then null else box_id end, pos_row = case when ${depleted} then null else pos_row end,
      pos_col = case when ${depleted} then null else pos_col end, updated_at = now() where id = ${p.id}`);
    await recordCustody(tx, [
      { specimenId: p.id, event: "aliquoted", centreId: p.holderCentreId, userId: actor.id, detail: children.map((c) => c.barcode).join(", ") },
      ...children.map((c) => ({ specimenId: c.id, event: "aliquoted" as const, centreId: p.holderCentreId, userId: actor.id, detail: p.barcode })),
    ]);
    audit({
      action: "specimen.aliquoted",
      entityType: "specimen",
      entityId: p.id,
      centreId: p.holderCentreId,
      before: { quantity: p.quantity, status: p.status },
      after: { quantity: fromMilli(plan.remainderMilli), status: depleted ? "depleted" : p.status, children: children.map((c) => ({ barcode: c.barcode, quantity: c.quantity })) },
    });
    return { parent: p.barcode, children: children.map((c) => c.barcode) };
  },
});
