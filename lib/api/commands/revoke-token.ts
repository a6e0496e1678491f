import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { apiTokens } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { idField } from "@/lib/validation/fields";

/** Revokes one of the person's own tokens: from the next request on it opens nothing. */
export const revokeTokenCommand = defineCommand({
  name: "api.token.revoke",
  schema: z.strictObject({ tokenId: idField }),
  permission: "profile.update",
  handler: async ({ actor, input, tx, audit }) => {
    const [token] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, actor.id)))
      .for("update");
    if (!token) throw new ActionError("api.tokens.errors.notFound");
    if (token.revokedAt) throw new ActionError("api.tokens.errors.alreadyRevoked");
    const now = new Date();
    await tx.update(apiTokens).set({ revokedAt: now, updatedAt: now }).where(eq(apiTokens.id, token.id));
    audit({ action: "api_token.revoked", entityType: "api_token", entityId: token.id, centreId: actor.centreId, before: { name: token.name } });
    return { id: token.id };
  },
});
