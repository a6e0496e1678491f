import { beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/authz/actor";
import { verifyChainCommand } from "@/lib/audit/commands/verify-chain";
import { translate } from "@/lib/i18n/translate";
import { renameCentreCommand } from "@/lib/network/commands/rename-centre";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { networkToday } from "@/lib/time/network-day";
import { parseAuditFilters } from "@/lib/history/filters";
import { listAuditEvents } from "@/lib/history/queries/audit-trail";
import { centreLevelCounts, getCentre, listCentres, moveTargets } from "@/lib/network/queries/centres";
import { setUserDisabledCommand } from "@/lib/users/commands/set-user-disabled";
import { parseUserFilters } from "@/lib/users/filters";
import { getUser, homeCentreOptions, listUsers, usersAtCentre } from "@/lib/users/queries/users";

let h: Awaited<ReturnType<typeof setupTestDb>>;
let fx: Awaited<ReturnType<typeof seedBase>>;

beforeAll(async () => {
  h = await setupTestDb();
  fx = await seedBase(h.db);
  // Events in both halves of the network, written by the admin through the real command pipeline.
  for (const code of ["R01G1", "R20", "R01", "SC02"]) {
    const o = fx.org(code);
    expect((await runCommand("admin@ncrc.demo", renameCentreCommand, { centreId: o.id, nameZh: `${o.nameZh}（改）`, nameEn: `${o.nameEn} (renamed)` })).ok).toBe(true);
  }
});

async function actorFor(email: string): Promise<Actor> {
  await signInAs(h.db, email);
  const a = await getActor();
  if (!a) throw new Error("not signed in");
  return a;
}

const allUsers = parseUserFilters({});
const allEvents = parseAuditFilters({});

describe("centre reads follow the actor's scope", () => {
  it("gives a regional coordinator only their subtree", async () => {
    const a = await actorFor("coord.rc1@ncrc.demo");
    const rows = await listCentres(a);
    const r01 = fx.org("R01");
    const expected = fx.orgs.filter((o) => o.path.startsWith(r01.path)).map((o) => o.code).sort();
    expect(rows.map((r) => r.code).sort()).toEqual(expected);
    const counts = await centreLevelCounts(a);
    expect(counts.map((c) => [c.level, c.total]).sort()).toEqual([
      ["grassroots", expected.length - 1],
      ["regional_centre", 1],
    ]);
    expect(await getCentre(a, "R20")).toBeNull();
    expect(await getCentre(a, "SC01")).toBeNull();
    const g = await getCentre(a, "R01G1");
    expect(g?.crumbs.map((c) => [c.code, c.linkable])).toEqual([
      ["TJ01", false],
      ["SC01", false],
      ["R01", true],
    ]);
  });

  it("gives site staff only their own centre, and network-wide roles everything", async () => {
    const staff = await actorFor("staff.gh1@ncrc.demo");
    expect((await listCentres(staff)).map((r) => r.code)).toEqual(["R01G1"]);
    expect(await getCentre(staff, "R01")).toBeNull();
    const viewer = await actorFor("viewer@ncrc.demo");
    expect((await listCentres(viewer)).length).toBe(fx.orgs.length);
    const total = (await centreLevelCounts(viewer)).reduce((n, c) => n + c.total, 0);
    expect(total).toBe(fx.orgs.length);
  });
});

describe("user reads follow the actor's scope", () => {
  it("lists only users of a coordinator's subtree, filtered and paged on the server", async () => {
    const a = await actorFor("coord.rc1@ncrc.demo");
    const res = await listUsers(a, allUsers);
    expect(res.rows.map((u) => u.email).sort()).toEqual(["coord.rc1@ncrc.demo", "staff.gh1@ncrc.demo", "staff.rc1@ncrc.demo"]);
    expect(res.total).toBe(3);
    expect(await getUser(a, fx.user("staff.rc20@ncrc.demo").id)).toBeNull();
    const staffOnly = await listUsers(a, parseUserFilters({ role: "site_staff", centre: "R01G1" }));
    expect(staffOnly.rows.map((u) => u.email)).toEqual(["staff.gh1@ncrc.demo"]);
    const admin = await actorFor("admin@ncrc.demo");
    const page2 = await listUsers(admin, { ...allUsers, page: 2 }, 4);
    expect(page2).toMatchObject({ total: fx.users.length, page: 2, pages: Math.ceil(fx.users.length / 4) });
    expect(page2.rows.length).toBe(4);
    expect((await listUsers(admin, parseUserFilters({ q: "RC20" }))).rows.map((u) => u.email)).toEqual(["staff.rc20@ncrc.demo"]);
  });
});

describe("reads refuse roles without their permission", () => {
  it("gives site staff no users, no people at their own centre and no home centres to choose", async () => {
    const staff = await actorFor("staff.rc1@ncrc.demo");
    expect(await listUsers(staff, allUsers)).toMatchObject({ rows: [], total: 0, page: 1 });
    expect(await getUser(staff, staff.id)).toBeNull();
    expect(await usersAtCentre(staff, staff.centreId)).toBeNull();
    expect(await homeCentreOptions(staff)).toEqual([]);
    const coord = await actorFor("coord.rc1@ncrc.demo");
    expect((await usersAtCentre(coord, coord.centreId))?.rows.map((u) => u.email).sort()).toEqual(["coord.rc1@ncrc.demo", "staff.rc1@ncrc.demo"]);
  });

  it("offers move targets only to roles that manage centres", async () => {
    const g = fx.org("R03G1");
    const viewer = await actorFor("viewer@ncrc.demo");
    expect(await moveTargets(viewer, g)).toEqual([]);
    const admin = await actorFor("admin@ncrc.demo");
    const targets = (await moveTargets(admin, g)).map((o) => o.code);
    expect(targets).toContain("R04");
    expect(targets).not.toContain("R03");
  });
});

describe("audit reads follow the actor's scope", () => {
  it("shows a coordinator only events of centres in their subtree", async () => {
    const a = await actorFor("coord.rc1@ncrc.demo");
    const res = await listAuditEvents(a, allEvents);
    const inScope = new Set(fx.orgs.filter((o) => o.path.startsWith(fx.org("R01").path)).map((o) => o.code));
    expect(res.rows.length).toBeGreaterThan(0);
    for (const e of res.rows) expect(inScope.has(e.centreCode ?? "")).toBe(true);
    expect(res.rows.filter((e) => e.action === "centre.renamed").map((e) => e.centreCode).sort()).toEqual(["R01", "R01G1"]);
  });

  it("shows an admin everything, with filters", async () => {
    const a = await actorFor("admin@ncrc.demo");
    const renamed = await listAuditEvents(a, parseAuditFilters({ action: "renamed" }));
    expect(renamed.total).toBe(4);
    const one = await listAuditEvents(a, parseAuditFilters({ entityType: "organisation", entityId: String(fx.org("R20").id) }));
    expect(one.rows.map((e) => e.centreCode)).toEqual(["R20"]);
    expect((await listAuditEvents(a, parseAuditFilters({ actor: "Wang Jianhua", action: "centre." }))).total).toBe(4);
    expect((await listAuditEvents(a, parseAuditFilters({ from: "2000-01-01", to: "2000-12-31" }))).total).toBe(0);
    const today = networkToday();
    expect((await listAuditEvents(a, parseAuditFilters({ from: today, to: today, action: "renamed" }))).total).toBe(4);
  });
});

describe("chain check from the audit screen", () => {
  const TABLES = ["audit_events"];

  it("refuses roles without audit.verify and unknown input, writing nothing", async () => {
    for (const email of ["staff.rc1@ncrc.demo", "viewer@ncrc.demo"]) {
      const before = await countRows(h.db, TABLES);
      const res = await runCommand(email, verifyChainCommand, {});
      expect(res).toEqual({ ok: false, message: translate(null, "errors.forbidden") });
      expect(await countRows(h.db, TABLES)).toEqual(before);
    }
    const before = await countRows(h.db, TABLES);
    const res = await runCommand("admin@ncrc.demo", verifyChainCommand, { force: true });
    expect(res.ok).toBe(false);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("reports an intact chain and records that it was checked", async () => {
    const before = await countRows(h.db, TABLES);
    const res = await runCommand("coord.rc1@ncrc.demo", verifyChainCommand, {});
    expect(res).toEqual({ ok: true, data: { ok: true, checked: before.audit_events } });
    expect(await countRows(h.db, TABLES)).toEqual({ audit_events: before.audit_events + 1 });
    const a = await actorFor("coord.rc1@ncrc.demo");
    const [ev] = (await listAuditEvents(a, parseAuditFilters({ action: "audit.verified" }))).rows;
    expect(ev).toMatchObject({ entityType: "audit_chain", after: { ok: true, checked: before.audit_events } });
  });
});

describe("a disabled user's live session", () => {
  it("stops working on the next request", async () => {
    const { sessionId } = await signInAs(h.db, "staff.rc20@ncrc.demo");
    expect((await getActor())?.email).toBe("staff.rc20@ncrc.demo");

    const disabled = await runCommand("admin@ncrc.demo", setUserDisabledCommand, { userId: fx.user("staff.rc20@ncrc.demo").id, disabled: true, reason: "Account compromised" });
    expect(disabled.ok).toBe(true);

    // Back to the disabled user's existing session, as their browser would be.
    (globalThis as { __testSessionId?: string | null }).__testSessionId = sessionId;
    expect(await getActor()).toBeNull();
    const res = await runCommand({ sessionId }, renameCentreCommand, { centreId: fx.org("R20").id, nameZh: "甲", nameEn: "A" });
    expect(res).toEqual({ ok: false, message: translate(null, "errors.signedOut") });
  });
});
