import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll } from "vitest";
import { openPglite, openPostgres, setProcessDatabase, type Handle } from "@/db/client";

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, a new database on
 * the PostgreSQL server when DATABASE_URL is set. Registered as the process's database and
 * dropped after the file.
 */
export async function setupTestDb(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  let h: Handle;
  let drop = async () => {};
  if (url) {
    const name = `t_${randomBytes(6).toString("hex")}`;
    const admin = await openPostgres(url);
    await admin.db.execute(sql.raw(`create database ${name}`));
    const u = new URL(url);
    u.pathname = `/${name}`;
    h = await openPostgres(u.toString());
    drop = async () => {
      // pg-pool's end() resolves before its clients have disconnected; a forced drop would then
      // kill them mid-close and they report it as unhandled errors. Wait for them to go first.
      for (let i = 0; i < 50; i++) {
        const res = (await admin.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = ${name}`)) as unknown as { rows: { n: number }[] };
        if (Number(res.rows[0].n) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    };
  } else {
    h = await openPglite(null);
  }
  await h.migrate();
  setProcessDatabase(h);
  afterAll(async () => {
    setProcessDatabase(undefined);
    await h.close();
    await drop();
  });
  return h;
}
