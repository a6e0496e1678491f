import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { adverseEvents, participantVisits } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, notFound } from "@/lib/actions/errors";
import { choiceField, idField } from "@/lib/validation/fields";
import { entityRef } from "@/lib/followup/entity-ref";
import { mayVerify } from "@/lib/followup/scope";

/** A monitor on the study team marks a saved visit or AE as source-data verified (a later change clears it). */
export const verifyCommand = defineCommand({
  name: "followup.sdv.verify",
  schema: z.strictObject({ entityType: choiceField(["visit", "adverse_event"]), entityId: idField }),
  permission: "followup.verify",
  handler: async ({ actor, input, tx, audit }) => {
    const table = input.entityType === "visit" ? participantVisits : adverseEvents;
    // Lock first so a concurrent change cannot slip between the check and the mark.
    await tx.execute(sql`select 1 from ${table} where ${table.id} = ${input.entityId} for update`);
    const ref = await entityRef(tx, input.entityType, input.entityId, (studyId) => mayVerify(actor, studyId));
    if (!ref) throw notFound();
    if (!ref.recorded) throw new ActionError("followup.errors.notRecorded");
    if (ref.verified) throw new ActionError("followup.errors.alreadyVerified");
    const now = new Date();
    await tx.update(table).set({ sdvBy: actor.id, sdvAt: now, updatedAt: now }).where(eq(table.id, input.entityId));
    audit({ action: "sdv.verified", entityType: input.entityType, entityId: input.entityId, centreId: ref.centreId, studyId: ref.studyId, after: { verifiedAt: now.toISOString() } });
    return { id: input.entityId, subjectCode: ref.subjectCode };
  },
});
