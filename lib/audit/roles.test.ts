import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db } from "@/db/client";
import { grantAppRole } from "@/db/roles";
import { setupOwnedTestDb, type OwnedTestDb } from "@/lib/testing/owner-db";
import { appendAudit } from "@/lib/audit/append";
import { auditRoleProblem } from "@/lib/audit/role-check";
import { verifyAudit } from "@/lib/audit/verify";

// The app's database role may only INSERT and SELECT the audit trail; only the owner could
// switch its triggers off. On PostgreSQL with DATABASE_OWNER_URL (.ci/run) the test database
// itself is reached through the two roles; on PGlite the same grants are checked with SET ROLE.

let t: OwnedTestDb;
beforeAll(async () => {
  t = await setupOwnedTestDb();
  await t.app.db.transaction(async (tx) => {
    await appendAudit(tx as Db, { id: 1, centreId: 1 }, [{ action: "test.write", entityType: "thing", entityId: 1 }]);
  });
});

/** drizzle wraps the driver's error ("Failed query: …"); the reason is in its cause. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ""}`;
  }
  throw new Error("expected the statement to be refused");
}

async function expectAppendOnly(db: Db) {
  await db.transaction(async (tx) => {
    await appendAudit(tx as Db, { id: 1, centreId: 1 }, [{ action: "test.write", entityType: "thing", entityId: 2 }]);
  });
  for (const table of ["audit_events", "audit_checkpoints", "audit_verifications"]) {
    await expect(db.execute(sql.raw(`select count(*) from ${table}`))).resolves.toBeTruthy();
    expect(await refusal(db.execute(sql.raw(`alter table ${table} disable trigger user`)))).toMatch(/must be owner/);
    // Privileges are checked before the triggers run: refused even with the triggers gone.
    expect(await refusal(db.execute(sql.raw(`update ${table} set at = now()`)))).toMatch(/permission denied/);
    expect(await refusal(db.execute(sql.raw(`delete from ${table}`)))).toMatch(/permission denied/);
    expect(await refusal(db.execute(sql.raw(`truncate ${table}`)))).toMatch(/permission denied/);
  }
  // Ordinary tables stay writable.
  await expect(db.execute(sql`delete from login_failures where key = 'none'`)).resolves.toBeTruthy();
  expect(await auditRoleProblem(db)).toBeNull();
}

describe("the app's database role", () => {
  it.skipIf(!process.env.DATABASE_OWNER_URL)("may only append to and read the audit trail (PostgreSQL, two roles)", async () => {
    await expectAppendOnly(t.app.db);
    expect((await verifyAudit(t.app.db, { full: true })).ok).toBe(true);
    expect(await auditRoleProblem(t.owner)).toMatch(/owns audit_/);
  });

  it.skipIf(Boolean(process.env.DATABASE_OWNER_URL))("gets exactly those privileges from db/roles.ts (PGlite or one PostgreSQL role: checked with SET ROLE)", async () => {
    const db = t.owner;
    await db.execute(sql`do $$ begin if not exists (select 1 from pg_roles where rolname = 'ncrc_app_probe') then create role ncrc_app_probe nologin; end if; end $$`);
    await grantAppRole(db, "ncrc_app_probe");
    // One connection for the whole probe, so SET ROLE stays with it.
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`set local role ncrc_app_probe`);
        const probe = tx as unknown as Db;
        // Savepoints let each refusal be observed without ending the transaction.
        const refused = async (stmt: string, why: RegExp) => {
          await tx.execute(sql`savepoint s`);
          expect(await refusal(tx.execute(sql.raw(stmt)))).toMatch(why);
          await tx.execute(sql`rollback to savepoint s`);
        };
        await appendAudit(probe, { id: 1, centreId: 1 }, [{ action: "test.write", entityType: "thing", entityId: 3 }]);
        for (const table of ["audit_events", "audit_checkpoints", "audit_verifications"]) {
          await refused(`alter table ${table} disable trigger user`, /must be owner/);
          await refused(`update ${table} set at = now()`, /permission denied/);
          await refused(`delete from ${table}`, /permission denied/);
          await refused(`truncate ${table}`, /permission denied/);
        }
        expect(await auditRoleProblem(probe)).toBeNull();
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    if (!t.split) expect(await auditRoleProblem(t.owner)).toMatch(/superuser|owns/);
  });
});

class Rollback extends Error {}
