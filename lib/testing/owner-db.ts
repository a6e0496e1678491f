import { afterAll } from "vitest";
import { openPglite, openPostgres, setProcessDatabase, type Db, type Handle } from "@/db/client";
import { scratchPostgres } from "@/lib/testing/scratch";

export type OwnedTestDb = {
  /** What the portal connects as (the app's role when DATABASE_OWNER_URL splits the roles). */
  app: Handle;
  /** The schema owner: can switch triggers off, as an attacker who owns the database would. */
  owner: Db;
  /** True when app and owner are different PostgreSQL roles. */
  split: boolean;
  drop: () => Promise<void>;
};

/**
 * A fresh, migrated database with an owner's connection beside the app's: PGlite in memory (one
 * superuser, so both are the same) or a scratch database on DATABASE_URL's server. Registered as
 * the process's database until `drop`.
 */
export async function openOwnedTestDb(): Promise<OwnedTestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const h = await openPglite(null);
    await h.migrate();
    setProcessDatabase(h);
    return {
      app: h,
      owner: h.db,
      split: false,
      drop: async () => {
        setProcessDatabase(undefined);
        await h.close();
      },
    };
  }
  const scratch = await scratchPostgres(url, "tow");
  await scratch.handle.migrate();
  const owner = await openPostgres(scratch.ownerUrl as string);
  setProcessDatabase(scratch.handle);
  return {
    app: scratch.handle,
    owner: owner.db,
    split: Boolean(process.env.DATABASE_OWNER_URL),
    drop: async () => {
      setProcessDatabase(undefined);
      await owner.close();
      await scratch.drop();
    },
  };
}

/** openOwnedTestDb for a whole test file, dropped after it. */
export async function setupOwnedTestDb(): Promise<OwnedTestDb> {
  const t = await openOwnedTestDb();
  afterAll(t.drop);
  return t;
}
