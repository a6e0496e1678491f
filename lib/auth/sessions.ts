import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, users, userSessions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_MS } from "@/lib/auth/config";

/** An actor as a session sees it: until a temporary password is replaced, nothing else is open to them (lib/auth/actor.ts). */
export type SessionActor = Actor & { mustChangePassword: boolean };

export async function createSession(db: Db, userId: number, sessionVersion: number): Promise<string> {
  const id = randomUUID();
  await db.insert(userSessions).values({ id, userId, sessionVersion });
  return id;
}

/**
 * The actor behind a session id, re-read from the database on every request. Ends the session
 * (returns null) if it was revoked, idled 30 minutes, is older than 12 hours, or the user was
 * disabled or had their role or password changed since sign-in.
 */
export async function loadActorBySession(db: Db, sessionId: string, now = new Date()): Promise<SessionActor | null> {
  const rows = await db
    .select({
      s: userSessions,
      u: { id: users.id, email: users.email, name: users.name, role: users.role, centreId: users.centreId, disabled: users.disabled, sessionVersion: users.sessionVersion, locale: users.locale, mustChangePassword: users.passwordChangeRequired },
      o: { path: organisations.path, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn },
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.centreId))
    .where(eq(userSessions.id, sessionId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { s, u, o } = row;
  const t = now.getTime();
  if (
    s.revokedAt ||
    u.disabled ||
    s.sessionVersion !== u.sessionVersion ||
    t - s.lastSeenAt.getTime() > SESSION_IDLE_MS ||
    t - s.createdAt.getTime() > SESSION_ABSOLUTE_MS
  ) {
    if (!s.revokedAt) await db.update(userSessions).set({ revokedAt: now }).where(eq(userSessions.id, s.id));
    return null;
  }
  if (t - s.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(and(eq(userSessions.id, s.id), sql`revoked_at is null`));
  }
  return {
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
    sessionId: s.id,
    mustChangePassword: u.mustChangePassword,
  };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.update(userSessions).set({ revokedAt: new Date() }).where(and(eq(userSessions.id, sessionId), sql`revoked_at is null`));
}
