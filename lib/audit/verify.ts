import { and, asc, desc, eq, gt, lte, sql } from "drizzle-orm";
import type { KeyObject } from "node:crypto";
import { queryRows, type Db } from "@/db/client";
import { auditCheckpoints, auditEvents, auditVerifications, type AuditCheckpoint, type AuditVerificationRecord } from "@/db/schema";
import { canonicalJson, chainHash, GENESIS_HASH } from "@/lib/audit/canonical";
import { checkpointPayload } from "@/lib/audit/checkpoints";
import { auditSigner, DEMO_KEY_ID, verificationKeys, verifySignature } from "@/lib/audit/signing-key";

/**
 * Verification of the audit trail: the hash chain, every signed checkpoint on the way, and
 * (given one) an anchor the operator kept outside the database.
 *
 * By default it starts at the last verification that found the chain intact (a signed record in
 * audit_verifications), after checking that the event it ended at still has the hash it had;
 * `full` walks from the first event. Rows are read in chunks with a pause between them, so
 * other requests get through while a long trail is checked. What it can tell apart:
 * - rewritten: an event's content no longer matches its own hash;
 * - relinked: an event does not link to the one before it (one was deleted, inserted or rehashed);
 * - recomputed: the chain holds together but a signed checkpoint names another hash, or another
 *   position, for its event: events up to it were rewritten and the hashes recomputed;
 * - bad-signature / unknown-key: a checkpoint, verification record or anchor whose signature does
 *   not verify with the configured keys (a recomputed chain re-"signed" without the key);
 * - missing-checkpoint: more events in a row without a checkpoint than the policy allows
 *   (checkpoints were deleted);
 * - deleted-tail: a checkpoint or the anchor names an event beyond the chain's current end.
 */

export type FindingKind =
  | "rewritten"
  | "relinked"
  | "recomputed"
  | "bad-signature"
  | "unknown-key"
  | "missing-checkpoint"
  | "deleted-tail"
  | "anchor-mismatch";

export type AuditFinding = { kind: FindingKind; eventId: number | null; message: string };

export type Anchor = { eventId: number; position: number; hash: string; at: string; every: number; keyId?: string; signature?: string };

export type VerifyOptions = {
  /** Walk from the first event instead of the last verified point. */
  full?: boolean;
  anchor?: Anchor | null;
  /** Rows per query; by default it adapts so that each query takes about CHUNK_TARGET_MS. */
  chunkSize?: number;
  /** Write a signed record of an intact result, so the next run can start there (default true). */
  record?: boolean;
};

export type Head = { eventId: number; position: number; hash: string };

export type AuditVerification = {
  ok: boolean;
  mode: "full" | "incremental";
  /** The walk started after this event (0: from the first). */
  startedAfter: number;
  /** Events whose hash and link were checked in this run. */
  checked: number;
  /** Checkpoint signatures checked in this run. */
  checkpoints: number;
  head: Head | null;
  /** Events after the last checkpoint: not yet signed (protected only by an anchor taken later). */
  unsigned: number;
  findings: AuditFinding[];
};

/** The summary the audit screen shows (and the chain-check command records). */
export type ChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenId: number; problem: "hash" | "link" | "checkpoint" | "signature" | "missing" | "tail" };

const MAX_FINDINGS = 50;

// PGlite is one connection: while a chunk is read, every other query waits. Chunks are sized so
// that a read takes about this long (measured on this machine: 1,000 rows ≈ 30 ms on PGlite,
// 5,000 ≈ 200 ms), and the walk pauses between them. At most 1,000 rows: the driver hands a
// result over (and drizzle maps it) in one synchronous step on the caller's thread, and 5,000
// rows held the HTTP thread ~100 ms even on PostgreSQL (bench/audit-verify.ts).
const CHUNK_TARGET_MS = 15;
// Hashing a chunk runs on the caller's thread (the HTTP thread, in the portal): it yields
// whenever it has held the thread this long, so no request waits behind a whole chunk.
const SLICE_MS = 5;
const CHUNK_MIN = 100;
const CHUNK_MAX = 1000;

export function verificationPayload(r: { at: Date | string; throughEventId: number; throughPosition: number; throughHash: string; full: boolean }): string {
  return canonicalJson({
    type: "ncrc.audit.verified.v1",
    at: new Date(r.at).toISOString(),
    throughEventId: r.throughEventId,
    throughPosition: r.throughPosition,
    throughHash: r.throughHash,
    full: r.full,
  });
}

type Start = { afterId: number; prev: string; position: number };

/** Lets other work (requests, other statements) through between chunks. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

function signatureFinding(keys: Map<string, KeyObject>, what: string, eventId: number | null, keyId: string, payload: string, signature: string): AuditFinding | null {
  const v = verifySignature(keys, keyId, payload, signature);
  if (v === "valid") return null;
  if (v === "unknown-key") {
    const why = keyId === DEMO_KEY_ID ? "the public demo key, which proves nothing outside demo mode" : `key ${keyId}, which is not AUDIT_SIGNING_KEY's nor one of AUDIT_VERIFY_KEYS`;
    return { kind: "unknown-key", eventId, message: `${what} is signed with ${why}` };
  }
  return { kind: "bad-signature", eventId, message: `${what} has a signature that does not verify: it was written or changed without the signing key` };
}

export async function verifyAudit(db: Db, opts: VerifyOptions = {}): Promise<AuditVerification> {
  let chunkSize = opts.chunkSize ?? 1000;
  const keys = verificationKeys();
  const findings: AuditFinding[] = [];
  const report = (f: AuditFinding) => {
    if (findings.length < MAX_FINDINGS) findings.push(f);
  };

  let mode: "full" | "incremental" = "full";
  let start: Start = { afterId: 0, prev: GENESIS_HASH, position: 0 };
  if (!opts.full) {
    const resumed = await resumePoint(db, keys, report);
    if (resumed) {
      mode = "incremental";
      start = resumed;
    }
  }

  // The last checkpoint at or before the start sets the interval for the missing-checkpoint rule.
  const [before] = start.afterId
    ? await db.select().from(auditCheckpoints).where(lte(auditCheckpoints.eventId, start.afterId)).orderBy(desc(auditCheckpoints.eventId)).limit(1)
    : [];
  let every: number | null = before?.every ?? null;
  let sinceCheckpoint = before ? start.position - before.position : start.position;
  let gapReported = false;

  let prev = start.prev;
  let position = start.position;
  let lastId = start.afterId;
  let lastHash: string | null = start.afterId ? start.prev : null;
  let checked = 0;
  let checkpoints = 0;
  let anchorSeen: { position: number; hash: string } | null = null;

  for (;;) {
    const started = performance.now();
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(chunkSize);
    const readMs = performance.now() - started;
    if (rows.length === 0) break;
    const full = rows.length === chunkSize;
    const upTo = rows[rows.length - 1].id;
    const cps = await db
      .select()
      .from(auditCheckpoints)
      .where(and(gt(auditCheckpoints.eventId, lastId), lte(auditCheckpoints.eventId, upTo)))
      .orderBy(asc(auditCheckpoints.eventId));
    let j = 0;
    let slice = performance.now();
    for (const [k, row] of rows.entries()) {
      if ((k & 63) === 63 && performance.now() - slice > SLICE_MS) {
        await pause();
        slice = performance.now();
      }
      position++;
      if (row.prevHash !== prev) {
        report({ kind: "relinked", eventId: row.id, message: `event #${row.id} does not link to the event before it: an event was deleted, inserted or rehashed before it` });
      }
      const expected = chainHash(row.prevHash, {
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
      if (expected !== row.hash) {
        report({ kind: "rewritten", eventId: row.id, message: `event #${row.id} was rewritten: its content does not match its hash` });
      }
      // Checkpoints for events that are no longer there.
      while (j < cps.length && cps[j].eventId < row.id) {
        checkpoints++;
        checkCheckpoint(cps[j], null);
        every = cps[j].every;
        sinceCheckpoint = 0;
        j++;
      }
      if (j < cps.length && cps[j].eventId === row.id) {
        checkpoints++;
        checkCheckpoint(cps[j], { position, hash: row.hash });
        every = cps[j].every;
        sinceCheckpoint = 0;
        gapReported = false;
        j++;
      } else {
        sinceCheckpoint++;
        if (every !== null && sinceCheckpoint > every && !gapReported) {
          gapReported = true;
          report({ kind: "missing-checkpoint", eventId: row.id, message: `no checkpoint for more than ${every} events before event #${row.id}: signed checkpoints were deleted` });
        }
      }
      if (opts.anchor && row.id === opts.anchor.eventId) anchorSeen = { position, hash: row.hash };
      prev = row.hash;
      lastId = row.id;
      lastHash = row.hash;
      checked++;
    }
    while (j < cps.length) {
      checkpoints++;
      checkCheckpoint(cps[j], null);
      j++;
    }
    if (!full) break;
    if (opts.chunkSize === undefined) {
      if (readMs < CHUNK_TARGET_MS / 2) chunkSize = Math.min(CHUNK_MAX, chunkSize * 2);
      else if (readMs > CHUNK_TARGET_MS * 2) chunkSize = Math.max(CHUNK_MIN, Math.floor(chunkSize / 2));
    }
    await pause();
  }

  // Checkpoints beyond the last event: the tail they signed is gone.
  const beyond = await db.select().from(auditCheckpoints).where(gt(auditCheckpoints.eventId, lastId)).orderBy(asc(auditCheckpoints.eventId));
  for (const cp of beyond) {
    checkpoints++;
    const bad = signatureFinding(keys, `the checkpoint for event #${cp.eventId}`, cp.eventId, cp.keyId, checkpointPayload(cpFacts(cp)), cp.signature);
    if (bad) report(bad);
    else
      report({
        kind: "deleted-tail",
        eventId: cp.eventId,
        message: `the trail ends at event #${lastId} (position ${position}), but a signed checkpoint covers event #${cp.eventId} (position ${cp.position}): the last events were deleted`,
      });
  }

  const head: Head | null = lastId && lastHash ? { eventId: lastId, position, hash: lastHash } : null;
  if (opts.anchor) await compareAnchor(db, keys, opts.anchor, head, anchorSeen, report);
  const [lastCp] = await db.select({ position: auditCheckpoints.position }).from(auditCheckpoints).orderBy(desc(auditCheckpoints.eventId)).limit(1);
  // The first append signs at once, so a trail with events and no checkpoint lost them all. (A gap
  // before the first checkpoint is not a finding: that checkpoint's hash covers everything before it.)
  if (head && !lastCp) {
    report({ kind: "missing-checkpoint", eventId: null, message: `the trail has ${head.position} event(s) and no signed checkpoint at all: they were deleted (or the trail predates them: sign its head with \`npm run audit:anchor\`)` });
  }
  const unsigned = head ? Math.max(0, head.position - (lastCp?.position ?? 0)) : 0;

  // In chain order (a finding without an event, about the trail as a whole, last).
  findings.sort((a, b) => (a.eventId ?? Infinity) - (b.eventId ?? Infinity));
  const ok = findings.length === 0;
  if (ok && head && opts.record !== false) await recordVerification(db, head, mode === "full");
  return { ok, mode, startedAfter: start.afterId, checked, checkpoints, head, unsigned, findings };

  function checkCheckpoint(cp: AuditCheckpoint, event: { position: number; hash: string } | null) {
    const bad = signatureFinding(keys, `the checkpoint for event #${cp.eventId}`, cp.eventId, cp.keyId, checkpointPayload(cpFacts(cp)), cp.signature);
    if (bad) return report(bad);
    if (!event) {
      return report({ kind: "relinked", eventId: cp.eventId, message: `event #${cp.eventId}, covered by a signed checkpoint, is missing: it was deleted` });
    }
    if (cp.hash !== event.hash) {
      return report({ kind: "recomputed", eventId: cp.eventId, message: `event #${cp.eventId} no longer has the hash its signed checkpoint names: events up to it were rewritten and the chain recomputed` });
    }
    if (cp.position !== event.position) {
      report({ kind: "recomputed", eventId: cp.eventId, message: `event #${cp.eventId} is at position ${event.position}, its signed checkpoint says ${cp.position}: events before it were deleted or inserted and the chain recomputed` });
    }
  }
}

function cpFacts(cp: AuditCheckpoint) {
  return { eventId: cp.eventId, position: cp.position, hash: cp.hash, at: cp.at.toISOString(), every: cp.every };
}

/**
 * Where the last intact verification ended, if its record verifies and its event still carries
 * the hash it had then. Otherwise the walk starts from the first event (and says why).
 */
async function resumePoint(db: Db, keys: Map<string, KeyObject>, report: (f: AuditFinding) => void): Promise<Start | null> {
  const [rec]: AuditVerificationRecord[] = await db.select().from(auditVerifications).orderBy(desc(auditVerifications.id)).limit(1);
  if (!rec) return null;
  const bad = signatureFinding(keys, `the record of the verification of ${rec.at.toISOString()}`, rec.throughEventId, rec.keyId, verificationPayload(rec), rec.signature);
  if (bad) {
    report(bad);
    return null;
  }
  const [ev] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.id, rec.throughEventId)).limit(1);
  if (!ev) {
    report({ kind: "deleted-tail", eventId: rec.throughEventId, message: `event #${rec.throughEventId}, where the verification of ${rec.at.toISOString()} ended, is missing: it was deleted` });
    return null;
  }
  if (ev.hash !== rec.throughHash) {
    report({ kind: "recomputed", eventId: rec.throughEventId, message: `event #${rec.throughEventId} no longer has the hash it had when verified on ${rec.at.toISOString()}: the chain up to it was recomputed` });
    return null;
  }
  return { afterId: rec.throughEventId, prev: rec.throughHash, position: rec.throughPosition };
}

async function compareAnchor(
  db: Db,
  keys: Map<string, KeyObject>,
  anchor: Anchor,
  head: Head | null,
  seen: { position: number; hash: string } | null,
  report: (f: AuditFinding) => void,
): Promise<void> {
  if (anchor.signature && anchor.keyId) {
    const bad = signatureFinding(keys, "the anchor file", anchor.eventId, anchor.keyId, checkpointPayload(anchor), anchor.signature);
    if (bad) report(bad);
  }
  let event = seen;
  if (!event) {
    const [row] = await queryRows<{ hash: string; position: number }>(
      db,
      sql`select e.hash, (select count(*)::int from audit_events x where x.id <= e.id) as position from audit_events e where e.id = ${anchor.eventId}`,
    );
    if (row) event = { hash: row.hash, position: Number(row.position) };
  }
  const taken = `the anchor of ${anchor.at} (event #${anchor.eventId}, position ${anchor.position})`;
  if (!event) {
    if (!head || anchor.eventId > head.eventId) {
      report({
        kind: "deleted-tail",
        eventId: anchor.eventId,
        message: `${taken} is beyond the end of the trail (${head ? `event #${head.eventId}, position ${head.position}` : "no events"}): the last events were deleted`,
      });
    } else {
      report({ kind: "relinked", eventId: anchor.eventId, message: `${taken} names an event that is missing: it was deleted` });
    }
    return;
  }
  if (event.hash !== anchor.hash) {
    report({ kind: "anchor-mismatch", eventId: anchor.eventId, message: `event #${anchor.eventId} no longer has the hash in ${taken}: events up to it were rewritten and the chain recomputed` });
  } else if (event.position !== anchor.position) {
    report({ kind: "anchor-mismatch", eventId: anchor.eventId, message: `event #${anchor.eventId} is at position ${event.position}, ${taken} says ${anchor.position}: events before it were deleted or inserted` });
  }
}

async function recordVerification(db: Db, head: Head, full: boolean): Promise<void> {
  let signer: ReturnType<typeof auditSigner>;
  try {
    signer = auditSigner();
  } catch {
    return; // verifying with public keys only (AUDIT_VERIFY_KEYS): nothing to sign the record with
  }
  const at = new Date();
  const facts = { at, throughEventId: head.eventId, throughPosition: head.position, throughHash: head.hash, full };
  await db.insert(auditVerifications).values({ ...facts, keyId: signer.keyId, signature: signer.sign(verificationPayload(facts)) });
}

const PROBLEM: Record<FindingKind, Extract<ChainReport, { ok: false }>["problem"]> = {
  rewritten: "hash",
  relinked: "link",
  recomputed: "checkpoint",
  "anchor-mismatch": "checkpoint",
  "bad-signature": "signature",
  "unknown-key": "signature",
  "missing-checkpoint": "missing",
  "deleted-tail": "tail",
};

/** The short form: intact (and how many events this run checked), or the first thing broken. */
export function summarise(v: AuditVerification): ChainReport {
  if (v.ok) return { ok: true, checked: v.checked };
  const first = v.findings[0];
  return { ok: false, checked: v.checked, brokenId: first.eventId ?? 0, problem: PROBLEM[first.kind] };
}

/** Verifies from the last verified point (or fully) and answers with the short form. */
export async function verifyAuditChain(db: Db, opts: VerifyOptions = {}): Promise<ChainReport> {
  return summarise(await verifyAudit(db, opts));
}
