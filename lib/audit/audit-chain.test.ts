import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "@/db/client";
import { setupOwnedTestDb } from "@/lib/testing/owner-db";
import { appendAudit } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";

let db: Db;
let owner: Db;
beforeAll(async () => {
  const t = await setupOwnedTestDb();
  db = t.app.db;
  owner = t.owner;
  for (let i = 0; i < 5; i++) {
    await db.transaction(async (tx) => {
      await appendAudit(tx as Db, { id: 1, centreId: 1 }, [
        { action: "test.write", entityType: "thing", entityId: i, before: { n: i }, after: { n: i + 1, nested: { b: 2, a: [1, "二"] } }, reason: "because" },
      ]);
    });
  }
});

describe("audit trail", () => {
  it("verifies an intact chain", async () => {
    expect(await verifyAuditChain(db, { full: true })).toEqual({ ok: true, checked: 5 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database, on the events and their checkpoints", async () => {
    for (const table of ["audit_events", "audit_checkpoints", "audit_verifications"]) {
      await expect(db.execute(sql.raw(`update ${table} set at = now()`))).rejects.toThrow();
      await expect(db.execute(sql.raw(`delete from ${table}`))).rejects.toThrow();
      await expect(db.execute(sql.raw(`truncate ${table}`))).rejects.toThrow();
    }
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_events`);
    expect(row.n).toBe(5);
  });

  it("keeps one unbroken chain under parallel writers (PostgreSQL: real concurrency)", async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction(async (tx) => {
          await appendAudit(tx as Db, { id: 2, centreId: 1 }, [{ action: "test.parallel", entityType: "thing", entityId: 100 + i }]);
        }),
      ),
    );
    expect(await verifyAuditChain(db, { full: true })).toEqual({ ok: true, checked: 29 });
  });

  it("names the first tampered row", async () => {
    // Someone who owns the database switches the trigger off and edits a row.
    await owner.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await owner.execute(sql`update audit_events set after = '{"n": 99}'::jsonb where id = 3`);
    await owner.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    const report = await verifyAuditChain(db, { full: true });
    expect(report).toMatchObject({ ok: false, brokenId: 3, problem: "hash", checked: 29 });
  });
});
