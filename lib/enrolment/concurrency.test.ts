import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { screenings } from "@/db/schema";
import { enrolCommand } from "@/lib/enrolment/commands/enrol";
import { networkToday } from "@/lib/time/network-day";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { testPerson } from "@/lib/testing/test-person";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";

process.env.DATABASE_POOL_SIZE = "40";
const db = process.env.DATABASE_URL ? await setupTestDb() : null;

// PGlite is a single connection: transactions run one after another and row locks never
// contend, so these tests prove nothing there. They run only against a real PostgreSQL
// server (DATABASE_URL), where 64 callers really race for the same rows.
describe.skipIf(!process.env.DATABASE_URL)("enrolment under parallel callers (PostgreSQL)", () => {
  // Each parallel call carries its own signed-in user: the test session id is read per call.
  const als = new AsyncLocalStorage<string>();
  let fallback: string | null = null;
  Object.defineProperty(globalThis, "__testSessionId", {
    configurable: true,
    get: () => als.getStore() ?? fallback,
    set: (v: string | null) => {
      fallback = v;
    },
  });
  const h = db!;
  const session: Record<string, string> = {};
  const today = networkToday();
  let person = 100;

  beforeAll(async () => {
    await seedBase(h.db);
    session.R01 = (await signInAs(h.db, "staff.rc1@ncrc.demo")).sessionId;
    session.R20 = (await signInAs(h.db, "staff.rc20@ncrc.demo")).sessionId;
  });

  type S = TestStudy;

  async function eligibleScreenings(s: S, centre: string, n: number): Promise<number[]> {
    const site = s.site(centre);
    const rows = await h.db
      .insert(screenings)
      .values(Array.from({ length: n }, () => ({ studyId: s.study.id, siteId: site.id, centreId: site.centreId, protocolVersion: 1, screenedOn: today, outcome: "eligible" as const, answers: { I1: true, I2: true, E1: false } })))
      .returning({ id: screenings.id });
    return rows.map((r) => r.id);
  }

  function enrolAt(s: S, centre: string, screeningId: number, who = testPerson(++person)) {
    return als.run(session[centre], () =>
      runCommand({ sessionId: session[centre] }, enrolCommand, {
        studyId: s.study.id,
        siteId: s.site(centre).id,
        screeningId,
        requestKey: randomUUID(),
        ...who,
        consentVersionId: s.consent.id,
        consentDate: today,
        factorCodes: ["STAGE"],
        levelCodes: [screeningId % 2 ? "III" : "IV"],
      }),
    );
  }

  async function codesAndEntries(studyId: number) {
    const codes = await queryRows<{ subject_code: string; centre: string }>(
      h.db,
      sql`select p.subject_code, o.code as centre from participants p join organisations o on o.id = p.centre_id where p.study_id = ${studyId} order by p.subject_code`,
    );
    const [entries] = await queryRows<{ used: number; distinct_participants: number; distinct_entries: number }>(
      h.db,
      sql`select count(*)::int as used, count(distinct participant_id)::int as distinct_participants, count(distinct id)::int as distinct_entries
          from allocation_entries where study_id = ${studyId} and participant_id is not null`,
    );
    return { codes: codes.map((c) => c.subject_code), entries };
  }

  it("64 parallel enrolments into a site with 10 free places enrol exactly 10, codes 0001-0010", async () => {
    const s = await createTestStudy(h.db, { code: "CC-SITE", factors: [["STAGE", ["III", "IV"]]], sites: [["R01", 10]] });
    const ids = await eligibleScreenings(s, "R01", 64);
    const results = await Promise.all(ids.map((id) => enrolAt(s, "R01", id)));
    expect(results.filter((r) => r.ok).length).toBe(10);
    // Refusals are the cap's message, never a leaked database error.
    expect(new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.message)))).toEqual(new Set([expect.stringContaining("10")]));
    const { codes, entries } = await codesAndEntries(s.study.id);
    expect(codes).toEqual(Array.from({ length: 10 }, (_, i) => `CC-SITE-R01-${String(i + 1).padStart(4, "0")}`));
    expect(entries).toEqual({ used: 10, distinct_participants: 10, distinct_entries: 10 });
    const [c] = await queryRows<{ site: number; study: number }>(h.db, sql`select ss.enrolled_count as site, s.enrolled_count as study from study_sites ss join studies s on s.id = ss.study_id where s.id = ${s.study.id}`);
    expect(c).toEqual({ site: 10, study: 10 });
  });

  it("the study-wide cap holds across two sites enrolling in parallel", async () => {
    const s = await createTestStudy(h.db, { code: "CC-STUDY", target: 10, method: "minimization", factors: [["STAGE", ["III", "IV"]]], sites: [["R01", 100], ["R20", 100]] });
    const [a, b] = [await eligibleScreenings(s, "R01", 32), await eligibleScreenings(s, "R20", 32)];
    const calls = a.flatMap((id, i) => [enrolAt(s, "R01", id), enrolAt(s, "R20", b[i])]);
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.ok).length).toBe(10);
    const { codes, entries } = await codesAndEntries(s.study.id);
    expect(codes.length).toBe(10);
    for (const centre of ["R01", "R20"]) {
      const mine = codes.filter((c) => c.startsWith(`CC-STUDY-${centre}-`));
      expect(mine).toEqual(mine.map((_, i) => `CC-STUDY-${centre}-${String(i + 1).padStart(4, "0")}`));
    }
    expect(entries).toEqual({ used: 10, distinct_participants: 10, distinct_entries: 10 });
  });

  it("the same person submitted at two sites at the same time is enrolled once", async () => {
    const s = await createTestStudy(h.db, { code: "CC-DUP", factors: [["STAGE", ["III", "IV"]]], sites: [["R01", 100], ["R20", 100]] });
    const [a, b] = [await eligibleScreenings(s, "R01", 8), await eligibleScreenings(s, "R20", 8)];
    const people = a.map(() => testPerson(++person));
    const results = await Promise.all(a.flatMap((id, i) => [enrolAt(s, "R01", id, people[i]), enrolAt(s, "R20", b[i], people[i])]));
    expect(results.filter((r) => r.ok).length).toBe(8);
    for (let i = 0; i < 8; i++) expect([results[2 * i].ok, results[2 * i + 1].ok].filter(Boolean).length).toBe(1);
    const [n] = await queryRows<{ n: number; people: number }>(h.db, sql`select count(*)::int as n, count(distinct national_id_hash)::int as people from participants where study_id = ${s.study.id}`);
    expect(n).toEqual({ n: 8, people: 8 });
  });

  it("a double-submitted request (same key) enrols once even when both arrive together", async () => {
    const s = await createTestStudy(h.db, { code: "CC-IDEM", factors: [["STAGE", ["III", "IV"]]], sites: [["R01", 100]] });
    const [id] = await eligibleScreenings(s, "R01", 1);
    const input = { studyId: s.study.id, siteId: s.site("R01").id, screeningId: id, requestKey: randomUUID(), ...testPerson(++person), consentVersionId: s.consent.id, consentDate: today, factorCodes: ["STAGE"], levelCodes: ["III"] };
    const results = await Promise.all(Array.from({ length: 6 }, () => als.run(session.R01, () => runCommand({ sessionId: session.R01 }, enrolCommand, input))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.data.subjectCode : "")))).toEqual(new Set(["CC-IDEM-R01-0001"]));
    // One ran; the others were answered from its stored result.
    expect(results.filter((r) => r.ok && r.replayed).length).toBe(5);
    const [n] = await queryRows<{ n: number; audits: number }>(
      h.db,
      sql`select (select count(*)::int from participants where study_id = ${s.study.id}) as n,
                 (select count(*)::int from audit_events where action = 'participant.enrolled' and study_id = ${s.study.id}) as audits`,
    );
    expect(n).toEqual({ n: 1, audits: 1 });
  });
});
