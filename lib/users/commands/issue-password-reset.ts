import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { passwordResets, users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { hashPassword } from "@/lib/auth/password";
import { idField } from "@/lib/validation/fields";
import { newResetToken, RESET_LINK_TTL_MS, revokeOpenResets, unknowablePassword } from "@/lib/users/password-reset";
import { loadManagedUser } from "@/lib/users/scope";

export const issuePasswordResetSchema = z.strictObject({ userId: idField });

export type IssuedReset = { id: number; token: string; expiresAt: string };

/**
 * Nobody sets another person's password: an administrator or coordinator issues a one-time
 * link (valid 24 hours) for someone they may manage, shown once to them and stored only as a
 * hash. The account's old password stops working and its sessions end at once, so until the link
 * is used nobody can sign in as them; a newer link revokes the previous one. The token is never
 * audited.
 */
export const issuePasswordResetCommand = defineCommand({
  name: "users.user.issue_password_reset",
  schema: issuePasswordResetSchema,
  permission: "user.manage",
  handler: async ({ actor, input, tx, audit }): Promise<IssuedReset> => {
    const user = await loadManagedUser(tx, actor, input.userId);
    if (user.disabled) throw new ActionError("users.errors.resetDisabled");
    const now = new Date();
    const revoked = await revokeOpenResets(tx, user.id, now);
    const { token, tokenHash } = newResetToken();
    const expiresAt = new Date(now.getTime() + RESET_LINK_TTL_MS);
    await tx.insert(passwordResets).values({ userId: user.id, tokenHash, issuedBy: actor.id, expiresAt });
    const passwordHash = await hashPassword(unknowablePassword());
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, user.id));
    audit({
      action: "user.password_reset_issued",
      entityType: "user",
      entityId: user.id,
      centreId: user.centreId,
      after: { expiresAt: expiresAt.toISOString(), previousLinksRevoked: revoked, sessionsEnded: true },
    });
    return { id: user.id, token, expiresAt: expiresAt.toISOString() };
  },
});
