import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { bigint, boolean, date, integer, interval, jsonb, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHealth, migrationCount, openPglite, queryRows, type Db, type Handle } from "@/db/client";
import { organisations } from "@/db/schema";
import { DatabaseTimeoutError, isStatementTimeout } from "@/db/statement-timeout";
import { startPgliteWorker } from "@/db/worker-client";

// The embedded database on its own thread must behave exactly like PGlite on the calling
// thread: same rows, same types, same transactions. Every test here runs the worker client.

const kinds = pgTable("wc_kinds", {
  id: integer("id").primaryKey(),
  label: text("label").notNull(),
  at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
  atDate: timestamp("at_date", { withTimezone: true }).notNull(),
  local: timestamp("local"),
  day: date("day").notNull(),
  span: interval("span"),
  amount: numeric("amount"),
  big: bigint("big", { mode: "number" }),
  flag: boolean("flag"),
  doc: jsonb("doc"),
  tags: text("tags").array(),
  days: date("days").array(),
});

const CREATE = sql`create table wc_kinds (
  id int primary key, label text not null, at timestamptz not null, at_date timestamptz not null, local timestamp, day date not null,
  span interval, amount numeric, big bigint, flag boolean, doc jsonb, tags text[], days date[])`;

const ROWS = [
  {
    id: 1, label: "数据 one", at: "2025-03-04 05:06:07.123+00", atDate: new Date("2025-03-04T05:06:07.123Z"), local: new Date("2024-12-31T23:59:59Z"),
    day: "2025-01-31", span: "3 days 04:05:06", amount: "12345.6789", big: 9007199254740991, flag: true,
    doc: { a: [1, "x", null], b: { c: true } }, tags: ["a", "b,c", "d\"e"], days: ["2025-01-01", "2025-02-28"],
  },
  { id: 2, label: "two", at: "2026-12-01 00:00:00+00", atDate: new Date("2026-12-01T00:00:00Z"), local: null, day: "2026-12-01", span: null, amount: null, big: null, flag: null, doc: null, tags: null, days: null },
];

async function exercise(db: Db) {
  await db.execute(CREATE);
  await db.insert(kinds).values(ROWS);
  return {
    selected: await db.select().from(kinds).orderBy(kinds.id),
    raw: await db.execute(sql`select *, now() - now() as zero, 1::int8 as one, '{1,2}'::int[] as ints from wc_kinds order by id`),
    relational: await db.select({ id: kinds.id, day: kinds.day, doc: kinds.doc }).from(kinds).where(eq(kinds.id, 1)),
  };
}

describe("PGlite on a worker thread", () => {
  let worker: Handle;
  let inProcess: Handle;

  beforeAll(async () => {
    [worker, inProcess] = await Promise.all([openPglite(null, { thread: "worker" }), openPglite(null, { thread: "caller" })]);
    await Promise.all([worker.migrate(), inProcess.migrate()]);
  });
  afterAll(async () => {
    await Promise.all([worker?.close(), inProcess?.close()]);
  });

  it("migrates like the in-process database", async () => {
    expect(await migrationCount(worker.db)).toBe(await migrationCount(inProcess.db));
    expect(await migrationCount(worker.db)).toBeGreaterThan(0);
  });

  it("answers with the same rows and types as PGlite on the calling thread", async () => {
    const [w, p] = [await exercise(worker.db), await exercise(inProcess.db)];
    expect(w.selected).toEqual(p.selected);
    expect(w.relational).toEqual(p.relational);
    const strip = (r: unknown) => {
      const { rows, fields } = r as { rows: unknown[]; fields: unknown[] };
      return { rows, fields };
    };
    expect(strip(w.raw)).toEqual(strip(p.raw));
    // Dates and intervals stay strings as drizzle asks; jsonb, arrays, int8 are parsed alike.
    const row = w.selected[0];
    expect(typeof row.at).toBe("string");
    expect(row.atDate).toBeInstanceOf(Date);
    expect(row.atDate.toISOString()).toBe("2025-03-04T05:06:07.123Z");
    expect(row.day).toBe("2025-01-31");
    expect(row.span).toBe("3 days 04:05:06");
    expect(row.amount).toBe("12345.6789");
    expect(row.big).toBe(9007199254740991);
    expect(row.doc).toEqual({ a: [1, "x", null], b: { c: true } });
    expect(row.tags).toEqual(["a", "b,c", 'd"e']);
    expect(row.days).toEqual(["2025-01-01", "2025-02-28"]);
    const rawRow = (w.raw as unknown as { rows: Record<string, unknown>[] }).rows[0];
    expect(rawRow.day).toBe("2025-01-31");
    expect(rawRow.ints).toEqual([1, 2]);
  });

  it("reports PostgreSQL's error fields (code, constraint) through drizzle as on the calling thread", async () => {
    const codeOf = async (db: Db) => {
      await db.insert(organisations).values({ code: "WCDUP", nameZh: "甲", nameEn: "A", level: "hub", path: "/x/", depth: 0, province: "p", city: "c" }).catch(() => {});
      const err = await db
        .insert(organisations)
        .values({ code: "WCDUP", nameZh: "乙", nameEn: "B", level: "hub", path: "/y/", depth: 0, province: "p", city: "c" })
        .then(() => null, (e: unknown) => e as { cause?: { code?: string; constraint?: string; message?: string } });
      return { code: err?.cause?.code, constraint: err?.cause?.constraint, message: err?.cause?.message };
    };
    const w = await codeOf(worker.db);
    expect(w.code).toBe("23505");
    expect(w).toEqual(await codeOf(inProcess.db));
  });

  it("rolls a transaction back when its callback throws, and passes the error on", async () => {
    await worker.db.execute(sql`create table wc_t (n int primary key)`);
    const boom = new Error("boom");
    await expect(
      worker.db.transaction(async (tx) => {
        await tx.execute(sql`insert into wc_t values (1)`);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await queryRows(worker.db, sql`select n from wc_t`)).toEqual([]);
    await worker.db.transaction(async (tx) => {
      await tx.execute(sql`insert into wc_t values (2)`);
    });
    expect(await queryRows(worker.db, sql`select n from wc_t`)).toEqual([{ n: 2 }]);
  });

  it("makes statements from outside wait until the open transaction ends", async () => {
    await worker.db.execute(sql`create table wc_wait (n int)`);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const events: string[] = [];
    const txDone = worker.db.transaction(async (tx) => {
      await tx.execute(sql`insert into wc_wait values (1)`);
      events.push("tx wrote");
      await gate;
      await tx.execute(sql`insert into wc_wait values (2)`);
      events.push("tx ends");
    });
    while (!events.includes("tx wrote")) await new Promise((r) => setTimeout(r, 5));
    const outside = queryRows<{ n: number }>(worker.db, sql`select count(*)::int as n from wc_wait`).then((rows) => {
      events.push("outside answered");
      return rows[0].n;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(events).toEqual(["tx wrote"]);
    release();
    await txDone;
    expect(await outside).toBe(2); // it ran after COMMIT, and saw both rows
    expect(events).toEqual(["tx wrote", "tx ends", "outside answered"]);
  });

  it("keeps nested transactions as savepoints: an inner failure rolls back only the inner part", async () => {
    await worker.db.execute(sql`create table wc_sp (n int)`);
    await worker.db.transaction(async (tx) => {
      await tx.execute(sql`insert into wc_sp values (1)`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into wc_sp values (2)`);
          throw new Error("inner");
        }),
      ).rejects.toThrow("inner");
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into wc_sp values (3)`);
      });
    });
    expect(await queryRows(worker.db, sql`select n from wc_sp order by n`)).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it("refuses a commit after a failed statement was swallowed, as PostgreSQL does", async () => {
    await worker.db.execute(sql`create table wc_abort (n int primary key)`);
    await expect(
      worker.db.transaction(async (tx) => {
        await tx.execute(sql`insert into wc_abort values (1)`);
        await tx.execute(sql`insert into wc_abort values (1)`).catch(() => {});
      }),
    ).rejects.toThrow();
    expect(await queryRows(worker.db, sql`select n from wc_abort`)).toEqual([]);
  });

  it("serves bursts in turn: a lone read waits for the statement running, not for a whole burst", async () => {
    const done: string[] = [];
    const burst = ["a", "b", "c"].map((n) => worker.db.execute(sql`select pg_sleep(0.25)`).then(() => done.push(n)));
    await new Promise((r) => setTimeout(r, 60)); // "a" is running, "b" and "c" wait
    const lone = worker.db.execute(sql`select 1`).then(() => done.push("lone"));
    await Promise.all([...burst, lone]);
    expect(done).toEqual(["a", "lone", "b", "c"]);
  });

  it("never lets one caller's run of statements, one at a time, starve a waiting burst", async () => {
    const done: string[] = [];
    const burst = [1, 2, 3, 4].map(() => worker.db.execute(sql`select pg_sleep(0.05)`).then(() => done.push("burst")));
    const run = (async () => {
      for (let i = 0; i < 8; i++) {
        await worker.db.execute(sql`select pg_sleep(0.02)`);
        done.push("run");
      }
    })();
    await Promise.all([...burst, run]);
    expect(done.lastIndexOf("burst")).toBeLessThan(done.lastIndexOf("run"));
  });

  it("keeps each caller's own statements in the order they were sent", async () => {
    await worker.db.execute(sql`create table wc_order (n int)`);
    const writes = Array.from({ length: 20 }, (_, i) => worker.db.execute(sql`insert into wc_order values (${i})`));
    const other = worker.db.execute(sql`select count(*) from wc_order`);
    await Promise.all([...writes, other]);
    const rows = await queryRows<{ n: number; ord: number }>(worker.db, sql`select n, ctid::text as ord from wc_order`);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("answers the health check while a long statement holds the database", async () => {
    const migrations = await migrationCount(worker.db);
    expect(await databaseHealth(worker)).toEqual({ database: "pglite", migrations });
    const long = worker.db.execute(sql`select pg_sleep(1.5)`);
    await new Promise((r) => setTimeout(r, 50));
    const t = performance.now();
    expect(await databaseHealth(worker)).toEqual({ database: "pglite", migrations });
    expect(performance.now() - t).toBeLessThan(100);
    await long;
    // …and while a transaction is open (outside statements wait for it).
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = worker.db.transaction(async (t) => {
      await t.execute(sql`select 1`);
      await gate;
    });
    await new Promise((r) => setTimeout(r, 50));
    const t2 = performance.now();
    expect(await databaseHealth(worker)).toEqual({ database: "pglite", migrations });
    expect(performance.now() - t2).toBeLessThan(100);
    release();
    await tx;
  });
});

describe("a read that takes too long", () => {
  let client: Awaited<ReturnType<typeof startPgliteWorker>>;
  beforeAll(async () => {
    client = await startPgliteWorker(null, { statementTimeoutMs: 300 });
  });
  afterAll(async () => {
    await client?.close();
  });

  it("is answered with a clear timeout error while the database finishes it; later work goes on", async () => {
    const t = performance.now();
    const err = await client.query("select pg_sleep(1.2)").then(() => null, (e: unknown) => e);
    const waited = performance.now() - t;
    expect(err).toBeInstanceOf(DatabaseTimeoutError);
    expect(isStatementTimeout(err)).toBe(true);
    expect((err as DatabaseTimeoutError).key).toBe("errors.databaseTimeout");
    expect((err as Error).message).toMatch(/did not answer this read within 0.3 s/);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(1100);
    // The thread is still busy with the sleep (nothing can interrupt it); once it is done, work goes on.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await client.query("select 7 as n")).rows).toEqual([{ n: 7 }]);
  });

  it("drops a read whose caller gave up before it started", async () => {
    const long = client.query("select pg_sleep(0.7)").catch((e: unknown) => e);
    // Queued behind the sleep, its deadline passes before it can start: it must never run
    // (set_config leaves a trace in the session when it does).
    const queued = client.query("select set_config('wc.ran', 'yes', false)").catch((e: unknown) => e);
    expect(await queued).toBeInstanceOf(DatabaseTimeoutError);
    expect(await long).toBeInstanceOf(DatabaseTimeoutError);
    await new Promise((r) => setTimeout(r, 500));
    const trace = await client.query("select coalesce(current_setting('wc.ran', true), '') as v");
    expect(trace.rows).toEqual([{ v: "" }]);
    // The same statement in time does run (the trace is real).
    await client.query("select set_config('wc.ran', 'yes', false)");
    expect((await client.query("select current_setting('wc.ran', true) as v")).rows).toEqual([{ v: "yes" }]);
  });

  it("never times out a write: its caller would be told it failed while it commits", async () => {
    await client.query("create table wc_slow_write (n int)");
    await client.query("insert into wc_slow_write select 1 from pg_sleep(0.6)");
    expect((await client.query("select count(*)::int as n from wc_slow_write")).rows).toEqual([{ n: 1 }]);
  });

  it("rolls back a transaction whose read timed out", async () => {
    await client.query("create table wc_tx_timeout (n int)");
    await expect(
      client.transaction(async (tx) => {
        await tx.query("insert into wc_tx_timeout values (1)");
        await tx.query("select pg_sleep(0.8)");
      }),
    ).rejects.toBeInstanceOf(DatabaseTimeoutError);
    await new Promise((r) => setTimeout(r, 600));
    expect((await client.query("select count(*)::int as n from wc_tx_timeout")).rows).toEqual([{ n: 0 }]);
  });
});

describe("a database folder on a worker thread", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wc-folder-"));
  const folder = path.join(dir, "pg");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is opened once: a second opener is refused while the first holds it; after close it opens again with its data", async () => {
    const first = await openPglite(folder);
    await first.migrate();
    await first.db.execute(sql`create table wc_kept (n int)`);
    await first.db.execute(sql`insert into wc_kept values (42)`);
    await expect(openPglite(folder)).rejects.toThrow(/already open/);
    await expect(openPglite(folder, { thread: "caller" })).rejects.toThrow(/already open/);
    await first.close();
    const afterClose = await first.db.execute(sql`select 1`).then(() => null, (e: Error) => e);
    expect((afterClose?.cause as Error | undefined)?.message).toMatch(/closed/);
    expect(fs.existsSync(`${folder}.lock`)).toBe(false);

    const again = await openPglite(folder);
    try {
      expect(await queryRows(again.db, sql`select n from wc_kept`)).toEqual([{ n: 42 }]);
      expect(fs.readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
    } finally {
      await again.close();
    }
  });

  it("is refused while another running process holds it, naming that process", async () => {
    fs.writeFileSync(`${folder}.lock`, String(process.ppid));
    try {
      await expect(openPglite(folder)).rejects.toThrow(new RegExp(`already open in process ${process.ppid}\\. .*PGLITE_DIR`));
    } finally {
      fs.unlinkSync(`${folder}.lock`);
    }
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    fs.writeFileSync(`${folder}.lock`, "2147483646");
    const h = await openPglite(folder);
    await h.close();
  });
});
