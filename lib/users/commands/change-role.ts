import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { idField } from "@/lib/validation/fields";
import { roleField } from "@/lib/users/fields";
import { mayHoldUnder } from "@/lib/users/management";
import { loadManagedUser } from "@/lib/users/scope";

export const changeRoleSchema = z.strictObject({ userId: idField, role: roleField });

/**
 * A new network role for someone the actor manages, only one whose reach stays inside the
 * actor's; the user's live sessions end so the next request sees the new rights.
 */
export const changeRoleCommand = defineCommand({
  name: "users.user.change_role",
  schema: changeRoleSchema,
  permission: "user.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const user = await loadManagedUser(tx, actor, input.userId);
    if (!mayHoldUnder(actor, input.role, user.centrePath)) throw fieldError("role", "users.errors.roleNotGrantable");
    if (user.role === input.role) throw fieldError("role", "users.errors.sameRole");
    await tx
      .update(users)
      .set({ role: input.role, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    audit({
      action: "user.role_changed",
      entityType: "user",
      entityId: user.id,
      centreId: user.centreId,
      before: { role: user.role },
      after: { role: input.role },
    });
    return { id: user.id };
  },
});
