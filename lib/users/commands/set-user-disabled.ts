import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { boolField, idField, reasonField } from "@/lib/validation/fields";
import { revokeOpenResets } from "@/lib/users/password-reset";
import { loadManagedUser } from "@/lib/users/scope";

export const setUserDisabledSchema = z.strictObject({ userId: idField, disabled: boolField, reason: reasonField });

/** Disables (ending every live session at its next request, and any reset link) or re-enables an account. */
export const setUserDisabledCommand = defineCommand({
  name: "users.user.set_disabled",
  schema: setUserDisabledSchema,
  permission: "user.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const user = await loadManagedUser(tx, actor, input.userId);
    if (user.disabled === input.disabled) throw new ActionError(input.disabled ? "users.errors.alreadyDisabled" : "users.errors.alreadyEnabled");
    await tx
      .update(users)
      .set({
        disabled: input.disabled,
        sessionVersion: input.disabled ? sql`${users.sessionVersion} + 1` : users.sessionVersion,
        updatedAt: new Date(),
      })
      .where(eq(users.id, user.id));
    if (input.disabled) await revokeOpenResets(tx, user.id);
    audit({
      action: input.disabled ? "user.disabled" : "user.enabled",
      entityType: "user",
      entityId: user.id,
      centreId: user.centreId,
      before: { disabled: user.disabled },
      after: { disabled: input.disabled },
      reason: input.reason,
    });
    return { id: user.id };
  },
});
