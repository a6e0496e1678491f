import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users, userSessions } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { currentPasswordField, passwordField } from "@/lib/users/fields";
import { revokeOpenResets } from "@/lib/users/password-reset";

export const changeOwnPasswordSchema = z
  .strictObject({ currentPassword: currentPasswordField, password: passwordField, confirm: passwordField })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "validation.passwordMismatch" });
  });

/**
 * The signed-in person replaces their own password: the one step open to someone who signed in
 * with a temporary password (a new account), and open to everyone else too. Their other
 * sessions end; this one goes on. Outstanding reset links die with the old password.
 */
export const changeOwnPasswordCommand = defineCommand({
  name: "users.own.change_password",
  schema: changeOwnPasswordSchema,
  permission: "profile.update",
  audience: "password-change",
  handler: async ({ actor, input, tx, audit }) => {
    const [me] = await tx
      .select({ passwordHash: users.passwordHash, sessionVersion: users.sessionVersion, passwordChangeRequired: users.passwordChangeRequired })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!me || !(await verifyPassword(me.passwordHash, input.currentPassword))) throw fieldError("currentPassword", "users.errors.currentPasswordWrong");
    if (input.password === input.currentPassword) throw fieldError("password", "users.errors.passwordUnchanged");
    const now = new Date();
    const passwordHash = await hashPassword(input.password);
    const [after] = await tx
      .update(users)
      .set({ passwordHash, passwordChangeRequired: false, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, actor.id))
      .returning({ sessionVersion: users.sessionVersion });
    if (actor.sessionId) await tx.update(userSessions).set({ sessionVersion: after.sessionVersion }).where(eq(userSessions.id, actor.sessionId));
    const revoked = await revokeOpenResets(tx, actor.id, now);
    audit({
      action: "user.password_changed",
      entityType: "user",
      entityId: actor.id,
      centreId: actor.centreId,
      after: { temporaryReplaced: me.passwordChangeRequired, otherSessionsEnded: true, resetLinksRevoked: revoked },
    });
    return { id: actor.id };
  },
});
