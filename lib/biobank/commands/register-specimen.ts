import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { donors, futureConsent, participants, specimens, specimenType, type FutureConsent } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { barcodeFor, SPECIMEN_TYPES } from "@/lib/biobank/catalog";
import { consentMismatchKey, participantConsent, type ConsentSource } from "@/lib/biobank/consent";
import { recordCustody } from "@/lib/biobank/custody";
import { personCodeField, quantityField } from "@/lib/biobank/fields";
import { nextSpecimenIds } from "@/lib/biobank/load";
import { registrationOwnerScope } from "@/lib/biobank/scope";
import { choiceField, CLINICAL_DAY, networkDateTimeField, optionalRequestKeyField } from "@/lib/validation/fields";

const blankToUndef = (v: unknown) => (v === "" ? undefined : v);

export const registerSpecimenSchema = z
  .strictObject({
    type: choiceField(specimenType.enumValues),
    ownerKind: choiceField(["subject", "donor"]),
    subjectCode: z.preprocess(blankToUndef, personCodeField.optional()),
    donorCode: z.preprocess(blankToUndef, personCodeField.optional()),
    // Not asked: the consent comes from the owner's record. A caller stating one that contradicts
    // the record is refused (never silently overridden, never silently applied).
    futureConsent: z.preprocess(blankToUndef, choiceField(futureConsent.enumValues).optional()),
    // A datetime-local value carries no zone: staff enter the network's local time.
    collectedAt: networkDateTimeField(CLINICAL_DAY),
    quantity: quantityField,
    requestKey: optionalRequestKeyField,
  })
  .superRefine((v, ctx) => {
    if (v.ownerKind === "subject" && !v.subjectCode) ctx.addIssue({ code: "custom", path: ["subjectCode"], message: "validation.required" });
    if (v.ownerKind === "donor" && !v.donorCode) ctx.addIssue({ code: "custom", path: ["donorCode"], message: "validation.required" });
    if (Date.parse(v.collectedAt) > Date.now() + 5 * 60_000) ctx.addIssue({ code: "custom", path: ["collectedAt"], message: "validation.invalid" });
  });

/**
 * Registers a specimen collected at the actor's own centre; the barcode comes from its id. Its
 * consent for future research is the owner's: the participant's answer at enrolment, or the
 * donor's consent record (lib/biobank/consent.ts).
 */
export const registerSpecimenCommand = defineCommand({
  name: "biobank.specimen.register",
  schema: registerSpecimenSchema,
  permission: "biobank.specimen.register",
  // The same registration sent again registers one specimen (one barcode).
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    let donorId: number | null = null;
    let participantId: number | null = null;
    let consent: FutureConsent;
    let source: ConsentSource;
    if (input.ownerKind === "subject") {
      // The participant must be one of this site's own (its current site collects the specimen).
      const [p] = await tx
        .select({ id: participants.id, futureUse: participants.specimensFutureUse })
        .from(participants)
        .where(and(eq(participants.subjectCode, input.subjectCode ?? ""), registrationOwnerScope(actor, participants.centreId)));
      if (!p) throw fieldError("subjectCode", "biobank.errors.subjectUnknown");
      participantId = p.id;
      consent = participantConsent(p.futureUse);
      source = "participant";
    } else {
      // A donor is found only among those registered at the actor's centre.
      const [d] = await tx.select().from(donors).where(and(eq(donors.donorCode, input.donorCode ?? ""), registrationOwnerScope(actor, donors.centreId)));
      if (!d) throw fieldError("donorCode", "biobank.errors.donorUnknown");
      donorId = d.id;
      consent = d.futureConsent;
      source = "donor";
    }
    if (input.futureConsent !== undefined && input.futureConsent !== consent) throw fieldError("futureConsent", consentMismatchKey(source, consent));
    const collectedAt = new Date(input.collectedAt);
    const [id] = await nextSpecimenIds(tx, 1);
    const spec = SPECIMEN_TYPES[input.type];
    const row = {
      id,
      barcode: barcodeFor(id),
      category: spec.category,
      type: input.type,
      centreId: actor.centreId,
      holderCentreId: actor.centreId,
      subjectCode: input.ownerKind === "subject" ? (input.subjectCode ?? null) : null,
      participantId,
      donorId,
      collectedAt,
      quantity: input.quantity.toFixed(3),
      unit: spec.unit,
      futureConsent: consent,
      createdBy: actor.id,
    };
    await tx.insert(specimens).values(row);
    await recordCustody(tx, [{ specimenId: id, event: "collected", at: collectedAt, centreId: actor.centreId, userId: actor.id }]);
    audit({ action: "specimen.registered", entityType: "specimen", entityId: id, centreId: actor.centreId, after: { ...row, consentSource: source } });
    return { id, barcode: row.barcode, futureConsent: consent, consentSource: source };
  },
});
