import fs from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbKind = "pglite" | "postgres";

export type Handle = { db: Db; kind: DbKind; migrate: () => Promise<void>; close: () => Promise<void> };

// Route handlers, server actions and instrumentation are separate bundles in one process:
// the handle lives on globalThis so the data folder is opened once.
const g = globalThis as unknown as { __ncrcDb?: Promise<Handle>; __ncrcDbOverride?: Handle };

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export function pgliteDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "pglite"));
}

/** One process per PGlite folder: a second opener would lose writes silently. */
function takeFolderLock(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(lockFile, "utf8"));
      if (holder === process.pid) return () => {};
      if (holder && isAlive(holder)) {
        throw new Error(
          `The embedded database folder ${dir} is already open in process ${holder}. ` +
            `Stop that process, or set PGLITE_DIR to another folder (or DATABASE_URL to a PostgreSQL server).`,
        );
      }
      fs.unlinkSync(lockFile); // stale lock from a process that died
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function openPglite(dir: string | null): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let release = () => {};
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    release = takeFolderLock(dir);
  }
  const client = dir ? new PGlite(dir) : new PGlite();
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: async () => {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

export async function openPostgres(url: string): Promise<Handle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const db = drizzle(pool, { schema }) as unknown as Db;
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  return {
    db,
    kind: "postgres",
    // Several app instances may start together: one migrates while the others wait on the lock,
    // held on one dedicated connection.
    migrate: async () => {
      const conn = await pool.connect();
      try {
        await conn.query("select pg_advisory_lock(727274001)");
        await migrate(drizzle(conn), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await conn.query("select pg_advisory_unlock(727274001)").catch(() => {});
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The process's database, opened and migrated once. */
export function getHandle(): Promise<Handle> {
  if (g.__ncrcDbOverride) return Promise.resolve(g.__ncrcDbOverride);
  if (!g.__ncrcDb) {
    g.__ncrcDb = (async () => {
      const url = process.env.DATABASE_URL;
      const h = url ? await openPostgres(url) : await openPglite(pgliteDir());
      await h.migrate();
      return h;
    })();
    g.__ncrcDb.catch(() => {
      g.__ncrcDb = undefined;
    });
  }
  return g.__ncrcDb;
}

export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

/** Tests and scripts hand the process an already opened database. */
export function setProcessDatabase(h: Handle | undefined): void {
  g.__ncrcDbOverride = h;
}

export async function migrationCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(row.n);
}

/** Rows of a raw SQL query, typed by the caller (both drivers answer with `.rows`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
