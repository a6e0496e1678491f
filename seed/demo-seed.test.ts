import fs from "node:fs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "@/db/client";
import { setupTestDb } from "@/lib/testing/db";
import { DEMO_SEED_CLOCK, seedDemoThrough } from "@/lib/testing/demo-seed";
import { monthsBefore } from "@/seed/clock";
import { networkDayOf } from "@/lib/time/network-day";

/**
 * The demo seed up to follow-up, built once around a fixed clock: what the demo must contain,
 * and that it is deterministic — the same rows on PGlite and on PostgreSQL (issue 12, item 10:
 * the hub's AEs were 1,662 on one and 1,644 on the other). The fingerprint below is a constant:
 * the PGlite run and the PostgreSQL run (DATABASE_URL set) check the same one. No timings here:
 * the seed's speed is measured by `npm run bench:*`.
 */
const CLOCK = DEMO_SEED_CLOCK;
const h = await setupTestDb();

beforeAll(async () => {
  await seedDemoThrough(h.db, "followup");
}, 600_000);

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(h.db, q))[0];

describe("demo enrolment data", () => {
  it("has a few thousand participants over the last two years, with screen failures and reasons", async () => {
    const r = await one<{ p: number; s: number; failed: number; no_reason: number; oldest: string; newest: string }>(
      sql`select (select count(*)::int from participants) as p, (select count(*)::int from screenings) as s,
            (select count(*)::int from screenings where outcome = 'screen_failed') as failed,
            (select count(*)::int from screenings where outcome = 'screen_failed' and cardinality(failed_codes) = 0) as no_reason,
            (select min(enrolled_on)::text from participants) as oldest, (select max(enrolled_on)::text from participants) as newest`,
    );
    expect(r.p).toBeGreaterThan(2000);
    expect(r.failed).toBeGreaterThan(r.p / 5);
    expect(r.no_reason).toBe(0);
    expect(r.oldest >= networkDayOf(monthsBefore(CLOCK.now, 25))).toBe(true);
    expect(r.newest <= CLOCK.today).toBe(true);
  });

  it("keeps subject codes sequential per site and the enrolled counts consistent", async () => {
    const gaps = await queryRows<{ site: number }>(h.db, sql`select enrol_site_id as site from participants group by 1 having max(seq) <> count(*) or min(seq) <> 1`);
    expect(gaps).toEqual([]);
    const c = await one<{ bad_sites: number; bad_studies: number }>(
      sql`select (select count(*)::int from study_sites ss where ss.enrolled_count <> (select count(*) from participants p where p.enrol_site_id = ss.id)) as bad_sites,
                 (select count(*)::int from studies s where s.enrolled_count <> (select count(*) from participants p where p.study_id = s.id)) as bad_studies`,
    );
    expect(c).toEqual({ bad_sites: 0, bad_studies: 0 });
  });

  it("holds no contradiction between a participant's sex and its SEX stratum level (issue 12, item 1)", async () => {
    const r = await one<{ with_sex: number; contradicting: number; sexes: number }>(
      sql`select count(*) filter (where strata ? 'SEX')::int as with_sex,
                 count(*) filter (where strata ? 'SEX' and strata->>'SEX' <> case sex when 'male' then 'M' else 'F' end)::int as contradicting,
                 count(distinct sex) filter (where strata ? 'SEX')::int as sexes
          from participants`,
    );
    expect(r.with_sex).toBeGreaterThan(100);
    expect(r.sexes).toBe(2);
    expect(r.contradicting).toBe(0);
  });

  it("randomizes every participant of a randomized study exactly once and leaves room at LC-203 / R01", async () => {
    const r = await one<{ unallocated: number; double: number; room: number }>(
      sql`select (select count(*)::int from participants p join studies s on s.id = p.study_id where s.design = 'randomized'
                   and not exists (select 1 from allocation_entries e where e.participant_id = p.id)) as unallocated,
                 (select count(*)::int from (select participant_id from allocation_entries where participant_id is not null group by 1 having count(*) > 1) x) as double,
                 (select ss.target - ss.enrolled_count from study_sites ss join studies s on s.id = ss.study_id join organisations o on o.id = ss.centre_id
                   where s.code = 'LC-203' and o.code = 'R01') as room`,
    );
    expect(r.unallocated).toBe(0);
    expect(r.double).toBe(0);
    expect(r.room).toBeGreaterThan(5);
  });
});

describe("demo follow-up data", () => {
  it("gives every enrolled participant expected visits, some overdue, some out of window, some missed", async () => {
    const r = await one<{ without: number; overdue: number; out: number; missed: number; done: number; versions_missing: number }>(sql`select
      (select count(*)::int from participants p where not exists (select 1 from participant_visits v where v.participant_id = p.id)) as without,
      (select count(*)::int from participant_visits where status = 'expected' and window_end < ${CLOCK.today}::date) as overdue,
      (select count(*)::int from participant_visits where out_of_window) as out,
      (select count(*)::int from participant_visits where status = 'missed') as missed,
      (select count(*)::int from participant_visits where status = 'done') as done,
      (select count(*)::int from participant_visits v where v.version = 1 and not exists (select 1 from record_versions r where r.entity_type = 'visit' and r.entity_id = v.id)) as versions_missing`);
    expect(r.without).toBe(0);
    expect(r.done).toBeGreaterThan(100);
    expect(r.overdue).toBeGreaterThan(10);
    expect(r.out).toBeGreaterThan(5);
    expect(r.missed).toBeGreaterThan(5);
    expect(r.versions_missing).toBe(0);
  });

  it("has AEs of every CTCAE grade, SAEs reported on time and late, and their notifications", async () => {
    const grades = await queryRows<{ grade: number }>(h.db, sql`select distinct grade from adverse_events order by grade`);
    expect(grades.map((g) => g.grade)).toEqual([1, 2, 3, 4, 5]);
    const r = await one<{ sae: number; late: number; unnotified: number }>(sql`select
      (select count(*)::int from adverse_events where serious) as sae,
      (select count(*)::int from adverse_events where report_late) as late,
      (select count(*)::int from adverse_events a where a.serious and not exists (select 1 from notifications n where n.entity_type = 'adverse_event' and n.entity_id = a.id)) as unnotified`);
    expect(r.late).toBeGreaterThan(0);
    expect(r.sae - r.late).toBeGreaterThan(r.late);
    expect(r.unnotified).toBe(0);
  });

  it("has queries in every state, with their threads", async () => {
    const states = await queryRows<{ status: string; n: number }>(h.db, sql`select status, count(*)::int as n from queries group by status order by status`);
    expect(states.map((s) => s.status)).toEqual(["open", "answered", "closed"]);
    const r = await one<{ reopened: number; no_thread: number }>(sql`select
      (select count(distinct query_id)::int from query_events where kind = 'reopened') as reopened,
      (select count(*)::int from queries q where not exists (select 1 from query_events e where e.query_id = q.id and e.kind = 'raised')) as no_thread`);
    expect(r.reopened).toBeGreaterThan(0);
    expect(r.no_thread).toBe(0);
  });
});

/**
 * Columns left out of the fingerprint: those the database fills from its own clock (a default
 * of now()), secrets that differ per installation (password hashes, the national-id HMAC, which
 * depends on PSEUDONYM_KEY) and the audit chain's times and hashes. Everything else is in.
 */
const LEFT_OUT = new Set(["users.password_hash", "participants.national_id_hash", "audit_events.at", "audit_events.hash", "audit_events.prev_hash"]);
/** Clock columns the seed sets itself (from its clock), so they are in the fingerprint. */
const SEED_SET = new Set(["participants.created_at", "adverse_events.created_at", "notifications.created_at", "queries.created_at", "query_events.created_at", "record_versions.changed_at"]);

/** The tables the seed steps above write. */
const SEED_TABLES = [
  "organisations",
  "users",
  "studies",
  "protocol_versions",
  "study_arms",
  "eligibility_criteria",
  "consent_versions",
  "strat_factors",
  "strat_levels",
  "study_sites",
  "study_team",
  "screenings",
  "participants",
  "allocation_entries",
  "visit_definitions",
  "participant_visits",
  "record_versions",
  "adverse_events",
  "notifications",
  "queries",
  "query_events",
  "audit_events",
];
/**
 * Tables filled from those by the database or the audit pipeline (dashboard figures kept by
 * triggers, data-entry completion counters, signed audit checkpoints): other code's, and not the seed's to fix. Every non-empty
 * table is one or the other, so a table the seed starts writing cannot escape the fingerprint.
 */
const DERIVED = /^(metric_[a-z_]+|crf_completion_[a-z_]+|audit_checkpoints)$/;

/** Per table: its row count and an md5 of its rows (key columns in id order). */
async function fingerprint(db: Db): Promise<Record<string, [number, string]>> {
  return db.transaction(async (tx) => {
    // Text forms of timestamps follow the session's zone: fix it, as both engines must agree.
    await tx.execute(sql`set local timezone = 'UTC'`);
    const cols = await queryRows<{ table_name: string; column_name: string; column_default: string | null }>(
      tx as Db,
      sql`select c.table_name, c.column_name, c.column_default from information_schema.columns c
          join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
          where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`,
    );
    const tables = [...new Set(cols.map((c) => c.table_name))];
    const out: Record<string, [number, string]> = {};
    for (const table of tables.filter((t) => !DERIVED.test(t))) {
      const kept = cols
        .filter((c) => c.table_name === table)
        .filter((c) => {
          const key = `${table}.${c.column_name}`;
          if (LEFT_OUT.has(key)) return false;
          const dbClock = /now\(\)|current_timestamp|clock_timestamp/i.test(c.column_default ?? "");
          return !dbClock || SEED_SET.has(key);
        })
        .map((c) => c.column_name);
      const hasId = kept.includes("id");
      const q = `select count(*)::int as n, coalesce(md5(string_agg(to_jsonb(r)::text, E'\\n' order by ${hasId ? "r.id" : "to_jsonb(r)::text"})), '') as h
                 from (select ${kept.map((c) => `"${c}"`).join(", ")} from "${table}") r`;
      const [row] = await queryRows<{ n: number; h: string }>(tx as Db, sql.raw(q));
      // The audit trail is counted only: its rows carry the time they were appended.
      if (Number(row.n) > 0) out[table] = [Number(row.n), table === "audit_events" ? "" : row.h];
    }
    return out;
  });
}

/**
 * The demo seed's key figures around CLOCK, as PGlite and PostgreSQL must both give them. A
 * change to the seed's data or to the tables it writes (a new column) changes them on purpose:
 * then write both engines' values (SEED_FINGERPRINT_OUT=a.json, and with DATABASE_URL=…
 * SEED_FINGERPRINT_OUT=b.json), check that the two files are identical, and paste them here.
 */
const FINGERPRINT: Record<string, [number, string]> = {
  adverse_events: [1808, "fb49bf0248e3349d1b7f6ad2fe1f1156"],
  allocation_entries: [1476, "90e60466ba72f58483a6345c898efec6"],
  audit_events: [33, ""],
  consent_versions: [22, "0ccb36434ea1a5d1f30a1904711690a3"],
  eligibility_criteria: [57, "e55dcff0e818a0797fcf32db0f434b21"],
  notifications: [730, "b57d0c3ab7d31f7caa2641a8e80c9d6a"],
  organisations: [134, "6342542b4fd7775845ad4bd9b698d401"],
  participant_visits: [28284, "4da1cba1fe7ce1afa0699c2624976f95"],
  participants: [4714, "006d03f7ca88da285a9535ff759fdc2f"],
  protocol_versions: [17, "2e14866665fbacf21e3210188781df51"],
  queries: [1071, "c307740c2c438281eb622035ab39188d"],
  query_events: [2880, "c3d49c10d71576679ac4b7f1a4b8941f"],
  record_versions: [22408, "74fcb4e88d862bda492d5680386a53e6"],
  screenings: [6356, "729392ecdfa966ee788d345b24ac0698"],
  strat_factors: [12, "1458e1c7edc619d2f04a81be7d21ce16"],
  strat_levels: [24, "9c33dcc140866d054a086e0f0151bcc8"],
  studies: [12, "22dca802f683bee77bfa4f0993a35131"],
  study_arms: [16, "71366f224150563af4d898faf1d6b2d7"],
  study_sites: [54, "c00cc70f7a12cf8178531e73ce3aab06"],
  study_team: [18, "dd53f20c652f9e8bf585201c6b1bedf9"],
  users: [14, "aab55bdd6ab5232c31ebb4b53821825a"],
  visit_definitions: [102, "b4a5533ca85d07fe36388c32a8ba6771"],
};

/** Adverse events of participants in each node's subtree (the hub's was 1,662 on PGlite and 1,644 on PostgreSQL). */
const AES_UNDER: Record<string, number> = { TJ01: 1808, SC01: 1191, SC02: 477 };

describe("the demo seed is deterministic", () => {
  it("gives the same rows on every engine: counts and hashes of every table equal the committed fingerprint", async () => {
    const found = await fingerprint(h.db);
    expect(Object.keys(found).filter((t) => !SEED_TABLES.includes(t))).toEqual([]);
    // SEED_FINGERPRINT_OUT=file writes what this engine gives, to compare engines or update the constant.
    if (process.env.SEED_FINGERPRINT_OUT) fs.writeFileSync(process.env.SEED_FINGERPRINT_OUT, `${JSON.stringify(found, null, 2)}\n`);
    expect(found).toEqual(FINGERPRINT);
  });

  it("gives the figures the issue compared: adverse events under the hub and under each sub-centre", async () => {
    const rows = await queryRows<{ code: string; aes: number }>(
      h.db,
      sql`select o.code, count(a.id)::int as aes from organisations o
          join organisations c on c.path like o.path || '%'
          join participants p on p.centre_id = c.id
          join adverse_events a on a.participant_id = p.id
          where o.level in ('hub', 'sub_centre') group by o.code order by o.code`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.code, r.aes]))).toEqual(AES_UNDER);
  });
});
