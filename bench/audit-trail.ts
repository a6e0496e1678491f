// The audit trail for bench/audit-verify.ts, built in bulk.
import { sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { auditCheckpoints } from "@/db/schema";
import { chainHash, GENESIS_HASH, type ChainedContent } from "@/lib/audit/canonical";
import { checkpointPolicy, signCheckpoint } from "@/lib/audit/checkpoints";

const BATCH = 5000;
const ACTIONS = ["participant.enrolled", "visit.recorded", "adverse_event.reported", "specimen.collected", "query.raised", "crf.saved"];

/**
 * Inserts `events` chained events and their checkpoints, BATCH rows per statement, hashed as
 * appendAudit hashes them and signed where appendAudit would sign (ids 1..events).
 */
export async function buildTrail(h: Handle, events: number): Promise<void> {
  const every = checkpointPolicy().every;
  const start = Date.UTC(2016, 0, 1);
  let prev = GENESIS_HASH;
  for (let first = 1; first <= events; first += BATCH) {
    const rows: Record<string, unknown>[] = [];
    const checkpoints: ReturnType<typeof signCheckpoint>[] = [];
    for (let id = first; id < Math.min(first + BATCH, events + 1); id++) {
      const at = new Date(start + id * 300_000).toISOString(); // one event every five minutes
      const content: ChainedContent = {
        at,
        actorId: 1 + (id % 400),
        actorCentreId: 1 + (id % 250),
        action: ACTIONS[id % ACTIONS.length],
        entityType: "participant",
        entityId: String(100_000 + (id % 150_000)),
        centreId: 1 + (id % 250),
        studyId: 1 + (id % 50),
        before: id % 3 === 0 ? { status: "screening", visit: id % 12 } : null,
        after: { status: "enrolled", visit: (id % 12) + 1, note: `event ${id}` },
        reason: id % 7 === 0 ? "Correction after source data verification" : null,
      };
      const hash = chainHash(prev, content);
      rows.push({
        id,
        at,
        actor_id: content.actorId,
        actor_centre_id: content.actorCentreId,
        action: content.action,
        entity_type: content.entityType,
        entity_id: content.entityId,
        centre_id: content.centreId,
        study_id: content.studyId,
        before: content.before,
        after: content.after,
        reason: content.reason,
        prev_hash: prev,
        hash,
      });
      // appendAudit signs at once on the first event, then at every `every`-th position, and the
      // last one after a quiet spell: the trail ends signed.
      if (id === 1 || id % every === 0 || id === events) checkpoints.push(signCheckpoint({ eventId: id, position: id, hash, at, every }));
      prev = hash;
    }
    await h.db.execute(sql`insert into audit_events (id, at, actor_id, actor_centre_id, action, entity_type, entity_id, centre_id, study_id, before, after, reason, prev_hash, hash)
      select id, at, actor_id, actor_centre_id, action, entity_type, entity_id, centre_id, study_id, before, after, reason, prev_hash, hash
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id bigint, at timestamptz, actor_id int, actor_centre_id int, action text, entity_type text,
        entity_id text, centre_id int, study_id int, before jsonb, after jsonb, reason text, prev_hash text, hash text)`);
    if (checkpoints.length) await h.db.insert(auditCheckpoints).values(checkpoints);
  }
}
