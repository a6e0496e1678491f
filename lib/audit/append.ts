import { sql } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { queryRows, type Db } from "@/db/client";
import { chainHash, GENESIS_HASH, type ChainedContent } from "@/lib/audit/canonical";
import { AUDIT_LOCK, chainState, checkpointPolicy, dueCheckpoints, insertCheckpoints } from "@/lib/audit/checkpoints";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  centreId?: number | null;
  studyId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

export type AuditActor = { id: number | null; centreId: number | null };

/**
 * Append events to the chain inside the caller's transaction. The advisory lock serialises
 * appenders until commit, so two transactions never chain onto the same previous row.
 * Call it last in a transaction: the lock is held from here to commit. Under the same lock, the
 * head is signed when a checkpoint is due (lib/audit/checkpoints.ts).
 */
export async function appendAudit(tx: Db, actor: AuditActor, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [head] = await queryRows<{ prev: string | null; now: string }>(
    tx,
    sql`select (select hash from audit_events order by id desc limit 1) as prev,
               to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`,
  );
  let prev = head.prev ?? GENESIS_HASH;
  const rows = events.map((e) => {
    const content: ChainedContent = {
      at: head.now,
      actorId: actor.id,
      actorCentreId: actor.centreId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId == null ? null : String(e.entityId),
      centreId: e.centreId ?? null,
      studyId: e.studyId ?? null,
      before: normalise(e.before),
      after: normalise(e.after),
      reason: e.reason ?? null,
    };
    const hash = chainHash(prev, content);
    const row = { ...content, at: new Date(head.now), prevHash: prev, hash };
    prev = hash;
    return row;
  });
  const state = await chainState(tx);
  const inserted = await tx.insert(auditEvents).values(rows).returning({ id: auditEvents.id, hash: auditEvents.hash });
  inserted.sort((a, b) => a.id - b.id);
  await insertCheckpoints(tx, dueCheckpoints(state, inserted, head.now, checkpointPolicy()));
}

/** What jsonb will give back: plain JSON (dates as ISO strings, no undefined). */
function normalise(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}
