import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, queryRows, type Handle } from "@/db/client";

export type Scratch = { handle: Handle; label: string; drop: () => Promise<void> };

/** A new, empty database on the PostgreSQL server at `url`; `drop` closes and removes it. */
export async function scratchPostgres(url: string, prefix: string): Promise<Scratch> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(url);
  await admin.db.execute(sql.raw(`create database ${name}`));
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await openPostgres(u.toString());
  return {
    handle,
    label: "PostgreSQL",
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
    drop: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
