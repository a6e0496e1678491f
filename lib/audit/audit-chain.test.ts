import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "@/db/client";
import { setupTestDb } from "@/lib/testing/db";
import { appendAudit } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";

let db: Db;
beforeAll(async () => {
  db = (await setupTestDb()).db;
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
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 5 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database", async () => {
    await expect(db.execute(sql`update audit_events set reason = 'x' where id = 2`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events where id = 2`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
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
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 29 });
  });

  it("names the first tampered row", async () => {
    // Someone with superuser rights switches the trigger off and edits a row.
    await db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await db.execute(sql`update audit_events set after = '{"n": 99}'::jsonb where id = 3`);
    await db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: false, brokenId: 3, problem: "hash", checked: 2 });
  });
});
