import { desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { auditEvents, passwordResets, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/seed/network-data";
import { getActor, getPasswordChangeActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { loadActorBySession } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { translate } from "@/lib/i18n/translate";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { runCommand } from "@/lib/testing/run-command";
import { changeOwnPasswordCommand } from "@/lib/users/commands/change-own-password";
import { createUserCommand } from "@/lib/users/commands/create-user";
import { issuePasswordResetCommand, type IssuedReset } from "@/lib/users/commands/issue-password-reset";
import { resetPasswordCommand } from "@/lib/users/commands/reset-password";
import { setOwnLocaleCommand } from "@/lib/users/commands/set-locale";
import { setUserDisabledCommand } from "@/lib/users/commands/set-user-disabled";
import { findUsableReset, hashResetToken } from "@/lib/users/password-reset";

const TABLES = ["users", "password_resets", "audit_events"];
let h: Awaited<ReturnType<typeof setupTestDb>>;
let fx: Awaited<ReturnType<typeof seedBase>>;
const g = globalThis as { __testSessionId?: string | null };

beforeAll(async () => {
  h = await setupTestDb();
  fx = await seedBase(h.db);
});

const userRow = async (email: string) => (await h.db.select().from(users).where(eq(users.email, email)))[0];
const lastEvent = async () => (await h.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0];

async function issue(actor: string, email: string): Promise<IssuedReset> {
  const res = await runCommand(actor, issuePasswordResetCommand, { userId: (await userRow(email)).id });
  if (!res.ok) throw new Error(`reset refused: ${res.message}`);
  return res.data;
}

async function signInOk(email: string, password: string): Promise<string> {
  const res = await signIn(h.db, email, password, "10.77.0.1");
  if (!res.ok) throw new Error(`sign-in refused: ${res.reason}`);
  return res.sessionId;
}

describe("a reset link issued by an administrator or coordinator", () => {
  it("is random, stored only as a hash, never audited; the old password stops working and the sessions end", async () => {
    const before = await userRow("staff.rc20@ncrc.demo");
    const session = await signInOk("staff.rc20@ncrc.demo", DEMO_PASSWORD);
    const counts = await countRows(h.db, TABLES);
    const link = await issue("admin@ncrc.demo", "staff.rc20@ncrc.demo");
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(await countRows(h.db, TABLES)).toEqual({ ...counts, password_resets: counts.password_resets + 1, audit_events: counts.audit_events + 1 });

    const [row] = await h.db.select().from(passwordResets).where(eq(passwordResets.userId, before.id));
    expect(row.tokenHash).toBe(hashResetToken(link.token));
    const dump = await queryRows<{ t: string }>(h.db, sql`select (select string_agg(p::text, ' ') from password_resets p) || (select string_agg(a::text, ' ') from audit_events a) as t`);
    expect(dump[0].t).not.toContain(link.token);
    expect(await lastEvent()).toMatchObject({ action: "user.password_reset_issued", entityId: String(before.id), after: { sessionsEnded: true, previousLinksRevoked: 0 } });

    expect(await loadActorBySession(h.db, session)).toBeNull();
    expect(await signIn(h.db, "staff.rc20@ncrc.demo", DEMO_PASSWORD, "10.77.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await findUsableReset(link.token)).toMatchObject({ email: "staff.rc20@ncrc.demo" });
  });

  it("works once, sets the new password with the password rules, ends the sessions, and is audited as the user's own act", async () => {
    const link = await issue("admin@ncrc.demo", "staff.gh1@ncrc.demo");
    const u = await userRow("staff.gh1@ncrc.demo");
    // Signed out: the token is the only authority.
    const short = await runCommand(null, resetPasswordCommand, { token: link.token, password: "short", confirm: "short" });
    expect(short.ok ? null : short.fieldErrors?.password).toEqual([translate(null, "validation.passwordTooShort")]);
    const mismatch = await runCommand(null, resetPasswordCommand, { token: link.token, password: "a-new-password-1", confirm: "a-new-password-2" });
    expect(mismatch.ok ? null : mismatch.fieldErrors?.confirm).toEqual([translate(null, "validation.passwordMismatch")]);

    const done = await runCommand(null, resetPasswordCommand, { token: link.token, password: "a-new-password-1", confirm: "a-new-password-1" });
    expect(done).toEqual({ ok: true, data: { email: "staff.gh1@ncrc.demo" } });
    const after = await userRow("staff.gh1@ncrc.demo");
    expect(await verifyPassword(after.passwordHash, "a-new-password-1")).toBe(true);
    expect(after.sessionVersion).toBe(u.sessionVersion + 1);
    expect(await lastEvent()).toMatchObject({ action: "user.password_reset_completed", actorId: u.id, entityId: String(u.id) });
    expect(JSON.stringify(await lastEvent())).not.toContain("a-new-password-1");
    expect(await signInOk("staff.gh1@ncrc.demo", "a-new-password-1")).toBeTruthy();

    // Used: the same link again changes nothing.
    const counts = await countRows(h.db, TABLES);
    const again = await runCommand(null, resetPasswordCommand, { token: link.token, password: "another-password-9", confirm: "another-password-9" });
    expect(again).toEqual({ ok: false, message: translate(null, "users.errors.resetLinkInvalid") });
    expect(await countRows(h.db, TABLES)).toEqual(counts);
    expect((await userRow("staff.gh1@ncrc.demo")).passwordHash).toBe(after.passwordHash);
    expect(await findUsableReset(link.token)).toBeNull();
  });

  it("a new link revokes the previous one; an expired or unknown link does nothing", async () => {
    const first = await issue("coord.rc1@ncrc.demo", "staff.rc1@ncrc.demo");
    const second = await issue("coord.rc1@ncrc.demo", "staff.rc1@ncrc.demo");
    expect(await lastEvent()).toMatchObject({ action: "user.password_reset_issued", after: { previousLinksRevoked: 1 } });
    expect(await findUsableReset(first.token)).toBeNull();
    const counts = await countRows(h.db, TABLES);
    const revoked = await runCommand(null, resetPasswordCommand, { token: first.token, password: "first-link-pw-1", confirm: "first-link-pw-1" });
    expect(revoked.ok).toBe(false);
    const unknown = await runCommand(null, resetPasswordCommand, { token: "A".repeat(43), password: "unknown-pw-123", confirm: "unknown-pw-123" });
    expect(unknown.ok).toBe(false);
    await h.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.tokenHash, hashResetToken(second.token)));
    const expired = await runCommand(null, resetPasswordCommand, { token: second.token, password: "second-link-pw-1", confirm: "second-link-pw-1" });
    expect(expired).toEqual({ ok: false, message: translate(null, "users.errors.resetLinkInvalid") });
    expect(await countRows(h.db, TABLES)).toEqual(counts);
    expect(await findUsableReset(second.token)).toBeNull();
  });

  it("is refused for a disabled account, and disabling revokes an open link", async () => {
    const link = await issue("admin@ncrc.demo", "monitor@ncrc.demo");
    expect((await runCommand("admin@ncrc.demo", setUserDisabledCommand, { userId: (await userRow("monitor@ncrc.demo")).id, disabled: true, reason: "left" })).ok).toBe(true);
    expect(await findUsableReset(link.token)).toBeNull();
    const res = await runCommand("admin@ncrc.demo", issuePasswordResetCommand, { userId: (await userRow("monitor@ncrc.demo")).id });
    expect(res).toEqual({ ok: false, message: translate(null, "users.errors.resetDisabled") });
  });

  it("the token field refuses a malformed link with its own message", async () => {
    const res = await runCommand(null, resetPasswordCommand, { token: "abc", password: "a-new-password-1", confirm: "a-new-password-1" });
    expect(res.ok ? null : res.fieldErrors?.token).toEqual([translate(null, "users.validation.resetToken")]);
  });
});

describe("a temporary password forces a new one at the next sign-in", () => {
  it("opens nothing but the password change, which then keeps this session and ends the others", async () => {
    const created = await runCommand("coord.rc1@ncrc.demo", createUserCommand, { email: "new.nurse@ncrc.test", name: "New Nurse", role: "site_staff", centreId: fx.org("R01").id, password: "temporary-pw-1" });
    expect(created.ok).toBe(true);
    const sid = await signInOk("new.nurse@ncrc.test", "temporary-pw-1");
    const other = await signInOk("new.nurse@ncrc.test", "temporary-pw-1");
    expect(await loadActorBySession(h.db, sid)).toMatchObject({ email: "new.nurse@ncrc.test", mustChangePassword: true });

    // Pages, reads and route handlers see nobody signed in; commands answer "signed out".
    g.__testSessionId = sid;
    expect(await getActor()).toBeNull();
    expect(await getPasswordChangeActor()).toMatchObject({ email: "new.nurse@ncrc.test" });
    const counts = await countRows(h.db, TABLES);
    const locale = await runCommand({ sessionId: sid }, setOwnLocaleCommand, { locale: "en" });
    expect(locale).toEqual({ ok: false, message: translate(null, "errors.signedOut") });
    const reset = await runCommand({ sessionId: sid }, issuePasswordResetCommand, { userId: fx.user("staff.rc1@ncrc.demo").id });
    expect(reset.ok).toBe(false);

    const wrong = await runCommand({ sessionId: sid }, changeOwnPasswordCommand, { currentPassword: "not-the-temp-pw", password: "my-own-password-1", confirm: "my-own-password-1" });
    expect(wrong.ok ? null : wrong.fieldErrors?.currentPassword).toEqual([translate(null, "users.errors.currentPasswordWrong")]);
    const same = await runCommand({ sessionId: sid }, changeOwnPasswordCommand, { currentPassword: "temporary-pw-1", password: "temporary-pw-1", confirm: "temporary-pw-1" });
    expect(same.ok ? null : same.fieldErrors?.password).toEqual([translate(null, "users.errors.passwordUnchanged")]);
    expect(await countRows(h.db, TABLES)).toEqual(counts);

    const ok = await runCommand({ sessionId: sid }, changeOwnPasswordCommand, { currentPassword: "temporary-pw-1", password: "my-own-password-1", confirm: "my-own-password-1" });
    expect(ok.ok).toBe(true);
    const u = await userRow("new.nurse@ncrc.test");
    expect(u.passwordChangeRequired).toBe(false);
    expect(await verifyPassword(u.passwordHash, "my-own-password-1")).toBe(true);
    expect(await loadActorBySession(h.db, sid)).toMatchObject({ email: "new.nurse@ncrc.test", mustChangePassword: false });
    expect(await loadActorBySession(h.db, other)).toBeNull();
    g.__testSessionId = sid;
    expect(await getActor()).toMatchObject({ email: "new.nurse@ncrc.test" });
    expect(await lastEvent()).toMatchObject({ action: "user.password_changed", actorId: u.id, after: { temporaryReplaced: true, otherSessionsEnded: true } });
    expect(JSON.stringify(await lastEvent())).not.toMatch(/temporary-pw-1|my-own-password-1/);
    expect((await runCommand({ sessionId: sid }, setOwnLocaleCommand, { locale: "en" })).ok).toBe(true);
  });

  it("a link issued to an account with a temporary password also lifts the requirement", async () => {
    await runCommand("admin@ncrc.demo", createUserCommand, { email: "lost.temp@ncrc.test", name: "Lost Temp", role: "biobank_manager", centreId: fx.org("R01").id, password: "temporary-pw-2" });
    const link = await issue("admin@ncrc.demo", "lost.temp@ncrc.test");
    expect((await runCommand(null, resetPasswordCommand, { token: link.token, password: "chosen-by-me-1", confirm: "chosen-by-me-1" })).ok).toBe(true);
    expect((await userRow("lost.temp@ncrc.test")).passwordChangeRequired).toBe(false);
  });
});
