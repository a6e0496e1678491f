import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { protocolVersions, visitDefinitions } from "@/db/schema";
import { setVisitScheduleCommand } from "@/lib/studies/commands/set-visit-schedule";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";
import { networkToday } from "@/lib/time/network-day";

const h = await setupTestDb();
const TABLES = ["visit_definitions", "protocol_versions", "audit_events"];
let draft: TestStudy;
let recruiting: TestStudy;

const schedule = (studyId: number, rows: [code: string, day: number, window: number][], extra: Record<string, unknown> = {}) => ({
  studyId,
  code: rows.map((r) => r[0]),
  nameZh: rows.map((r) => `访视 ${r[0]}`),
  nameEn: rows.map((r) => `Visit ${r[0]}`),
  targetDay: rows.map((r) => String(r[1])),
  windowDays: rows.map((r) => String(r[2])),
  ...extra,
});
const definitions = (pvId: number) =>
  h.db.select({ code: visitDefinitions.code, ordinal: visitDefinitions.ordinal, targetDay: visitDefinitions.targetDay }).from(visitDefinitions).where(eq(visitDefinitions.protocolVersionId, pvId)).orderBy(asc(visitDefinitions.ordinal));

beforeAll(async () => {
  await seedBase(h.db);
  draft = await createTestStudy(h.db, { code: "VS-DRAFT", status: "draft", design: "single_arm" });
  recruiting = await createTestStudy(h.db, { code: "VS-REC", design: "single_arm", visits: [{ code: "BL", day: 0, window: 3 }] });
});

describe("setting a study's visit schedule", () => {
  it("lets the study's PI replace a draft protocol's schedule, in target-day order", async () => {
    const r = expectOk(await runCommand("pi@ncrc.demo", setVisitScheduleCommand, schedule(draft.study.id, [["W6", 42, 7], ["BL", 0, 3]])));
    expect(r.version).toBe(1);
    expect(await definitions(draft.pv.id)).toEqual([
      { code: "BL", ordinal: 1, targetDay: 0 },
      { code: "W6", ordinal: 2, targetDay: 42 },
    ]);
  });

  it("refuses an empty schedule, a repeated code or day, ragged columns and out-of-range days, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const id = draft.study.id;
    expectRefused(await runCommand("pi@ncrc.demo", setVisitScheduleCommand, schedule(id, [])), ["_form"]);
    expectRefused(await runCommand("pi@ncrc.demo", setVisitScheduleCommand, schedule(id, [["BL", 0, 3], ["BL", 42, 7]])), ["code.1"]);
    expectRefused(await runCommand("pi@ncrc.demo", setVisitScheduleCommand, schedule(id, [["BL", 0, 3], ["W6", 0, 7]])), ["targetDay.1"]);
    expectRefused(await runCommand("pi@ncrc.demo", setVisitScheduleCommand, { ...schedule(id, [["BL", 0, 3]]), windowDays: ["3", "7"] }), ["_form"]);
    expectRefused(await runCommand("pi@ncrc.demo", setVisitScheduleCommand, schedule(id, [["BL", 0, 400]])), ["windowDays.0"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses anyone but the study's PI or a network admin, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand("staff.rc1@ncrc.demo", setVisitScheduleCommand, schedule(draft.study.id, [["BL", 0, 3]])));
    expectRefused(await runCommand("monitor@ncrc.demo", setVisitScheduleCommand, schedule(draft.study.id, [["BL", 0, 3]])));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("makes a change to a recruiting study's schedule a protocol amendment, leaving the version in force untouched", async () => {
    const rows: [string, number, number][] = [["BL", 0, 3], ["W12", 84, 7]];
    expectRefused(await runCommand("pi@ncrc.demo", setVisitScheduleCommand, schedule(recruiting.study.id, rows)), ["amendmentDate"]);
    const r = expectOk(
      await runCommand("pi@ncrc.demo", setVisitScheduleCommand, schedule(recruiting.study.id, rows, { amendmentDate: networkToday(), amendmentReason: "Add a week-12 visit" })),
    );
    expect(r.version).toBe(2);
    const [v2] = await h.db.select().from(protocolVersions).where(eq(protocolVersions.studyId, recruiting.study.id)).orderBy(asc(protocolVersions.version)).offset(1);
    expect((await definitions(v2.id)).map((d) => d.code)).toEqual(["BL", "W12"]);
    expect((await definitions(recruiting.pv.id)).map((d) => d.code)).toEqual(["BL"]);
  });
});
