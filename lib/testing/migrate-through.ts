import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_DIR, type Db } from "@/db/client";

type Journal = { entries: { idx: number; tag: string }[] };
type Migration = ReturnType<typeof readMigrationFiles>[number];
type Session = { execute: (q: unknown) => Promise<unknown>; transaction: <T>(run: (tx: { execute: (q: unknown) => Promise<unknown> }) => Promise<T>) => Promise<T> };
/** Both drivers' migrators are one call on the dialect (drizzle-orm/pglite/migrator, node-postgres/migrator). */
type Internals = { dialect: { migrate: (m: Migration[], s: Session, c: { migrationsFolder: string }) => Promise<void> }; session: Session };

/** The committed migrations' tags, in the order they apply. */
export function migrationTags(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as Journal;
  return journal.entries.map((e) => e.tag);
}

function byTag(): Map<string, Migration> {
  const tags = migrationTags();
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  return new Map(files.map((m, i) => [tags[i], m]));
}

/**
 * Applies every committed migration except `held` (tags), as the start-up migration does: a
 * test can build a database as it was before a data migration — with the test fixtures, which
 * write the current schema of every other table — fill it, then apply the held ones with
 * `applyHeld`. `db` must be a connection that may change the schema (on PostgreSQL with two
 * roles, the owner's).
 */
export async function migrateWithout(db: Db, held: readonly string[]): Promise<void> {
  const all = byTag();
  for (const t of held) if (!all.has(t)) throw new Error(`no migration ${t}`);
  const d = db as unknown as Internals;
  await d.dialect.migrate([...all].filter(([t]) => !held.includes(t)).map(([, m]) => m), d.session, { migrationsFolder: MIGRATIONS_DIR });
}

/** Applies the held migrations, in order, in one transaction, and records them as applied (drizzle's journal table). */
export async function applyHeld(db: Db, held: readonly string[]): Promise<void> {
  const all = byTag();
  const d = db as unknown as Internals;
  await d.session.transaction(async (tx) => {
    for (const t of held) {
      const m = all.get(t);
      if (!m) throw new Error(`no migration ${t}`);
      for (const stmt of m.sql) await tx.execute(sql.raw(stmt));
      await tx.execute(sql`insert into drizzle.__drizzle_migrations ("hash", "created_at") values (${m.hash}, ${m.folderMillis})`);
    }
  });
}
