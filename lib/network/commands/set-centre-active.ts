import { eq } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { boolField, idField, reasonField } from "@/lib/validation/fields";
import { loadManagedCentre } from "@/lib/network/scope";

export const setCentreActiveSchema = z.strictObject({ centreId: idField, active: boolField, reason: reasonField });

/**
 * Deactivates or reactivates a centre, with a reason. Centres are never deleted: their history
 * and records stay. A coordinator cannot switch off the centre they belong to, nor the hub.
 */
export const setCentreActiveCommand = defineCommand({
  name: "network.centre.set_active",
  schema: setCentreActiveSchema,
  permission: "centre.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const centre = await loadManagedCentre(tx, actor, input.centreId, false);
    if (centre.parentId === null) throw new ActionError("network.errors.rootFixed");
    if (centre.active === input.active) throw new ActionError(input.active ? "network.errors.alreadyActive" : "network.errors.alreadyInactive");
    await tx.update(organisations).set({ active: input.active, updatedAt: new Date() }).where(eq(organisations.id, centre.id));
    audit({
      action: input.active ? "centre.reactivated" : "centre.deactivated",
      entityType: "organisation",
      entityId: centre.id,
      centreId: centre.id,
      before: { active: centre.active },
      after: { active: input.active },
      reason: input.reason,
    });
    return { id: centre.id, code: centre.code };
  },
});
