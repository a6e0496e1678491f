import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/seed/network-data";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { LOGIN_MAX_FAILURES_PER_ACCOUNT, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/config";
import { loadActorBySession } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { authorizeCredentials } from "@/lib/auth/options";
import { SOCKET_HEADER, SOCKET_TOKEN_ENV, stampSocketAddress } from "@/lib/http/portal-server.mjs";

let db: Db;
beforeAll(async () => {
  db = (await setupTestDb()).db;
  await seedBase(db);
});

describe("sign-in", () => {
  it("signs in with the right password and audits it", async () => {
    const res = await signIn(db, " Admin@NCRC.demo ", DEMO_PASSWORD, "10.0.0.1");
    expect(res.ok).toBe(true);
    const ev = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in"));
    expect(ev).toHaveLength(1);
  });

  it("answers the same for a wrong password and an unknown account, and audits both", async () => {
    const wrong = await signIn(db, "pi@ncrc.demo", "wrong-password-1", "10.0.0.2");
    const unknown = await signIn(db, "nobody@ncrc.demo", "wrong-password-1", "10.0.0.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    const ev = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in_failed"));
    expect(ev).toHaveLength(2);
  });

  it("locks an account after repeated failures, even with the right password, for existing and unknown accounts alike", async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++) await signIn(db, "monitor@ncrc.demo", "bad-password-x", `10.1.0.${i}`);
    expect(await signIn(db, "monitor@ncrc.demo", DEMO_PASSWORD, "10.1.1.1")).toEqual({ ok: false, reason: "locked" });
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++) await signIn(db, "ghost@ncrc.demo", "bad-password-x", `10.2.0.${i}`);
    expect(await signIn(db, "ghost@ncrc.demo", "bad-password-x", "10.2.1.1")).toEqual({ ok: false, reason: "locked" });
    // Other accounts are unaffected.
    expect((await signIn(db, "viewer@ncrc.demo", DEMO_PASSWORD, "10.3.0.1")).ok).toBe(true);
  });

  it("limits failures per client address across accounts", async () => {
    for (let i = 0; i < 30; i++) await signIn(db, `spray${i}@ncrc.demo`, "bad-password-x", "10.9.9.9");
    expect(await signIn(db, "biobank@ncrc.demo", DEMO_PASSWORD, "10.9.9.9")).toEqual({ ok: false, reason: "locked" });
    expect((await signIn(db, "biobank@ncrc.demo", DEMO_PASSWORD, "10.9.9.10")).ok).toBe(true);
  });

  it("refuses a disabled account", async () => {
    await db.update(users).set({ disabled: true }).where(eq(users.email, "staff.rc20@ncrc.demo"));
    expect(await signIn(db, "staff.rc20@ncrc.demo", DEMO_PASSWORD, "10.4.0.1")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("sessions", () => {
  it("end after 30 idle minutes and after 12 hours, and when the session version changes", async () => {
    const res = await signIn(db, "coord.sc1@ncrc.demo", DEMO_PASSWORD, "10.5.0.1");
    if (!res.ok) throw new Error("sign-in failed");
    const t0 = new Date();
    expect(await loadActorBySession(db, res.sessionId, new Date(t0.getTime() + 5 * 60_000))).not.toBeNull();
    // Active every 20 minutes: still valid after 11 hours.
    let t = t0.getTime();
    for (let i = 0; i < 33; i++) {
      t += 20 * 60_000;
      expect(await loadActorBySession(db, res.sessionId, new Date(t))).not.toBeNull();
    }
    expect(await loadActorBySession(db, res.sessionId, new Date(t0.getTime() + SESSION_ABSOLUTE_MS + 60_000))).toBeNull();

    const idle = await signIn(db, "coord.rc1@ncrc.demo", DEMO_PASSWORD, "10.5.0.2");
    if (!idle.ok) throw new Error("sign-in failed");
    expect(await loadActorBySession(db, idle.sessionId, new Date(Date.now() + SESSION_IDLE_MS + 60_000))).toBeNull();
    // Once ended, it stays ended.
    expect(await loadActorBySession(db, idle.sessionId)).toBeNull();

    const bumped = await signIn(db, "staff.gh1@ncrc.demo", DEMO_PASSWORD, "10.5.0.3");
    if (!bumped.ok) throw new Error("sign-in failed");
    expect(await loadActorBySession(db, bumped.sessionId)).not.toBeNull();
    await db.update(users).set({ sessionVersion: 2 }).where(and(eq(users.email, "staff.gh1@ncrc.demo")));
    expect(await loadActorBySession(db, bumped.sessionId)).toBeNull();
  });
});

describe("the client address the limits count (forged X-Forwarded-For)", () => {
  const TOKEN = "test-stamp-token";
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** The headers a route handler sees for a request from `socket`, stamped by the portal's server. */
  function requestFrom(socket: string, forwardedFor?: string): Record<string, unknown> {
    const req = { headers: { [SOCKET_HEADER]: `${TOKEN} 6.6.6.6`, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) } as Record<string, string | undefined>, socket: { remoteAddress: socket } };
    stampSocketAddress(req, TOKEN);
    return req.headers;
  }
  const attempt = (email: string, password: string, headers: Record<string, unknown>) =>
    authorizeCredentials({ email, password }, headers).then(
      () => "ok",
      (e: Error) => e.message,
    );

  it("after 30 failures, another X-Forwarded-For does not let the same client sign in", async () => {
    vi.stubEnv(SOCKET_TOKEN_ENV, TOKEN);
    for (let i = 0; i < 30; i++) expect(await attempt(`xff${i}@ncrc.demo`, "bad-password-x", requestFrom("203.0.113.7", `198.18.0.${i}`))).toBe("invalid");
    expect(await attempt("staff.rc1@ncrc.demo", DEMO_PASSWORD, requestFrom("203.0.113.7", "198.18.1.1"))).toBe("locked");
    expect(await attempt("staff.rc1@ncrc.demo", DEMO_PASSWORD, requestFrom("203.0.113.7"))).toBe("locked");
    // Another client is not affected.
    expect(await attempt("staff.rc1@ncrc.demo", DEMO_PASSWORD, requestFrom("203.0.113.8", "198.18.1.1"))).toBe("ok");
  });

  it("40 failures over 40 accounts with rotating values lock the client, and the trail records the socket", async () => {
    vi.stubEnv(SOCKET_TOKEN_ENV, TOKEN);
    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) outcomes.push(await attempt(`rot${i}@ncrc.demo`, "bad-password-x", requestFrom("203.0.113.20", `10.${i}.0.1`)));
    expect(outcomes.slice(0, 30).every((o) => o === "invalid")).toBe(true);
    expect(outcomes.slice(30).every((o) => o === "locked")).toBe(true);
    const ev = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in_failed"));
    const recorded = ev.filter((e) => String((e.after as { email?: string }).email).startsWith("rot")).map((e) => (e.after as { ip: string }).ip);
    expect(new Set(recorded)).toEqual(new Set(["203.0.113.20"]));
  });

  it("an IPv6 client rotating through its /64 is one client", async () => {
    vi.stubEnv(SOCKET_TOKEN_ENV, TOKEN);
    for (let i = 0; i < 30; i++) await attempt(`v6${i}@ncrc.demo`, "bad-password-x", requestFrom(`2001:db8:77:1::${(i + 1).toString(16)}`));
    expect(await attempt("viewer@ncrc.demo", DEMO_PASSWORD, requestFrom("2001:db8:77:1:ffff::9"))).toBe("locked");
    expect(await attempt("viewer@ncrc.demo", DEMO_PASSWORD, requestFrom("2001:db8:77:2::9"))).toBe("ok");
  });

  it("with TRUSTED_PROXIES, counts the right-most untrusted hop: clients behind the proxy apart, forged left parts ignored", async () => {
    vi.stubEnv(SOCKET_TOKEN_ENV, TOKEN);
    vi.stubEnv("TRUSTED_PROXIES", "10.200.0.1");
    // The proxy appends the address it saw; the client may prepend anything it likes.
    for (let i = 0; i < 30; i++) await attempt(`px${i}@ncrc.demo`, "bad-password-x", requestFrom("10.200.0.1", `172.31.${i}.1, 198.51.100.77`));
    expect(await attempt("pi@ncrc.demo", DEMO_PASSWORD, requestFrom("10.200.0.1", "9.9.9.9, 198.51.100.77"))).toBe("locked");
    expect(await attempt("pi@ncrc.demo", DEMO_PASSWORD, requestFrom("10.200.0.1", "198.51.100.78"))).toBe("ok");
    // A client that reaches the portal directly, bypassing the proxy, is its socket.
    const direct = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in"));
    expect(await attempt("admin@ncrc.demo", DEMO_PASSWORD, requestFrom("203.0.113.99", "198.51.100.77"))).toBe("ok");
    const after = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in"));
    expect(after.length).toBe(direct.length + 1);
    expect((after.at(-1)?.after as { ip: string }).ip).toBe("203.0.113.99");
  });

  it("with TRUSTED_PROXY_HOPS, steps over that many proxies", async () => {
    vi.stubEnv(SOCKET_TOKEN_ENV, TOKEN);
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    for (let i = 0; i < 30; i++) await attempt(`hop${i}@ncrc.demo`, "bad-password-x", requestFrom("10.201.0.1", `1.1.1.${i}, 198.51.100.88`));
    expect(await attempt("monitor.x@ncrc.demo", "bad-password-x", requestFrom("10.201.0.1", "2.2.2.2, 198.51.100.88"))).toBe("locked");
    expect(await attempt("coord.sc1@ncrc.demo", DEMO_PASSWORD, requestFrom("10.201.0.1", "198.51.100.89"))).toBe("ok");
  });
});
