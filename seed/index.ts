import { eq, sql } from "drizzle-orm";
import { queryRows, type Db, type Handle } from "@/db/client";
import { refreshStatistics } from "@/db/maintenance";
import { appMeta } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { seedClock, type SeedClock } from "@/seed/clock";
import { SEED_STEPS } from "@/seed/steps";

export const DEMO_MARKER = "demo_seed";

export async function isDemoLoaded(db: Db): Promise<boolean> {
  const rows = await db.select().from(appMeta).where(eq(appMeta.key, DEMO_MARKER)).limit(1);
  return rows.length > 0;
}

async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(db, sql`select not exists (select 1 from organisations) as empty`);
  return Boolean(row.empty);
}

/**
 * Loads the demo network into an empty database; does nothing if anything is there. The data is
 * built around `clock` (now, by default): the same clock gives the same rows on every engine.
 */
export async function seedDemoIfEmpty(db: Db, log: (m: string) => void = () => {}, clock: SeedClock = seedClock()): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const started = Date.now();
  for (const step of SEED_STEPS) {
    const t = Date.now();
    await step.run(db, clock);
    log(`seed ${step.name}: ${Date.now() - t} ms`);
  }
  await db.transaction(async (tx) => {
    await tx.insert(appMeta).values({ key: DEMO_MARKER, value: new Date().toISOString() });
    await appendAudit(tx as Db, { id: null, centreId: null }, [{ action: "system.demo_seeded", entityType: "system", after: { steps: SEED_STEPS.map((s) => s.name) } }]);
  });
  log(`statistics analysed for ${(await refreshStatistics(db)).length} tables`);
  log(`demo network loaded in ${Date.now() - started} ms`);
  return true;
}

/** Drops every table (the audit trail too) and migrates again: for `db:seed --reset` only. */
export async function resetDatabase(h: Handle): Promise<void> {
  await h.db.execute(sql`drop schema if exists public cascade`);
  await h.db.execute(sql`drop schema if exists drizzle cascade`);
  await h.db.execute(sql`create schema public`);
  await h.migrate();
}
