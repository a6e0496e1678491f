import { and, count, eq, gt, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiTokens, studies } from "@/db/schema";
import { API_TOKEN_ACCESS } from "@/db/enums";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { newTokenSecret } from "@/lib/api/token-secret";
import { studyScope } from "@/lib/studies/scope";
import { addDays, parseNetworkLocal } from "@/lib/time/network-day";
import { choiceField, dayField, idField, listOf, optionalRequestKeyField, textField } from "@/lib/validation/fields";

/** Active tokens a person may hold at once. */
export const MAX_ACTIVE_TOKENS = 20;
/** Studies one token may be limited to. */
export const MAX_TOKEN_STUDIES = 50;
/** A token lives at most a year: from tomorrow up to 365 network days ahead. */
export const TOKEN_EXPIRY_DAYS = { earliest: 1, latest: 365 } as const;

export type CreatedToken = { id: number; name: string; prefix: string; expiresAt: string; secret: string };

/**
 * A personal access token for the REST API. The secret is in the result of this one call and
 * nowhere else: not stored (only its SHA-256), not audited, not kept with the request key (the
 * key lives on the token row, so pressing twice makes one token and the second press is told so). The token may be limited to studies the person sees now; it never reaches
 * further than its person (lib/api/authenticate.ts reloads them on every request).
 */
export const createTokenCommand = defineCommand({
  name: "api.token.create",
  schema: z.strictObject({
    name: textField({ max: 80 }),
    access: choiceField(API_TOKEN_ACCESS),
    expiresOn: dayField(TOKEN_EXPIRY_DAYS),
    studyIds: listOf(idField, MAX_TOKEN_STUDIES),
    requestKey: optionalRequestKeyField,
  }),
  permission: "profile.update",
  handler: async ({ actor, input, tx, audit }): Promise<CreatedToken> => {
    if (input.requestKey) {
      const [prior] = await tx.select().from(apiTokens).where(and(eq(apiTokens.userId, actor.id), eq(apiTokens.requestKey, input.requestKey)));
      // Pressed twice: the token exists; its secret was in the first answer only and is not kept anywhere to answer again.
      if (prior) throw new ActionError("api.tokens.errors.alreadyCreated");
    }
    const studyIds = [...new Set(input.studyIds)].sort((a, b) => a - b);
    if (studyIds.length) {
      const seen = await tx.select({ id: studies.id }).from(studies).where(and(inArray(studies.id, studyIds), studyScope(actor)));
      if (seen.length !== studyIds.length) throw fieldError("studyIds", "api.tokens.validation.study");
    }
    const now = new Date();
    const [{ n }] = await tx
      .select({ n: count() })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)));
    if (Number(n) >= MAX_ACTIVE_TOKENS) throw new ActionError("api.tokens.validation.tooMany");
    // Valid through the chosen network day: it ends at the next midnight in the network's zone.
    const expiresAt = new Date(parseNetworkLocal(`${addDays(input.expiresOn, 1)}T00:00`));
    const { secret, hash, prefix } = newTokenSecret();
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: actor.id, name: input.name, tokenHash: hash, prefix, access: input.access, studyIds: studyIds.length ? studyIds : null, expiresAt, requestKey: input.requestKey ?? null })
      .returning({ id: apiTokens.id });
    audit({
      action: "api_token.created",
      entityType: "api_token",
      entityId: row.id,
      centreId: actor.centreId,
      after: { name: input.name, access: input.access, studyIds: studyIds.length ? studyIds : null, expiresAt: expiresAt.toISOString() },
    });
    return { id: row.id, name: input.name, prefix, expiresAt: expiresAt.toISOString(), secret };
  },
});
