import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { passwordResets, users } from "@/db/schema";
import { defineTokenCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { hashPassword } from "@/lib/auth/password";
import { passwordField, resetTokenField } from "@/lib/users/fields";
import { lockUsableReset } from "@/lib/users/password-reset";

export const resetPasswordSchema = z
  .strictObject({ token: resetTokenField, password: passwordField, confirm: passwordField })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "validation.passwordMismatch" });
  });

/**
 * The person a reset link was issued for chooses their new password (the page /reset/<token>).
 * The link works once: it is marked used, every session of the account ends, and a temporary
 * password requirement is lifted. Audited as done by that person.
 */
export const resetPasswordCommand = defineTokenCommand({
  name: "users.password_reset.complete",
  schema: resetPasswordSchema,
  handler: async ({ input, tx, audit }) => {
    const now = new Date();
    const reset = await lockUsableReset(tx, input.token, now);
    if (!reset) throw new ActionError("users.errors.resetLinkInvalid");
    const passwordHash = await hashPassword(input.password);
    await tx
      .update(users)
      .set({ passwordHash, passwordChangeRequired: false, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, reset.userId));
    await tx.update(passwordResets).set({ usedAt: now, updatedAt: now }).where(eq(passwordResets.id, reset.id));
    audit(
      { action: "user.password_reset_completed", entityType: "user", entityId: reset.userId, centreId: reset.centreId, after: { sessionsEnded: true } },
      { id: reset.userId, centreId: reset.centreId },
    );
    return { email: reset.email };
  },
});
