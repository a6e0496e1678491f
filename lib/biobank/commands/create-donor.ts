import { z } from "zod";
import { donors, futureConsent } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { isUniqueViolation } from "@/lib/actions/db-errors";
import { personCodeField } from "@/lib/biobank/fields";
import { choiceField, CLINICAL_DAY, dayField } from "@/lib/validation/fields";

export const createDonorSchema = z.strictObject({
  donorCode: personCodeField,
  // The form's select opens on "choose…": a consent is recorded only as the donor gave it.
  futureConsent: choiceField(futureConsent.enumValues),
  // A consent is given on a network day, never in the future.
  consentDate: dayField(CLINICAL_DAY),
});

/** A biobank-only donor with their own consent record, at the actor's centre. */
export const createDonorCommand = defineCommand({
  name: "biobank.donor.create",
  schema: createDonorSchema,
  permission: "biobank.specimen.register",
  handler: async ({ actor, input, tx, audit }) => {
    try {
      const [d] = await tx.insert(donors).values({ ...input, centreId: actor.centreId }).returning();
      audit({ action: "donor.created", entityType: "donor", entityId: d.id, centreId: actor.centreId, after: d });
      return { id: d.id, donorCode: d.donorCode };
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldError("donorCode", "biobank.errors.donorExists");
      throw err;
    }
  },
});
