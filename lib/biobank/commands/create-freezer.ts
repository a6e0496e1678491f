import { z } from "zod";
import { storageFreezers } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { storageCodeField } from "@/lib/biobank/fields";
import { uniqueCode } from "@/lib/biobank/unique-code";
import { intField, textField } from "@/lib/validation/fields";

export const createFreezerSchema = z.strictObject({
  code: storageCodeField,
  name: textField({ max: 80 }),
  temperatureC: intField({ min: -200, max: 8 }),
});

/** A freezer at the actor's own centre. */
export const createFreezerCommand = defineCommand({
  name: "biobank.freezer.create",
  schema: createFreezerSchema,
  permission: "biobank.storage.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const [f] = await uniqueCode(() => tx.insert(storageFreezers).values({ ...input, centreId: actor.centreId }).returning());
    audit({ action: "storage.freezer_created", entityType: "storage_freezer", entityId: f.id, centreId: f.centreId, after: f });
    return { id: f.id };
  },
});
