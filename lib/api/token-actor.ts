import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, organisations, users, type ApiTokenRow } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { hashToken, looksLikeToken } from "@/lib/api/token-secret";

export type TokenLookup =
  | { ok: true; actor: Actor; token: Pick<ApiTokenRow, "id" | "access" | "studyIds" | "lastUsedAt"> }
  | { ok: false; reason: "invalid" | "revoked" | "expired" | "inactive" };

/**
 * The token behind a bearer secret and the person it speaks for, both read from the database on
 * every request: a revoked or expired token, or a user who was disabled or must first replace a
 * temporary password, opens nothing. The actor is the user as they are now (role, centre), so a
 * token never reaches further than its user does today.
 */
export async function loadTokenActor(db: Db, secret: string, now: Date): Promise<TokenLookup> {
  if (!looksLikeToken(secret)) return { ok: false, reason: "invalid" };
  const rows = await db
    .select({
      t: { id: apiTokens.id, access: apiTokens.access, studyIds: apiTokens.studyIds, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt },
      u: { id: users.id, email: users.email, name: users.name, role: users.role, centreId: users.centreId, disabled: users.disabled, locale: users.locale, mustChange: users.passwordChangeRequired },
      o: { path: organisations.path, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(organisations, eq(organisations.id, users.centreId))
    .where(eq(apiTokens.tokenHash, hashToken(secret)))
    .limit(1);
  const row = rows[0];
  if (!row) return { ok: false, reason: "invalid" };
  const { t, u, o } = row;
  if (t.revokedAt) return { ok: false, reason: "revoked" };
  if (t.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (u.disabled || u.mustChange) return { ok: false, reason: "inactive" };
  const actor: Actor = {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    centreId: u.centreId,
    centrePath: o.path,
    centreCode: o.code,
    centreNameZh: o.nameZh,
    centreNameEn: o.nameEn,
    locale: u.locale,
    sessionId: null,
  };
  return { ok: true, actor, token: { id: t.id, access: t.access, studyIds: t.studyIds, lastUsedAt: t.lastUsedAt } };
}

/** "Last used", to the minute: written at most once a minute per token, not on every request. */
export async function touchToken(db: Db, tokenId: number, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`))));
}
