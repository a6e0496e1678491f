import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres, queryRows, type Db, type Handle } from "@/db/client";
import { refreshStatistics, startStatisticsMaintenance } from "@/db/maintenance";

// PGlite has no autovacuum: unless the application analyses, the planner has no statistics at
// all (reltuples -1, pg_stats empty) and guesses a handful of rows for any table.

const addOrganisations = (db: Db, from: number, n: number) =>
  db.execute(sql`insert into organisations (code, name_zh, name_en, level, path, depth, province, city)
    select 'M' || g, '中心' || g, 'Centre ' || g, 'grassroots', '/1/' || g || '/', 1, 'P' || (g % 7), 'C' || (g % 31)
    from generate_series(${from}::int, ${from + n - 1}::int) g`);

const reltuples = async (db: Db, table: string) =>
  Number((await queryRows<{ n: number }>(db, sql`select reltuples::float8 as n from pg_class where oid = ${table}::regclass`))[0].n);

const statsColumns = async (db: Db, table: string) =>
  (await queryRows<{ attname: string }>(db, sql`select attname from pg_stats where schemaname = 'public' and tablename = ${table} order by attname`)).map((r) => r.attname);

describe("planner statistics on PGlite", () => {
  let h: Handle;
  beforeAll(async () => {
    h = await openPglite(null);
    await h.migrate();
  });
  afterAll(() => h?.close());

  it("exist for every table right after migrate()", async () => {
    const never = await queryRows<{ name: string }>(
      h.db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`,
    );
    expect(never).toEqual([]);
  });

  it("are refreshed for a table after a bulk write, and only for that table", async () => {
    expect(await statsColumns(h.db, "organisations")).toEqual([]);
    await addOrganisations(h.db, 1, 3000);
    const done = await refreshStatistics(h.db);
    expect(done.map((d) => d.table)).toEqual(["organisations"]);
    expect(done[0].reason).toBe("rows changed");
    expect(await reltuples(h.db, "organisations")).toBe(3000);
    expect(await statsColumns(h.db, "organisations")).toEqual(expect.arrayContaining(["code", "level", "path", "province"]));
    const [plan] = await queryRows<{ "QUERY PLAN": string }>(h.db, sql`explain select * from organisations where province = 'P3'`);
    expect(plan["QUERY PLAN"]).toMatch(/rows=4\d\d\b/); // ≈ 3000 / 7, not the default guess
  });

  it("are left alone when nothing changed materially", async () => {
    expect(await refreshStatistics(h.db)).toEqual([]);
    await addOrganisations(h.db, 3001, 40); // under 50 + 10 % of 3000
    expect(await refreshStatistics(h.db)).toEqual([]);
    await addOrganisations(h.db, 3041, 400);
    expect((await refreshStatistics(h.db)).map((d) => d.table)).toEqual(["organisations"]);
    expect(await reltuples(h.db, "organisations")).toBe(3440);
  });

  it("run periodically, never two at once", async () => {
    await addOrganisations(h.db, 10_000, 2000);
    let running = 0;
    let most = 0;
    let statements = 0;
    // The same database, each statement slowed down so that ticks come faster than a run ends.
    const slow = new Proxy(h.db, {
      get(target, prop, receiver) {
        if (prop !== "execute") return Reflect.get(target, prop, receiver);
        return async (q: Parameters<Db["execute"]>[0]) => {
          running++;
          statements++;
          most = Math.max(most, running);
          try {
            await new Promise((r) => setTimeout(r, 40));
            return await target.execute(q);
          } finally {
            running--;
          }
        };
      },
    });
    const logs: string[] = [];
    const stop = startStatisticsMaintenance(slow, { intervalMs: 10, log: (m) => logs.push(m) });
    try {
      for (let i = 0; i < 200 && logs.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await stop();
    }
    expect(running).toBe(0); // stop() waited for the run in progress
    expect(logs[0]).toMatch(/^statistics refreshed: organisations \(rows changed, \d+ ms\)$/);
    expect(most).toBe(1);
    expect(statements).toBeGreaterThan(2);
    expect(await reltuples(h.db, "organisations")).toBe(5440);
  });
});

describe("planner statistics in a database folder (worker thread), across a restart", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stats-"));
  const folder = path.join(dir, "pg");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("are refreshed when the table grew while the process was away (PGlite's counters restart at zero)", async () => {
    let h = await openPglite(folder);
    await h.migrate();
    await addOrganisations(h.db, 1, 2000);
    expect((await refreshStatistics(h.db)).map((d) => d.table)).toEqual(["organisations"]);
    // Written, but not analysed before the process ends.
    await addOrganisations(h.db, 2001, 3000);
    await h.close();

    h = await openPglite(folder);
    try {
      const [counter] = await queryRows<{ n: number }>(h.db, sql`select n_mod_since_analyze::int as n from pg_stat_user_tables where relname = 'organisations'`);
      expect(counter.n).toBe(0); // the 3000 rows written are forgotten by the counters…
      const done = await refreshStatistics(h.db);
      expect(done).toEqual([expect.objectContaining({ table: "organisations", reason: "size changed" })]); // …not by the size
      expect(await reltuples(h.db, "organisations")).toBe(5000);
      await h.migrate();
      expect(await refreshStatistics(h.db)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

// On a PostgreSQL server autovacuum analyses too (it may get there first): whoever does, the
// statistics must be there after migrate + bulk write + refreshStatistics.
describe.runIf(process.env.DATABASE_URL)("planner statistics on PostgreSQL", () => {
  // ANALYZE is the schema owner's to run: with two roles (.ci/run), this runs as the owner.
  const url = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL!;
  const name = `stats_${process.pid}_${Date.now()}`;
  let admin: Handle;
  let h: Handle;
  beforeAll(async () => {
    admin = await openPostgres(url);
    await admin.db.execute(sql.raw(`create database ${name}`));
    const u = new URL(url);
    u.pathname = `/${name}`;
    h = await openPostgres(u.toString());
    await h.migrate();
  });
  afterAll(async () => {
    await h?.close();
    await admin?.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
    await admin?.close();
  });

  it("exist after migrate, and after a bulk write and refreshStatistics", async () => {
    const [never] = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`,
    );
    expect(never.n).toBe(0);
    await addOrganisations(h.db, 1, 3000);
    await refreshStatistics(h.db);
    expect(await reltuples(h.db, "organisations")).toBe(3000);
    expect(await statsColumns(h.db, "organisations")).toEqual(expect.arrayContaining(["code", "level", "path", "province"]));
  });
});
