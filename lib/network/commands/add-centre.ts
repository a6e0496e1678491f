import { eq } from "drizzle-orm";
import { z } from "zod";
import { organisations, orgLevel } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { fieldError } from "@/lib/actions/errors";
import { idField, nameField } from "@/lib/validation/fields";
import { childLevel } from "@/lib/network/levels";
import { centreSnapshot, loadManagedCentre } from "@/lib/network/scope";

export const centreCodeField = z
  .string({ message: "validation.required" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,8}$/, { message: "validation.code" });

const placeField = z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(50);

export const addCentreSchema = z.strictObject({
  parentId: idField,
  code: centreCodeField,
  nameZh: nameField,
  nameEn: nameField,
  level: z.enum(orgLevel.enumValues, { message: "validation.required" }),
  province: placeField,
  city: placeField,
});

/** A new centre one level below its parent, inside the actor's subtree (or anywhere for admins). */
export async function addCentre({ actor, input, tx, audit }: ActionContext<z.infer<typeof addCentreSchema>>) {
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
}
