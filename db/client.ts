import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { takeFolderLock } from "@/db/folder-lock";
import { refreshStatistics, startStatisticsMaintenance } from "@/db/maintenance";
import { grantAppRole } from "@/db/roles";
import { queryRows } from "@/db/query-rows";
import { statementTimeoutMs } from "@/db/statement-timeout";
import * as schema from "@/db/schema";

export { queryRows };

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbKind = "pglite" | "postgres";

export type Handle = {
  db: Db;
  kind: DbKind;
  /** Applies pending migrations, then analyses the tables whose statistics are missing or stale. */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /** The migration count for the health check, when the handle can answer it without queueing. */
  probe?: () => Promise<number>;
};

// Route handlers, server actions and instrumentation are separate bundles in one process:
// the handle lives on globalThis so the data folder is opened once.
const g = globalThis as unknown as { __ncrcDb?: Promise<Handle>; __ncrcDbOverride?: Handle };

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export function pgliteDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "pglite"));
}

/**
 * Where PGlite runs. A folder (what `npm start` uses) gets its own worker thread, so that a slow
 * query never holds the HTTP event loop; in-memory test databases stay on the calling thread.
 * PGLITE_IN_PROCESS=1 keeps a folder on the calling thread too (to compare, or to debug).
 */
type PgliteThread = "worker" | "caller";

function defaultThread(dir: string | null): PgliteThread {
  return dir && process.env.PGLITE_IN_PROCESS !== "1" ? "worker" : "caller";
}

/** A worker-thread database counts as stalled when busy without answering for this long. */
const STALLED_AFTER_MS = 30_000;

export async function openPglite(dir: string | null, opts: { thread?: PgliteThread } = {}): Promise<Handle> {
  const thread = opts.thread ?? defaultThread(dir);
  let release = () => {};
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    release = takeFolderLock(dir);
  }
  try {
    if (thread === "caller") {
      const { PGlite } = await import("@electric-sql/pglite");
      const client = dir ? new PGlite(dir) : new PGlite();
      await client.waitReady;
      return await pgliteHandle(client, async () => {
        await client.close();
        release();
      });
    }
    const { startPgliteWorker } = await import("@/db/worker-client");
    const client = await startPgliteWorker(dir, { statementTimeoutMs: statementTimeoutMs() });
    let migrations: number | null = null;
    const h = await pgliteHandle(client, async () => {
      await client.close();
      release();
    });
    const migrate = h.migrate;
    h.migrate = async () => {
      await migrate();
      migrations = await migrationCount(h.db);
    };
    // The health check must not queue behind a running statement (PGlite is one connection):
    // while the thread is busy and still answering, the count it last reported stands.
    h.probe = async () => {
      const { busy, sinceLastAnswerMs } = client.activity();
      if (busy && migrations !== null) {
        if (sinceLastAnswerMs < STALLED_AFTER_MS) return migrations;
        throw new Error(`the embedded database has not answered for ${Math.round(sinceLastAnswerMs / 1000)} s`);
      }
      return (migrations = await migrationCount(h.db));
    };
    return h;
  } catch (err) {
    release();
    throw err;
  }
}

/** drizzle over a PGlite, or over the worker thread's stand-in with the same two methods. */
async function pgliteHandle(client: unknown, close: () => Promise<void>): Promise<Handle> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const pg = client as PGlite;
  const db = drizzle(pg, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: async () => {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS_DIR });
      await refreshStatistics(db);
    },
    close,
  };
}

/**
 * `ownerUrl` (DATABASE_OWNER_URL): the schema owner's connection. Given one, migrations (and the
 * statistics refresh, which only an owner may run) use it, and the app's role then gets exactly
 * its privileges (db/roles.ts): INSERT and SELECT only on the audit trail.
 */
export async function openPostgres(url: string, opts: { ownerUrl?: string } = {}): Promise<Handle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection the server ends (a restart, an administrator, a dropped database) makes
  // the pool emit "error"; unheard, that would end the process. The pool replaces the connection.
  pool.on("error", (err) => console.error(`[ncrc] database connection lost: ${err.message}`));
  const db = drizzle(pool, { schema }) as unknown as Db;
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  return {
    db,
    kind: "postgres",
    // Several app instances may start together: one migrates while the others wait on the lock,
    // held on one dedicated connection.
    migrate: async () => {
      const ownerPool = opts.ownerUrl && opts.ownerUrl !== url ? new Pool({ connectionString: opts.ownerUrl, max: 1 }) : null;
      ownerPool?.on("error", (err) => console.error(`[ncrc] owner connection lost: ${err.message}`));
      try {
        const conn = await (ownerPool ?? pool).connect();
        try {
          await conn.query("select pg_advisory_lock(727274001)");
          await migrate(drizzle(conn), { migrationsFolder: MIGRATIONS_DIR });
          if (ownerPool) {
            const [{ role }] = await queryRows<{ role: string }>(db, sql`select current_user as role`);
            await grantAppRole(drizzle(conn) as unknown as Db, role);
          }
        } finally {
          await conn.query("select pg_advisory_unlock(727274001)").catch(() => {});
          conn.release();
        }
        await refreshStatistics(ownerPool ? (drizzle(ownerPool, { schema }) as unknown as Db) : db);
      } finally {
        await ownerPool?.end();
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
      const h = url ? await openPostgres(url, { ownerUrl: process.env.DATABASE_OWNER_URL }) : await openPglite(pgliteDir());
      await h.migrate();
      // Nothing else analyses an embedded database: keep its statistics while the process runs.
      if (h.kind === "pglite") {
        const stop = startStatisticsMaintenance(h.db);
        const close = h.close;
        h.close = async () => {
          await stop();
          await close();
        };
      }
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

/**
 * What the health check reports: the engine and how many migrations it has applied. An embedded
 * database on its own thread answers without waiting for a running statement (see openPglite).
 */
export async function databaseHealth(h: Handle): Promise<{ database: DbKind; migrations: number }> {
  return { database: h.kind, migrations: h.probe ? await h.probe() : await migrationCount(h.db) };
}
