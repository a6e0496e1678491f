import { eq } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "@/db/schema";
import { ORG_LEVELS } from "@/lib/enums";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { choiceField, idField, nameField, textField } from "@/lib/validation/fields";
import { centreCodeField } from "@/lib/network/centre-code";
import { childLevel } from "@/lib/network/levels";
import { centreSnapshot, loadManagedCentre } from "@/lib/network/scope";

const placeField = textField({ max: 50 });

export const addCentreSchema = z.strictObject({
  parentId: idField,
  code: centreCodeField,
  nameZh: nameField,
  nameEn: nameField,
  level: choiceField(ORG_LEVELS),
  province: placeField,
  city: placeField,
});

/** A new centre one level below its parent, inside the actor's subtree (or anywhere for admins). */
export const addCentreCommand = defineCommand({
  name: "network.centre.add",
  schema: addCentreSchema,
  permission: "centre.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const parent = await loadManagedCentre(tx, actor, input.parentId, true);
    if (!parent.active) throw fieldError("parentId", "network.errors.parentInactive");
    const level = childLevel(parent.level);
    if (!level) throw fieldError("parentId", "network.errors.noChildLevel");
    if (input.level !== level) throw fieldError("level", "network.errors.wrongLevel");

    // The unique code decides races: a second insert of the same code inserts nothing.
    const [created] = await tx
      .insert(organisations)
      .values({
        code: input.code,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        level,
        parentId: parent.id,
        path: parent.path, // completed below, once the id is known
        depth: parent.depth + 1,
        province: input.province,
        city: input.city,
      })
      .onConflictDoNothing({ target: organisations.code })
      .returning({ id: organisations.id });
    if (!created) throw fieldError("code", "network.errors.codeTaken");

    const [row] = await tx
      .update(organisations)
      .set({ path: `${parent.path}${created.id}/` })
      .where(eq(organisations.id, created.id))
      .returning();
    audit({ action: "centre.created", entityType: "organisation", entityId: row.id, centreId: row.id, after: centreSnapshot(row) });
    return { id: row.id, code: row.code };
  },
});
