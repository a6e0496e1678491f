import { desc, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { auditCheckpoints, type AuditCheckpoint } from "@/db/schema";
import { canonicalJson } from "@/lib/audit/canonical";
import { auditSigner } from "@/lib/audit/signing-key";

/**
 * Signed checkpoints. appendAudit signs the chain's head, under its advisory lock, at every
 * AUDIT_CHECKPOINT_EVERY-th event (by position) and, when events arrive after a quiet spell, as
 * soon as AUDIT_CHECKPOINT_MINUTES have passed since the last checkpoint: at most that many
 * events, or that many minutes of them, are ever unsigned. `npm run audit:anchor` signs the
 * head on demand and prints it for the operator to keep elsewhere.
 */

export const AUDIT_LOCK = 727274002;

export type CheckpointPolicy = { every: number; minutes: number };

function positiveInt(name: string, fallback: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new Error(`${name} must be a whole number between 1 and ${max} (got "${raw}").`);
  }
  return Number(raw);
}

export function checkpointPolicy(): CheckpointPolicy {
  return {
    every: positiveInt("AUDIT_CHECKPOINT_EVERY", 1000, 1_000_000),
    minutes: positiveInt("AUDIT_CHECKPOINT_MINUTES", 10, 24 * 60),
  };
}

export type CheckpointFacts = { eventId: number; position: number; hash: string; at: string; every: number };

/** The exact bytes a checkpoint's signature covers. */
export function checkpointPayload(c: CheckpointFacts): string {
  return canonicalJson({ type: "ncrc.audit.checkpoint.v1", eventId: c.eventId, position: c.position, hash: c.hash, at: new Date(c.at).toISOString(), every: c.every });
}

export function signCheckpoint(c: CheckpointFacts): typeof auditCheckpoints.$inferInsert {
  const signer = auditSigner();
  return { eventId: c.eventId, position: c.position, hash: c.hash, at: new Date(c.at), every: c.every, keyId: signer.keyId, signature: signer.sign(checkpointPayload(c)) };
}

/** Where the chain stood at its last checkpoint, and how many events came after it. */
export type ChainState = { lastCheckpoint: { eventId: number; position: number; at: Date } | null; eventsSince: number };

export async function chainState(tx: Db): Promise<ChainState> {
  const [row] = await queryRows<{ event_id: string | null; position: string | null; at: string | null; since: number }>(
    tx,
    sql`select cp.event_id, cp.position, cp.at,
               (select count(*)::int from audit_events e where e.id > coalesce(cp.event_id, 0)) as since
        from (select 1) one
        left join lateral (select event_id, position, at from audit_checkpoints order by event_id desc limit 1) cp on true`,
  );
  return {
    lastCheckpoint: row.event_id == null ? null : { eventId: Number(row.event_id), position: Number(row.position), at: new Date(row.at as string) },
    eventsSince: Number(row.since),
  };
}

/**
 * The checkpoints due after appending `appended` (in chain order) to a chain in `state`:
 * one at each position where `every` events have passed since the previous checkpoint, and one
 * at the last new event if the previous checkpoint is older than `minutes` (or there is none).
 */
export function dueCheckpoints(
  state: ChainState,
  appended: Array<{ id: number; hash: string }>,
  at: string,
  policy: CheckpointPolicy,
): CheckpointFacts[] {
  if (appended.length === 0) return [];
  const out: CheckpointFacts[] = [];
  const base = (state.lastCheckpoint?.position ?? 0) + state.eventsSince;
  let lastPosition = state.lastCheckpoint?.position ?? 0;
  appended.forEach((e, i) => {
    const position = base + i + 1;
    if (position - lastPosition >= policy.every) {
      out.push({ eventId: e.id, position, hash: e.hash, at, every: policy.every });
      lastPosition = position;
    }
  });
  const last = appended[appended.length - 1];
  const lastPos = base + appended.length;
  const stale = !state.lastCheckpoint || new Date(at).getTime() - state.lastCheckpoint.at.getTime() >= policy.minutes * 60_000;
  if (stale && out.at(-1)?.eventId !== last.id) out.push({ eventId: last.id, position: lastPos, hash: last.hash, at, every: policy.every });
  return out;
}

export async function insertCheckpoints(tx: Db, due: CheckpointFacts[]): Promise<void> {
  if (due.length === 0) return;
  await tx.insert(auditCheckpoints).values(due.map(signCheckpoint)).onConflictDoNothing();
}

/**
 * Signs the current head now (idempotent: an existing checkpoint at the head is returned), under
 * the appenders' lock so the head and its position are consistent. Null for an empty trail.
 */
export async function takeCheckpoint(db: Db): Promise<AuditCheckpoint | null> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
    const [head] = await queryRows<{ id: string; hash: string; now: string }>(
      t,
      sql`select id, hash, to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now
          from audit_events order by id desc limit 1`,
    );
    if (!head) return null;
    const [existing] = await t.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.eventId)).limit(1);
    if (existing && existing.eventId === Number(head.id)) return existing;
    if (existing && existing.eventId > Number(head.id)) {
      throw new Error(`The last checkpoint signs event #${existing.eventId}, but the trail ends at #${head.id}: events were deleted. Run \`npm run audit:verify\`.`);
    }
    const state = await chainState(t);
    const facts = { eventId: Number(head.id), position: (state.lastCheckpoint?.position ?? 0) + state.eventsSince, hash: head.hash, at: head.now, every: checkpointPolicy().every };
    const row = signCheckpoint(facts);
    await t.insert(auditCheckpoints).values(row);
    return { ...row, at: new Date(facts.at) } as AuditCheckpoint;
  });
}
