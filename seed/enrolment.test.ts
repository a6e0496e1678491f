import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { setupTestDb } from "@/lib/testing/db";
import { seedEnrolment } from "@/seed/enrolment";
import { seedNetwork } from "@/seed/network";
import { seedStudies } from "@/seed/studies";
import { seedUsers } from "@/seed/users";

const h = await setupTestDb();

beforeAll(async () => {
  await seedNetwork(h.db);
  await seedUsers(h.db);
  await seedStudies(h.db);
  await seedEnrolment(h.db);
}, 300_000);

describe("demo enrolment data", () => {
  it("has a few thousand participants over the last two years, with screen failures and reasons", async () => {
    const [r] = await queryRows<{ p: number; s: number; failed: number; no_reason: number; oldest: string; newest: string }>(
      h.db,
      sql`select (select count(*)::int from participants) as p, (select count(*)::int from screenings) as s,
            (select count(*)::int from screenings where outcome = 'screen_failed') as failed,
            (select count(*)::int from screenings where outcome = 'screen_failed' and cardinality(failed_codes) = 0) as no_reason,
            (select min(enrolled_on)::text from participants) as oldest, (select max(enrolled_on)::text from participants) as newest`,
    );
    expect(r.p).toBeGreaterThan(2000);
    expect(r.failed).toBeGreaterThan(r.p / 5);
    expect(r.no_reason).toBe(0);
    expect(r.oldest >= new Date(Date.now() - 25 * 31 * 86400_000).toISOString().slice(0, 10)).toBe(true);
    expect(r.newest <= new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it("keeps subject codes sequential per site and the enrolled counts consistent", async () => {
    const gaps = await queryRows<{ site: number }>(h.db, sql`select enrol_site_id as site from participants group by 1 having max(seq) <> count(*) or min(seq) <> 1`);
    expect(gaps).toEqual([]);
    const [c] = await queryRows<{ bad_sites: number; bad_studies: number }>(
      h.db,
      sql`select (select count(*)::int from study_sites ss where ss.enrolled_count <> (select count(*) from participants p where p.enrol_site_id = ss.id)) as bad_sites,
                 (select count(*)::int from studies s where s.enrolled_count <> (select count(*) from participants p where p.study_id = s.id)) as bad_studies`,
    );
    expect(c).toEqual({ bad_sites: 0, bad_studies: 0 });
  });

  it("randomizes every participant of a randomized study exactly once and leaves room at LC-203 / R01", async () => {
    const [r] = await queryRows<{ unallocated: number; double: number; room: number }>(
      h.db,
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
