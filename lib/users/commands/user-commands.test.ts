import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import type { AnyCommand } from "@/lib/actions/define-command";
import type { ActionResult } from "@/lib/actions/result";
import { verifyPassword } from "@/lib/auth/password";
import { translate } from "@/lib/i18n/translate";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { runCommand } from "@/lib/testing/run-command";
import { changeRoleCommand } from "@/lib/users/commands/change-role";
import { createUserCommand } from "@/lib/users/commands/create-user";
import { setUserDisabledCommand } from "@/lib/users/commands/set-user-disabled";
import { createdUserPath } from "@/lib/users/paths";

const TABLES = ["organisations", "users", "audit_events"];
let h: Awaited<ReturnType<typeof setupTestDb>>;
let fx: Awaited<ReturnType<typeof seedBase>>;

beforeAll(async () => {
  h = await setupTestDb();
  fx = await seedBase(h.db);
});

/** Runs a command as `email` and checks it was refused without writing anything. */
async function refused(email: string, command: AnyCommand, input: unknown) {
  const before = await countRows(h.db, TABLES);
  const res: ActionResult<unknown> = await runCommand(email, command, input);
  expect(res.ok).toBe(false);
  expect(await countRows(h.db, TABLES)).toEqual(before);
  return res as Extract<ActionResult<unknown>, { ok: false }>;
}

async function lastEvent() {
  return (await h.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1))[0];
}

async function userRow(email: string) {
  return (await h.db.select().from(users).where(eq(users.email, email)))[0];
}

/** A successful create leads to the new user's page (the path app/ redirects to, built from the command's result). */
async function createRedirects(email: string, input: unknown): Promise<string> {
  const res = await runCommand(email, createUserCommand, input);
  if (!res.ok) throw new Error(`expected a created user, got: ${res.message}`);
  return createdUserPath(res.data.id);
}

const person = (email: string, centreCode: string, role = "site_staff") => ({
  email,
  name: "测试 Test Person",
  role,
  centreId: fx.org(centreCode).id,
  password: "long-enough-1",
});

describe("create a user", () => {
  it("explains the password policy and bad fields, writing nothing", async () => {
    const res = await refused("admin@ncrc.demo", createUserCommand, { ...person("not-an-email", "R01"), password: "short" });
    expect(res.fieldErrors?.password).toEqual([translate(null, "validation.passwordTooShort")]);
    expect(res.fieldErrors?.email).toEqual([translate(null, "validation.email")]);
    const en = translate("en", "validation.passwordTooShort");
    expect(en).toMatch(/at least 10 characters/);
    const extra = await refused("admin@ncrc.demo", createUserCommand, { ...person("x1@ncrc.test", "R01"), disabled: false });
    expect(extra.fieldErrors?._form).toBeDefined();
  });

  it.each(["staff.rc1@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo", "monitor@ncrc.demo"])("refuses %s", async (email) => {
    const res = await refused(email, createUserCommand, person("x2@ncrc.test", "R01"));
    expect(res.message).toBe(translate(null, "errors.forbidden"));
  });

  it("refuses a coordinator creating a user outside their subtree", async () => {
    await refused("coord.rc1@ncrc.demo", createUserCommand, person("x3@ncrc.test", "R20"));
    await refused("coord.rc1@ncrc.demo", createUserCommand, person("x4@ncrc.test", "SC01"));
  });

  it.each(["network_admin", "viewer"])("refuses a coordinator granting %s", async (role) => {
    const res = await refused("coord.rc1@ncrc.demo", createUserCommand, person("x5@ncrc.test", "R01", role));
    expect(res.fieldErrors?.role).toEqual([translate(null, "users.errors.roleNotGrantable")]);
  });

  it("refuses an email already in use", async () => {
    const res = await refused("admin@ncrc.demo", createUserCommand, person("STAFF.RC1@ncrc.demo", "R01"));
    expect(res.fieldErrors?.email).toEqual([translate(null, "users.errors.emailTaken")]);
  });

  it("creates an account with an argon2id hash and one audit event without the password", async () => {
    const before = await countRows(h.db, TABLES);
    const to = await createRedirects("coord.rc1@ncrc.demo", person("New.Nurse@ncrc.test", "R01G1"));
    expect(await countRows(h.db, TABLES)).toEqual({ ...before, users: before.users + 1, audit_events: before.audit_events + 1 });
    const u = await userRow("new.nurse@ncrc.test");
    expect(u).toMatchObject({ role: "site_staff", centreId: fx.org("R01G1").id, disabled: false, passwordChangeRequired: true });
    expect(to).toBe(`/users/${u.id}?created=1`);
    expect(u.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(u.passwordHash, "long-enough-1")).toBe(true);
    const ev = await lastEvent();
    expect(ev).toMatchObject({ action: "user.created", entityId: String(u.id), centreId: fx.org("R01G1").id, after: { temporaryPassword: true } });
    expect(JSON.stringify(ev.after)).not.toContain("long-enough-1");
    expect(JSON.stringify(ev.after)).not.toContain("argon2");
  });

  it("lets a network admin grant a network-wide role", async () => {
    expect(await createRedirects("admin@ncrc.demo", person("steering@ncrc.test", "TJ01", "viewer"))).toMatch(/^\/users\/\d+\?created=1$/);
    expect((await userRow("steering@ncrc.test")).role).toBe("viewer");
  });
});

describe("disable and re-enable a user", () => {
  it("requires a reason", async () => {
    const res = await refused("admin@ncrc.demo", setUserDisabledCommand, { userId: fx.user("staff.rc20@ncrc.demo").id, disabled: true, reason: "" });
    expect(res.fieldErrors?.reason).toBeDefined();
  });

  it("refuses the wrong role, users outside the subtree, network-wide accounts and oneself", async () => {
    await refused("pi@ncrc.demo", setUserDisabledCommand, { userId: fx.user("staff.rc1@ncrc.demo").id, disabled: true, reason: "x" });
    await refused("coord.rc1@ncrc.demo", setUserDisabledCommand, { userId: fx.user("staff.rc20@ncrc.demo").id, disabled: true, reason: "x" });
    await refused("coord.rc1@ncrc.demo", setUserDisabledCommand, { userId: fx.user("admin@ncrc.demo").id, disabled: true, reason: "x" });
    const self = await refused("coord.rc1@ncrc.demo", setUserDisabledCommand, { userId: fx.user("coord.rc1@ncrc.demo").id, disabled: true, reason: "x" });
    expect(self.message).toBe(translate(null, "users.errors.notSelf"));
    await refused("admin@ncrc.demo", setUserDisabledCommand, { userId: fx.user("admin@ncrc.demo").id, disabled: true, reason: "x" });
    expect((await userRow("staff.rc20@ncrc.demo")).disabled).toBe(false);
  });

  it("disables with one audit event and a new session version, then re-enables", async () => {
    const target = await userRow("staff.gh1@ncrc.demo");
    const res = await runCommand("coord.sc1@ncrc.demo", setUserDisabledCommand, { userId: String(target.id), disabled: "true", reason: "Left the hospital" });
    expect(res.ok).toBe(true);
    const after = await userRow("staff.gh1@ncrc.demo");
    expect(after.disabled).toBe(true);
    expect(after.sessionVersion).toBe(target.sessionVersion + 1);
    expect(await lastEvent()).toMatchObject({ action: "user.disabled", entityId: String(target.id), reason: "Left the hospital", after: { disabled: true } });
    expect((await runCommand("coord.sc1@ncrc.demo", setUserDisabledCommand, { userId: target.id, disabled: false, reason: "Returned" })).ok).toBe(true);
    expect((await lastEvent()).action).toBe("user.enabled");
  });
});

describe("change a user's role", () => {
  it("answers a field error for an unknown role", async () => {
    const res = await refused("admin@ncrc.demo", changeRoleCommand, { userId: fx.user("staff.rc1@ncrc.demo").id, role: "boss" });
    expect(res.fieldErrors?.role).toBeDefined();
  });

  it.each(["network_admin", "viewer"])("refuses a coordinator granting %s", async (role) => {
    await refused("coord.rc1@ncrc.demo", changeRoleCommand, { userId: fx.user("staff.rc1@ncrc.demo").id, role });
    expect((await userRow("staff.rc1@ncrc.demo")).role).toBe("site_staff");
  });

  it("refuses the wrong role, users outside the subtree and one's own role", async () => {
    await refused("staff.rc1@ncrc.demo", changeRoleCommand, { userId: fx.user("staff.gh1@ncrc.demo").id, role: "monitor" });
    await refused("coord.rc1@ncrc.demo", changeRoleCommand, { userId: fx.user("staff.rc20@ncrc.demo").id, role: "monitor" });
    await refused("coord.rc1@ncrc.demo", changeRoleCommand, { userId: fx.user("coord.rc1@ncrc.demo").id, role: "pi" });
  });

  it("changes the role with one audit event and ends the user's sessions", async () => {
    const target = await userRow("staff.rc1@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    expect((await runCommand("coord.rc1@ncrc.demo", changeRoleCommand, { userId: target.id, role: "biobank_manager" })).ok).toBe(true);
    expect(await countRows(h.db, TABLES)).toEqual({ ...before, audit_events: before.audit_events + 1 });
    const after = await userRow("staff.rc1@ncrc.demo");
    expect(after).toMatchObject({ role: "biobank_manager", sessionVersion: target.sessionVersion + 1 });
    expect(await lastEvent()).toMatchObject({ action: "user.role_changed", before: { role: "site_staff" }, after: { role: "biobank_manager" } });
  });
});
