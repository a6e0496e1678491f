import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { hashPassword } from "@/lib/auth/password";
import { idField } from "@/lib/validation/fields";
import { passwordField } from "@/lib/users/fields";
import { loadManagedUser } from "@/lib/users/scope";

export const setPasswordSchema = z.strictObject({ userId: idField, password: passwordField });

/** Sets a new password for someone in reach; their live sessions end. The hash is never audited. */
export const setPasswordCommand = defineCommand({
  name: "users.user.set_password",
  schema: setPasswordSchema,
  permission: "user.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const user = await loadManagedUser(tx, actor, input.userId);
    const passwordHash = await hashPassword(input.password);
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    audit({ action: "user.password_set", entityType: "user", entityId: user.id, centreId: user.centreId, after: { sessionsEnded: true } });
    return { id: user.id };
  },
});
