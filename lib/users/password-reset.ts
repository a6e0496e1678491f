import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { passwordResets, users } from "@/db/schema";

/** A reset link works for a day: long enough to reach someone, short enough to go stale. */
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** 32 random bytes, base64url: 43 characters. */
export const RESET_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
export const RESET_TOKEN_EXAMPLE = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nPq_";

/** Only this is stored: whoever reads the table cannot use a link. */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashResetToken(token) };
}

/** Ends every link of the user that could still be used (a newer link, a new password, a disabled account). */
export async function revokeOpenResets(tx: Db, userId: number, now = new Date()): Promise<number> {
  const rows = await tx
    .update(passwordResets)
    .set({ revokedAt: now, updatedAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)))
    .returning({ id: passwordResets.id });
  return rows.length;
}

/** The conditions under which a link still works: unused, not revoked, not expired, account enabled. */
export function usableReset(now: Date) {
  return and(isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt), gt(passwordResets.expiresAt, now), eq(users.disabled, false));
}

export type UsableReset = { id: number; userId: number; email: string; name: string; centreId: number; expiresAt: Date };

/**
 * The account a reset link opens, if the link still works; null for anything else (unknown,
 * used, revoked, expired, disabled account): the page says only that the link does not work.
 * Read before anyone is signed in, so not through the read door: the token is the authority.
 */
export async function findUsableReset(token: string, now = new Date(), db?: Db): Promise<UsableReset | null> {
  if (!RESET_TOKEN_RE.test(token)) return null;
  const conn = db ?? (await getDb());
  const [row] = await conn
    .select({ id: passwordResets.id, userId: users.id, email: users.email, name: users.name, centreId: users.centreId, expiresAt: passwordResets.expiresAt })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, hashResetToken(token)), usableReset(now)));
  return row ?? null;
}

/** Locks the reset row of a token that still works (the command's check, inside its transaction). */
export async function lockUsableReset(tx: Db, token: string, now = new Date()): Promise<UsableReset | null> {
  const [row] = await tx
    .select({ id: passwordResets.id, userId: users.id, email: users.email, name: users.name, centreId: users.centreId, expiresAt: passwordResets.expiresAt })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, hashResetToken(token)), usableReset(now)))
    .for("update", { of: [passwordResets, users] });
  return row ?? null;
}

/** A password nobody knows: what an account holds between a reset being issued and the link being used. */
export function unknowablePassword(): string {
  return randomBytes(32).toString("base64url");
}
