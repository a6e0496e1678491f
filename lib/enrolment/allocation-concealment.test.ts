import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { enrolCommand } from "@/lib/enrolment/commands/enrol";
import { screenCommand } from "@/lib/enrolment/commands/screen";
import { networkToday } from "@/lib/time/network-day";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { testPerson } from "@/lib/testing/test-person";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";
import * as consort from "@/lib/enrolment/queries/consort";
import * as detail from "@/lib/participants/queries/participant-detail";
import * as participants from "@/lib/participants/queries/participants";
import * as screenings from "@/lib/enrolment/queries/screenings";

const h = await setupTestDb();
let admin: Actor;
let study: TestStudy;
let subjectCode = "";

beforeAll(async () => {
  const fx = await seedBase(h.db);
  study = await createTestStudy(h.db, { code: "AC-1", arms: [["A", 1], ["B", 1], ["C", 1]], sites: [["R01", 50]] });
  const s = await runCommand("staff.rc1@ncrc.demo", screenCommand, { studyId: study.study.id, siteId: study.site("R01").id, screenedOn: networkToday(), codes: ["I1", "I2", "E1"], answers: ["yes", "yes", "no"] });
  if (!s.ok) throw new Error(s.message);
  const e = await runCommand("staff.rc1@ncrc.demo", enrolCommand, { studyId: study.study.id, siteId: study.site("R01").id, screeningId: s.data.id, requestKey: randomUUID(), ...testPerson(7), consentVersionId: study.consent.id, consentDate: networkToday() });
  if (!e.ok) throw new Error(e.message);
  subjectCode = e.data.subjectCode;
  const u = fx.user("admin@ncrc.demo");
  const o = fx.org("TJ01");
  admin = { id: u.id, email: u.email, name: u.name, role: "network_admin", centreId: o.id, centrePath: o.path, centreCode: o.code, centreNameZh: o.nameZh, centreNameEn: o.nameEn, locale: "en", sessionId: null };
});

describe("allocation concealment", () => {
  it("the stored list holds entries nobody has been assigned yet", async () => {
    const [r] = await queryRows<{ free: number; used: number }>(h.db, sql`select count(*) filter (where participant_id is null)::int as free, count(*) filter (where participant_id is not null)::int as used from allocation_entries`);
    expect(r.used).toBe(1);
    expect(r.free).toBeGreaterThan(4);
  });

  it("no data-layer read returns an unassigned entry, even for a network admin", async () => {
    // Every exported read must be listed here: a new one fails this test until it is checked too.
    const f = { site: "", status: "" as const, q: "", page: 1 };
    const calls: Record<string, () => Promise<unknown>> = {
      listParticipants: () => participants.listParticipants(admin, study.study.id, f),
      listMyParticipants: () => participants.listMyParticipants(admin, f),
      getParticipant: () => detail.getParticipant(admin, study.study.id, subjectCode),
      consortFlow: () => consort.consortFlow(admin, study.study.id, null),
      listScreenings: () => screenings.listScreenings(admin, study.study.id, { site: "", outcome: "", page: 1 }),
      studySiteOptions: () => screenings.studySiteOptions(admin, study.study.id),
      siteWorkContext: () => screenings.siteWorkContext(admin, study.study.id),
      ownEligibleScreening: () => screenings.ownEligibleScreening(admin, study.study.id, 1),
    };
    const exported = [participants, detail, consort, screenings].flatMap((m) => Object.keys(m));
    expect(exported.sort()).toEqual(Object.keys(calls).sort());

    const seen: string[] = [];
    for (const [name, call] of Object.entries(calls)) seen.push(`${name}:${JSON.stringify(await call())}`);
    const text = seen.join("\n");
    // Exactly one arm is visible anywhere: the assigned one.
    const armMentions = text.match(/"armCode":"[ABC]"/g) ?? [];
    expect(armMentions.length).toBe(3); // the list, the cross-study list and the participant page
    const flow = await consort.consortFlow(admin, study.study.id, null);
    expect(flow?.arms.reduce((a, b) => a + b.allocated, 0)).toBe(1);
    const [free] = await queryRows<{ ids: number[] }>(h.db, sql`select array_agg(id) as ids from allocation_entries where participant_id is null`);
    for (const id of free.ids) expect(text).not.toMatch(new RegExp(`"(entryId|allocationEntryId)":${id}\\b`));
  });

  it("the data layer reaches allocation entries only through an assigned participant", () => {
    const files = queryFiles(path.join(process.cwd(), "lib"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const src = fs.readFileSync(file, "utf8");
      expect(src, file).not.toMatch(/allocationEntries/);
      for (const line of src.split("\n").filter((l) => l.includes("allocation_entries"))) {
        expect(line, `${file}: ${line.trim()}`).toMatch(/participant_id = p\.id|e\.participant_id = p\.id/);
      }
    }
  });
});

/** Every data-layer read file: lib/<domain>/queries/*.ts. */
function queryFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...queryFiles(p));
    else if (path.basename(dir) === "queries" && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}
