import { asc, gt } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Db } from "@/db/client";
import { chainHash, GENESIS_HASH } from "@/lib/audit/canonical";

export type ChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenId: number; problem: "hash" | "link" };

/** Walks the chain in id order, in pages, and names the first row that does not hold. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    if (page.length === 0) return { ok: true, checked };
    for (const row of page) {
      if (row.prevHash !== prev) return { ok: false, checked, brokenId: row.id, problem: "link" };
      const expected = chainHash(prev, {
        at: row.at,
        actorId: row.actorId,
        actorCentreId: row.actorCentreId,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        centreId: row.centreId,
        studyId: row.studyId,
        before: row.before,
        after: row.after,
        reason: row.reason,
      });
      if (expected !== row.hash) return { ok: false, checked, brokenId: row.id, problem: "hash" };
      prev = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
