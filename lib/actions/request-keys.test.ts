import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import type { ActionResult } from "@/lib/actions/result";
import { screenCommand } from "@/lib/enrolment/commands/screen";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { createTransferCommand } from "@/lib/biobank/commands/create-transfer";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { translate } from "@/lib/i18n/translate";
import { networkToday, toNetworkLocal } from "@/lib/time/network-day";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { insertTestParticipants } from "@/lib/testing/participants";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";

process.env.DATABASE_POOL_SIZE = "40";
const h = await setupTestDb();
const [RC1, RC20, MONITOR, BIOBANK] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "biobank@ncrc.demo"];
/** Everything a creation (and its notifications, custody entries, audit events) may write. */
const TABLES = ["adverse_events", "record_versions", "notifications", "queries", "query_events", "screenings", "specimens", "custody_events", "specimen_transfers", "specimen_transfer_items", "audit_events", "command_requests"];
const counts = () => countRows(h.db, TABLES);
const delta = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(TABLES.map((t) => [t, b[t] - a[t]]).filter(([, d]) => d !== 0));

let fu: Awaited<ReturnType<typeof createFollowupStudy>>;
let screening: TestStudy;
let r01 = 0;
const sae = (over: Record<string, unknown> = {}) => ({
  participantId: fu.atR01.id,
  term: "Febrile neutropenia",
  category: "blood_lymphatic",
  grade: "3",
  onsetOn: "2025-02-01",
  endedOn: "",
  seriousCriteria: ["hospitalisation"],
  relatedness: "probable",
  actionTaken: "interrupted",
  outcome: "recovering",
  awareAt: toNetworkLocal(new Date()),
  ...over,
});
const saeAudits = async () => Number((await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from audit_events where action = 'sae.reported'`))[0].n);

beforeAll(async () => {
  const fx = await seedBase(h.db);
  r01 = fx.org("R01").id;
  fu = await createFollowupStudy(h.db, "RK-FU", { enrolledOn: "2025-01-10", monitor: MONITOR });
  screening = await createTestStudy(h.db, { code: "RK-SC", sites: [["R01", 10]] });
  await insertTestParticipants(h.db, ["RKB-TJ01-0001", "RKB-TJ01-0002"]);
});

describe("a command with a request key runs once per key", () => {
  it("7 identical add-AE calls record one SAE, notify once and audit once; every call answers the same id", async () => {
    const before = await counts();
    const input = sae({ requestKey: randomUUID() });
    const results: ActionResult<{ id: number }>[] = [];
    for (let i = 0; i < 7; i++) results.push(await runCommand(RC1, addAeCommand, input));
    const first = expectOk(results[0]);
    expect(results[0]).not.toHaveProperty("replayed");
    for (const r of results.slice(1)) expect(r).toEqual({ ok: true, replayed: true, data: first });
    const d = delta(before, await counts());
    expect(d).toMatchObject({ adverse_events: 1, audit_events: 1, command_requests: 1 });
    expect(d.notifications).toBeGreaterThan(0);
    // Once more, seen from the notifications: the SAE's recipients were told exactly once.
    const told = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from notifications where created_at >= now() - interval '1 hour' group by user_id having count(*) > 1`);
    expect(told).toEqual([]);
  });

  it("the same key with another input is refused with a message, writing nothing", async () => {
    const requestKey = randomUUID();
    expectOk(await runCommand(RC1, addAeCommand, sae({ requestKey, term: "Anaemia" })));
    const before = await counts();
    const r = await runCommand(RC1, addAeCommand, sae({ requestKey, term: "Anaemia", grade: "4" }));
    expect(r.ok).toBe(false);
    expect(!r.ok && [translate("zh-CN", "errors.requestKeyReused"), translate("en", "errors.requestKeyReused")]).toContain(!r.ok && r.message);
    expect(await counts()).toEqual(before);
  });

  it("a refused request does not use up its key: corrected, the same key runs", async () => {
    const requestKey = randomUUID();
    const before = await counts();
    const refused = await runCommand(RC1, addAeCommand, sae({ requestKey, onsetOn: "2024-12-01" }));
    expect(!refused.ok && refused.fieldErrors).toHaveProperty("onsetOn");
    expect(await counts()).toEqual(before);
    const ok = await runCommand(RC1, addAeCommand, sae({ requestKey, term: "Neutropenia" }));
    expect(ok.ok && !("replayed" in ok)).toBe(true);
  });

  it("keys belong to one user and one command; without a key nothing is deduplicated", async () => {
    const requestKey = randomUUID();
    const mine = expectOk(await runCommand(RC1, addAeCommand, sae({ requestKey, term: "Rash" })));
    const theirs = expectOk(await runCommand(RC20, addAeCommand, sae({ requestKey, term: "Rash", participantId: fu.atR20.id })));
    expect(theirs.id).not.toBe(mine.id);
    const before = await counts();
    expectOk(await runCommand(RC1, addAeCommand, sae({ term: "Nausea", seriousCriteria: [] })));
    expectOk(await runCommand(RC1, addAeCommand, sae({ term: "Nausea", seriousCriteria: [] })));
    const d = delta(before, await counts());
    expect([d.adverse_events, d.command_requests ?? 0]).toEqual([2, 0]);
  });

  it("screening, raise-query, register-specimen and create-transfer answer a replay from the stored result", async () => {
    const [ae] = await queryRows<{ id: number }>(h.db, sql`select id from adverse_events where participant_id = ${fu.atR01.id} order by id limit 1`);
    const table: [string, string, Parameters<typeof runCommand>[1], Record<string, unknown>, string][] = [
      ["screening", RC1, screenCommand, { studyId: screening.study.id, siteId: screening.site("R01").id, screenedOn: networkToday(), codes: ["I1", "I2", "E1"], answers: ["yes", "yes", "no"] }, "screenings"],
      ["raise-query", MONITOR, raiseQueryCommand, { entityType: "adverse_event", entityId: ae.id, field: "grade", question: "Grade 3 or 4?" }, "queries"],
      ["register-specimen", BIOBANK, registerSpecimenCommand, { type: "whole_blood", ownerKind: "subject", subjectCode: "RKB-TJ01-0001", collectedAt: "2026-01-05T08:30", quantity: 3 }, "specimens"],
    ];
    for (const [name, who, command, input, created] of table) {
      const keyed = { ...input, requestKey: randomUUID() };
      const before = await counts();
      const first = await runCommand(who, command, keyed);
      expect(first.ok, `${name}: ${first.ok ? "" : first.message}`).toBe(true);
      const mid = await counts();
      expect(delta(before, mid), name).toMatchObject({ [created]: 1, audit_events: 1, command_requests: 1 });
      expect(await runCommand(who, command, keyed), name).toEqual({ ok: true, replayed: true, data: first.ok ? first.data : null });
      expect(await counts(), name).toEqual(mid);
    }
    const [specimen] = await queryRows<{ barcode: string }>(h.db, sql`select barcode from specimens where subject_code = 'RKB-TJ01-0001'`);
    const transfer = { toCentreId: r01, barcodes: specimen.barcode, note: "", requestKey: randomUUID() };
    const t = expectOk(await runCommand(BIOBANK, createTransferCommand, transfer));
    const mid = await counts();
    expect(await runCommand(BIOBANK, createTransferCommand, transfer)).toEqual({ ok: true, replayed: true, data: t });
    expect(await counts()).toEqual(mid);
  });

  it("a malformed key is a field error", async () => {
    const before = await counts();
    const r = await runCommand(RC1, addAeCommand, sae({ requestKey: "short" }));
    expect(!r.ok && r.fieldErrors).toHaveProperty("requestKey");
    expect(await counts()).toEqual(before);
  });
});

// PGlite is one connection: transactions never overlap there, so only PostgreSQL shows the race.
describe.skipIf(!process.env.DATABASE_URL)("identical requests arriving together (PostgreSQL)", () => {
  it("16 parallel identical add-AE calls: one runs, the other 15 get its stored result", async () => {
    const before = await counts();
    const audits = await saeAudits();
    const input = sae({ requestKey: randomUUID(), term: "Pneumonitis" });
    const results = await Promise.all(Array.from({ length: 16 }, () => runCommand(RC1, addAeCommand, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.data.id : 0))).size).toBe(1);
    expect(results.filter((r) => r.ok && r.replayed).length).toBe(15);
    expect(delta(before, await counts())).toMatchObject({ adverse_events: 1, audit_events: 1, command_requests: 1 });
    expect(await saeAudits()).toBe(audits + 1);
  });
});
