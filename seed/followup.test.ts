import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { setupTestDb } from "@/lib/testing/db";
import { seedEnrolment } from "@/seed/enrolment";
import { seedFollowup } from "@/seed/followup";
import { seedNetwork } from "@/seed/network";
import { seedStudies } from "@/seed/studies";
import { seedUsers } from "@/seed/users";

const h = await setupTestDb();
let seedMs = 0;

beforeAll(async () => {
  await seedNetwork(h.db);
  await seedUsers(h.db);
  await seedStudies(h.db);
  await seedEnrolment(h.db);
  const t = Date.now();
  await seedFollowup(h.db);
  seedMs = Date.now() - t;
}, 300_000);

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(h.db, q))[0];

describe("demo follow-up data", () => {
  it("gives every enrolled participant expected visits, some overdue, some out of window, some missed", async () => {
    const r = await one<{ without: number; overdue: number; out: number; missed: number; done: number; versions_missing: number }>(sql`select
      (select count(*)::int from participants p where not exists (select 1 from participant_visits v where v.participant_id = p.id)) as without,
      (select count(*)::int from participant_visits where status = 'expected' and window_end < current_date) as overdue,
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
    expect(seedMs).toBeLessThan(60_000);
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
