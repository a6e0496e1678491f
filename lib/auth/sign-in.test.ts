import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/seed/network-data";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { LOGIN_MAX_FAILURES_PER_ACCOUNT, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/config";
import { loadActorBySession } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";

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
