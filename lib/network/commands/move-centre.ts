import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { isWithin, subtreePattern } from "@/lib/authz/scope";
import { idField } from "@/lib/validation/fields";
import { parentLevel } from "@/lib/network/levels";
import { loadManagedCentre } from "@/lib/network/scope";

export const moveCentreSchema = z.strictObject({ centreId: idField, newParentId: idField });

/**
 * Hangs a centre (and everything below it) under another parent of the level above, both inside
 * the actor's reach. The materialized paths of the whole moved subtree change in one UPDATE.
 */
export const moveCentreCommand = defineCommand({
  name: "network.centre.move",
  schema: moveCentreSchema,
  permission: "centre.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const centre = await loadManagedCentre(tx, actor, input.centreId, false);
    const target = await loadManagedCentre(tx, actor, input.newParentId, true);
    // Checked before the level: a centre can never hang below itself, whatever the levels say.
    if (isWithin(target.path, centre.path)) throw fieldError("newParentId", "network.errors.cycle");
    if (target.id === centre.parentId) throw fieldError("newParentId", "network.errors.sameParent");
    if (target.level !== parentLevel(centre.level)) throw fieldError("newParentId", "network.errors.wrongParentLevel");
    if (!target.active) throw fieldError("newParentId", "network.errors.parentInactive");

    const oldPath = centre.path;
    const newPath = `${target.path}${centre.id}/`;
    const depthDelta = target.depth + 1 - centre.depth;
    await tx.execute(sql`
      update organisations
         set path = ${newPath} || substr(path, ${oldPath.length + 1}),
             depth = depth + ${depthDelta},
             parent_id = case when id = ${centre.id} then ${target.id}::int else parent_id end,
             updated_at = now()
       where path like ${subtreePattern(oldPath)}`);

    const [from] = await queryRows<{ code: string }>(tx, sql`select code from organisations where id = ${centre.parentId}`);
    audit({
      action: "centre.moved",
      entityType: "organisation",
      entityId: centre.id,
      centreId: centre.id,
      before: { parentId: centre.parentId, parentCode: from?.code ?? null, path: oldPath },
      after: { parentId: target.id, parentCode: target.code, path: newPath },
    });
    return { id: centre.id, code: centre.code };
  },
});
