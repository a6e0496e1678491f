import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, queryRows, type Handle } from "@/db/client";

/** `ownerUrl`: the scratch database as its owner (who may do what the app's role may not); null on PGlite. */
export type Scratch = { handle: Handle; label: string; ownerUrl: string | null; drop: () => Promise<void> };

function inDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A new, empty database on the PostgreSQL server at `url`; `drop` closes and removes it. With
 * DATABASE_OWNER_URL set (the two roles of db/roles.ts, as .ci/run sets them), the owner creates
 * and migrates it and the handle connects as the app's role from `url`.
 */
export async function scratchPostgres(url: string, prefix: string): Promise<Scratch> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const ownerBase = process.env.DATABASE_OWNER_URL || null;
  const admin = await openPostgres(ownerBase ?? url);
  await admin.db.execute(sql.raw(`create database ${name}`));
  const ownerUrl = inDatabase(ownerBase ?? url, name);
  const handle = await openPostgres(inDatabase(url, name), { ownerUrl: ownerBase ? ownerUrl : undefined });
  return {
    handle,
    label: ownerBase ? "PostgreSQL (owner + app roles)" : "PostgreSQL",
    ownerUrl,
    drop: async () => {
      await handle.close();
      // pg-pool's end() resolves before its clients have disconnected; a forced drop would then
      // kill them mid-close and they report it as unhandled errors. Wait for them to go first.
      for (let i = 0; i < 50; i++) {
        const [row] = await queryRows<{ n: number }>(admin.db, sql`select count(*)::int as n from pg_stat_activity where datname = ${name}`);
        if (Number(row.n) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

/** A PGlite database in a new temporary folder, removed by `drop`. */
export async function scratchPgliteDir(prefix: string): Promise<Scratch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const handle = await openPglite(path.join(dir, "pg"));
  return {
    handle,
    label: `PGlite (${dir})`,
    ownerUrl: null,
    drop: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
