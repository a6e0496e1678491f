import { z } from "zod";
import { donors, futureConsent } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { fieldError } from "@/lib/actions/errors";
import { isUniqueViolation } from "@/lib/actions/db-errors";

export const createDonorSchema = z.strictObject({
  donorCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{3,39}$/, "validation.invalid"),
  futureConsent: z.enum(futureConsent.enumValues),
  consentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalid"),
});

/** A biobank-only donor with their own consent record, at the actor's centre. */
export async function createDonor({ actor, input, tx, audit }: ActionContext<z.infer<typeof createDonorSchema>>) {
  if (input.consentDate > new Date().toISOString().slice(0, 10)) throw fieldError("consentDate", "biobank.errors.futureDate");
  try {
    const [d] = await tx.insert(donors).values({ ...input, centreId: actor.centreId }).returning();
    audit({ action: "donor.created", entityType: "donor", entityId: d.id, centreId: actor.centreId, after: d });
    return { id: d.id, donorCode: d.donorCode };
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError("donorCode", "biobank.errors.donorExists");
    throw err;
  }
}
