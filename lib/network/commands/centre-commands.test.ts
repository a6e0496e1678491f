import { desc, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, organisations } from "@/db/schema";
import type { AnyCommand } from "@/lib/actions/define-command";
import type { ActionResult } from "@/lib/actions/result";
import { translate } from "@/lib/i18n/translate";
import { addCentreCommand } from "@/lib/network/commands/add-centre";
import { moveCentreCommand } from "@/lib/network/commands/move-centre";
import { renameCentreCommand } from "@/lib/network/commands/rename-centre";
import { setCentreActiveCommand } from "@/lib/network/commands/set-centre-active";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, lookups, seedBase } from "@/lib/testing/fixtures";
import { runCommand } from "@/lib/testing/run-command";

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

async function lastEvents(n: number) {
  return (await h.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(n)).reverse();
}

const newCentre = (parentId: number, code: string) => ({
  parentId,
  code,
  nameZh: `测试医院${code}`,
  nameEn: `Test Hospital ${code}`,
  level: "grassroots",
  province: "河北",
  city: "保定",
});

describe("add a centre", () => {
  it("answers field errors for bad input and writes nothing", async () => {
    const res = await refused("admin@ncrc.demo", addCentreCommand, { ...newCentre(fx.org("R01").id, "x!"), nameZh: "  " });
    expect(Object.keys(res.fieldErrors ?? {}).sort()).toEqual(["code", "nameZh"]);
    const extra = await refused("admin@ncrc.demo", addCentreCommand, { ...newCentre(fx.org("R01").id, "T1"), path: "/1/" });
    expect(extra.fieldErrors?._form).toBeDefined();
  });

  it("refuses a level that is not the one below the parent, and a taken code", async () => {
    const lvl = await refused("admin@ncrc.demo", addCentreCommand, { ...newCentre(fx.org("R01").id, "T2"), level: "regional_centre" });
    expect(lvl.fieldErrors?.level).toEqual([translate(null, "network.errors.wrongLevel")]);
    const dup = await refused("admin@ncrc.demo", addCentreCommand, newCentre(fx.org("R01").id, "R02G1"));
    expect(dup.fieldErrors?.code).toEqual([translate(null, "network.errors.codeTaken")]);
  });

  it.each(["staff.rc1@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo"])("refuses %s", async (email) => {
    const res = await refused(email, addCentreCommand, newCentre(fx.org("R01").id, "T3"));
    expect(res.message).toBe(translate(null, "errors.forbidden"));
  });

  it("refuses a coordinator outside their subtree (crafted parent ids), and their own centre's parent", async () => {
    await refused("coord.rc1@ncrc.demo", addCentreCommand, newCentre(fx.org("R20").id, "T4"));
    await refused("coord.rc1@ncrc.demo", addCentreCommand, { ...newCentre(fx.org("SC01").id, "T5"), level: "regional_centre" });
  });

  it("adds a grass-roots hospital under a coordinator's centre with one audit event", async () => {
    const before = await countRows(h.db, TABLES);
    const res = await runCommand("coord.rc1@ncrc.demo", addCentreCommand, newCentre(fx.org("R01").id, "t6"));
    expect(res.ok).toBe(true);
    expect(await countRows(h.db, TABLES)).toEqual({ ...before, organisations: before.organisations + 1, audit_events: before.audit_events + 1 });
    const [row] = await h.db.select().from(organisations).where(eq(organisations.code, "T6"));
    expect(row).toMatchObject({ level: "grassroots", parentId: fx.org("R01").id, path: `${fx.org("R01").path}${row.id}/`, depth: 3 });
    const [ev] = await lastEvents(1);
    expect(ev).toMatchObject({ action: "centre.created", entityId: String(row.id), centreId: row.id, actorId: fx.user("coord.rc1@ncrc.demo").id });
    expect(ev.after).toMatchObject({ code: "T6", level: "grassroots" });
  });
});

describe("rename a centre", () => {
  it("answers field errors for bad input and writes nothing", async () => {
    const res = await refused("admin@ncrc.demo", renameCentreCommand, { centreId: fx.org("R01").id, nameZh: "新名", nameEn: "" });
    expect(res.fieldErrors?.nameEn).toBeDefined();
  });

  it("refuses the wrong role and centres outside a coordinator's subtree", async () => {
    await refused("staff.rc1@ncrc.demo", renameCentreCommand, { centreId: fx.org("R01").id, nameZh: "甲", nameEn: "A" });
    await refused("coord.rc1@ncrc.demo", renameCentreCommand, { centreId: fx.org("R20").id, nameZh: "甲", nameEn: "A" });
    await refused("coord.rc1@ncrc.demo", renameCentreCommand, { centreId: fx.org("SC01").id, nameZh: "甲", nameEn: "A" });
    const [r20] = await h.db.select().from(organisations).where(eq(organisations.code, "R20"));
    expect(r20.nameEn).toBe(fx.org("R20").nameEn);
  });

  it("renames with one audit event holding before and after", async () => {
    const res = await runCommand("coord.rc1@ncrc.demo", renameCentreCommand, { centreId: fx.org("R01").id, nameZh: "保定肿瘤中心", nameEn: "Baoding Cancer Centre" });
    expect(res.ok).toBe(true);
    const [ev] = await lastEvents(1);
    expect(ev).toMatchObject({ action: "centre.renamed", centreId: fx.org("R01").id, before: { nameEn: fx.org("R01").nameEn }, after: { nameEn: "Baoding Cancer Centre" } });
  });
});

describe("deactivate and reactivate a centre", () => {
  it("requires a reason", async () => {
    const res = await refused("admin@ncrc.demo", setCentreActiveCommand, { centreId: fx.org("R01G2").id, active: "false", reason: " " });
    expect(res.fieldErrors?.reason).toBeDefined();
  });

  it("refuses the wrong role, centres outside the subtree and the coordinator's own centre", async () => {
    await refused("viewer@ncrc.demo", setCentreActiveCommand, { centreId: fx.org("R01G2").id, active: false, reason: "closing" });
    await refused("coord.rc1@ncrc.demo", setCentreActiveCommand, { centreId: fx.org("R20G1").id, active: false, reason: "closing" });
    await refused("coord.rc1@ncrc.demo", setCentreActiveCommand, { centreId: fx.org("R01").id, active: false, reason: "closing" });
  });

  it("deactivates with the reason audited, refuses doing it twice, and reactivates", async () => {
    const id = fx.org("R01G2").id;
    expect((await runCommand("coord.rc1@ncrc.demo", setCentreActiveCommand, { centreId: String(id), active: "false", reason: "Merged into R01G1" })).ok).toBe(true);
    const [ev] = await lastEvents(1);
    expect(ev).toMatchObject({ action: "centre.deactivated", centreId: id, reason: "Merged into R01G1", before: { active: true }, after: { active: false } });
    await refused("coord.rc1@ncrc.demo", setCentreActiveCommand, { centreId: id, active: false, reason: "again" });
    expect((await runCommand("coord.rc1@ncrc.demo", setCentreActiveCommand, { centreId: id, active: true, reason: "Reopened" })).ok).toBe(true);
    expect((await lastEvents(1))[0].action).toBe("centre.reactivated");
  });
});

describe("move a centre", () => {
  it("answers field errors for bad input", async () => {
    const res = await refused("admin@ncrc.demo", moveCentreCommand, { centreId: fx.org("R02").id, newParentId: "abc" });
    expect(res.fieldErrors?.newParentId).toBeDefined();
  });

  it("refuses a move that would make a cycle", async () => {
    const cycle = translate(null, "network.errors.cycle");
    const a = await refused("admin@ncrc.demo", moveCentreCommand, { centreId: fx.org("R01").id, newParentId: fx.org("R01G1").id });
    expect(a.fieldErrors?.newParentId).toEqual([cycle]);
    const b = await refused("admin@ncrc.demo", moveCentreCommand, { centreId: fx.org("SC01").id, newParentId: fx.org("R03").id });
    expect(b.fieldErrors?.newParentId).toEqual([cycle]);
  });

  it("refuses a parent of the wrong level", async () => {
    const res = await refused("admin@ncrc.demo", moveCentreCommand, { centreId: fx.org("R01G1").id, newParentId: fx.org("SC02").id });
    expect(res.fieldErrors?.newParentId).toEqual([translate(null, "network.errors.wrongParentLevel")]);
  });

  it("refuses the wrong role and moves reaching outside a coordinator's subtree", async () => {
    await refused("pi@ncrc.demo", moveCentreCommand, { centreId: fx.org("R01G1").id, newParentId: fx.org("R02").id });
    await refused("coord.sc1@ncrc.demo", moveCentreCommand, { centreId: fx.org("R01G1").id, newParentId: fx.org("R20").id });
    await refused("coord.sc1@ncrc.demo", moveCentreCommand, { centreId: fx.org("R20G1").id, newParentId: fx.org("R01").id });
    await refused("coord.rc1@ncrc.demo", moveCentreCommand, { centreId: fx.org("R01").id, newParentId: fx.org("SC02").id });
  });

  it("moves a whole subtree, rewriting every path, with one audit event", async () => {
    const r02 = fx.org("R02");
    const sc2 = fx.org("SC02");
    const kids = fx.orgs.filter((o) => o.parentId === r02.id);
    expect(kids.length).toBeGreaterThan(2);
    const before = await countRows(h.db, TABLES);
    const res = await runCommand("admin@ncrc.demo", moveCentreCommand, { centreId: r02.id, newParentId: sc2.id });
    expect(res.ok).toBe(true);
    expect(await countRows(h.db, TABLES)).toEqual({ ...before, audit_events: before.audit_events + 1 });
    const moved = await h.db.select().from(organisations).where(like(organisations.path, `${sc2.path}${r02.id}/%`));
    expect(moved.length).toBe(kids.length + 1);
    expect(moved.find((o) => o.id === r02.id)?.parentId).toBe(sc2.id);
    const stale = await h.db.select().from(organisations).where(like(organisations.path, `${r02.path}%`));
    expect(stale).toEqual([]);
    const [ev] = await lastEvents(1);
    expect(ev).toMatchObject({ action: "centre.moved", centreId: r02.id, before: { parentId: fx.org("SC01").id }, after: { parentId: sc2.id } });
  });

  it("lets a coordinator move a hospital between regional centres of their subtree", async () => {
    const g = fx.org("R03G1");
    expect((await runCommand("coord.sc1@ncrc.demo", moveCentreCommand, { centreId: g.id, newParentId: fx.org("R04").id })).ok).toBe(true);
    const now = await lookups(h.db);
    expect(now.org("R03G1").path).toBe(`${fx.org("R04").path}${g.id}/`);
  });
});
