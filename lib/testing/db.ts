import { afterAll } from "vitest";
import { openPglite, setProcessDatabase, type Handle } from "@/db/client";
import { scratchPostgres } from "@/lib/testing/scratch";

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, a new database on
 * the PostgreSQL server when DATABASE_URL is set. Registered as the process's database and
 * dropped after the file.
 */
export async function setupTestDb(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  const scratch = url ? await scratchPostgres(url, "t") : null;
  const h = scratch ? scratch.handle : await openPglite(null);
  await h.migrate();
  setProcessDatabase(h);
  afterAll(async () => {
    setProcessDatabase(undefined);
    if (scratch) await scratch.drop();
    else await h.close();
  });
  return h;
}
