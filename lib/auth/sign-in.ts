import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_MAX_FAILURES_PER_IP, LOGIN_WINDOW_MS } from "@/lib/auth/config";
import { dummyHash, verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import { addressLimitKey } from "@/lib/http/client-address";

export type SignInOutcome = { ok: true; userId: number; sessionId: string } | { ok: false; reason: "invalid" | "locked" };

const accountKey = (email: string) => `acct:${email}`;
const ipKey = (ip: string) => `ip:${addressLimitKey(ip)}`;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a password, with failures limited per account and per client address (`ip`: the
 * socket's address, see lib/http/client-address.ts; IPv6 counted per /64). The state is
 * in the database, so the limit holds across app instances. Neither answer tells whether the
 * account exists. Successes and failures are audited.
 */
export async function signIn(db: Db, emailRaw: string, password: string, ip: string, now = new Date()): Promise<SignInOutcome> {
  const email = normaliseEmail(emailRaw);
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const counts = await db
    .select({ key: loginFailures.key, n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, [accountKey(email), ipKey(ip)]), gt(loginFailures.at, since)))
    .groupBy(loginFailures.key);
  const failuresFor = (k: string) => counts.find((c) => c.key === k)?.n ?? 0;
  const user = (await db.select().from(users).where(eq(users.email, email)).limit(1))[0];

  if (failuresFor(accountKey(email)) >= LOGIN_MAX_FAILURES_PER_ACCOUNT || failuresFor(ipKey(ip)) >= LOGIN_MAX_FAILURES_PER_IP) {
    await db.transaction(async (tx) => {
      await appendAudit(tx as Db, { id: null, centreId: null }, [
        { action: "auth.sign_in_locked", entityType: "user", entityId: user?.id ?? null, centreId: user?.centreId ?? null, after: { email, ip } },
      ]);
    });
    return { ok: false, reason: "locked" };
  }

  const valid = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
  if (!user || !valid || user.disabled) {
    await db.transaction(async (tx) => {
      await tx.insert(loginFailures).values([
        { key: accountKey(email), at: now },
        { key: ipKey(ip), at: now },
      ]);
      await appendAudit(tx as Db, { id: null, centreId: null }, [
        { action: "auth.sign_in_failed", entityType: "user", entityId: user?.id ?? null, centreId: user?.centreId ?? null, after: { email, ip } },
      ]);
    });
    return { ok: false, reason: "invalid" };
  }

  const sessionId = await db.transaction(async (tx) => {
    const sid = await createSession(tx as Db, user.id, user.sessionVersion);
    await tx.delete(loginFailures).where(eq(loginFailures.key, accountKey(email)));
    await appendAudit(tx as Db, { id: user.id, centreId: user.centreId }, [
      { action: "auth.sign_in", entityType: "user", entityId: user.id, centreId: user.centreId, after: { ip } },
    ]);
    return sid;
  });
  return { ok: true, userId: user.id, sessionId };
}
