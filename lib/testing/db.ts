import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll } from "vitest";
import { openPglite, openPostgres, useDatabase, type Handle } from "@/db/client";

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
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    };
  } else {
    h = await openPglite(null);
  }
  await h.migrate();
  useDatabase(h);
  afterAll(async () => {
    useDatabase(undefined);
    await h.close();
    await drop();
  });
  return h;
}
