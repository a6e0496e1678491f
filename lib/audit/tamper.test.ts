import { generateKeyPairSync } from "node:crypto";
import { asc, gte, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Db } from "@/db/client";
import { auditCheckpoints, auditEvents } from "@/db/schema";
import { openOwnedTestDb, type OwnedTestDb } from "@/lib/testing/owner-db";
import { anchorOf, parseAnchor } from "@/lib/audit/anchor";
import { appendAudit } from "@/lib/audit/append";
import { chainHash } from "@/lib/audit/canonical";
import { checkpointPayload, takeCheckpoint } from "@/lib/audit/checkpoints";
import { keyIdOf } from "@/lib/audit/signing-key";
import { summarise, verifyAudit, type AuditVerification } from "@/lib/audit/verify";

// Each case tampers as the database's owner would: triggers off, rows rewritten, hashes
// recomputed, rows deleted. Checkpoints every 4 events: with 10 events they sit at positions
// 1 (the first append signs at once), 5 and 9.

let t: OwnedTestDb;
let app: Db;
let owner: Db;

beforeEach(async () => {
  vi.stubEnv("AUDIT_CHECKPOINT_EVERY", "4");
  vi.stubEnv("AUDIT_CHECKPOINT_MINUTES", "60");
  t = await openOwnedTestDb();
  app = t.app.db;
  owner = t.owner;
  for (let i = 1; i <= 10; i++) await append(i);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await t.drop();
});

async function append(n: number) {
  await app.transaction(async (tx) => {
    await appendAudit(tx as Db, { id: 1, centreId: 1 }, [{ action: "test.write", entityType: "thing", entityId: n, after: { n } }]);
  });
}

async function asOwner(statements: Array<ReturnType<typeof sql>>) {
  await owner.execute(sql`alter table audit_events disable trigger user`);
  await owner.execute(sql`alter table audit_checkpoints disable trigger user`);
  try {
    for (const s of statements) await owner.execute(s);
  } finally {
    await owner.execute(sql`alter table audit_events enable trigger user`);
    await owner.execute(sql`alter table audit_checkpoints enable trigger user`);
  }
}

/** What an attacker who owns the database does after a rewrite: recompute every hash from `fromId` on. */
async function recomputeChainFrom(fromId: number) {
  const rows = await owner.select().from(auditEvents).where(gte(auditEvents.id, fromId)).orderBy(asc(auditEvents.id));
  const [before] = await owner.select({ hash: auditEvents.hash }).from(auditEvents).where(sql`id < ${fromId}`).orderBy(sql`id desc`).limit(1);
  let prev = before?.hash ?? "0".repeat(64);
  const updates = [];
  for (const r of rows) {
    const hash = chainHash(prev, { ...r, at: r.at });
    updates.push(sql`update audit_events set prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`);
    prev = hash;
  }
  await asOwner(updates);
}

const kinds = (v: AuditVerification) => v.findings.map((f) => `${f.kind}@${f.eventId}`);

describe("audit:verify names what was broken", () => {
  it("an intact trail: every checkpoint verified, the unsigned tail counted", async () => {
    const v = await verifyAudit(app, { full: true });
    expect(v).toMatchObject({ ok: true, mode: "full", checked: 10, checkpoints: 3, head: { eventId: 10, position: 10 }, unsigned: 1, findings: [] });
    const cps = await app.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.eventId));
    expect(cps.map((c) => [c.eventId, c.position, c.every])).toEqual([
      [1, 1, 4],
      [5, 5, 4],
      [9, 9, 4],
    ]);
  });

  it("a rewritten event", async () => {
    await asOwner([sql`update audit_events set after = '{"n": 99}'::jsonb where id = 6`]);
    const v = await verifyAudit(app, { full: true });
    expect(kinds(v)).toEqual(["rewritten@6"]);
    expect(v.findings[0].message).toMatch(/event #6 was rewritten/);
    expect(summarise(v)).toEqual({ ok: false, checked: 10, brokenId: 6, problem: "hash" });
  });

  it("a rewritten event with the chain recomputed: the next signed checkpoint no longer matches", async () => {
    await asOwner([sql`update audit_events set after = '{"n": 99}'::jsonb where id = 6`]);
    await recomputeChainFrom(6);
    const v = await verifyAudit(app, { full: true });
    expect(kinds(v)).toEqual(["recomputed@9"]);
    expect(v.findings[0].message).toMatch(/rewritten and the chain recomputed/);
    expect(summarise(v)).toMatchObject({ brokenId: 9, problem: "checkpoint" });
  });

  it("a recomputed chain whose checkpoints were rewritten to match: the signatures do not verify", async () => {
    await asOwner([sql`update audit_events set after = '{"n": 99}'::jsonb where id = 2`]);
    await recomputeChainFrom(2);
    const newHash = (id: number) => sql`(select hash from audit_events where id = ${id})`;
    await asOwner([sql`update audit_checkpoints set hash = ${newHash(5)} where event_id = 5`, sql`update audit_checkpoints set hash = ${newHash(9)} where event_id = 9`]);
    const v = await verifyAudit(app, { full: true });
    expect(kinds(v)).toEqual(["bad-signature@5", "bad-signature@9"]);
    expect(summarise(v)).toMatchObject({ brokenId: 5, problem: "signature" });
  });

  it("a recomputed chain re-signed with another key: the key is not the portal's", async () => {
    await asOwner([sql`update audit_events set after = '{"n": 99}'::jsonb where id = 7`]);
    await recomputeChainFrom(7);
    const { privateKey } = generateKeyPairSync("ed25519");
    const [cp] = await owner.select().from(auditCheckpoints).where(sql`event_id = 9`);
    const [ev] = await owner.select().from(auditEvents).where(sql`id = 9`);
    const facts = { eventId: 9, position: 9, hash: ev.hash, at: cp.at.toISOString(), every: 4 };
    const { sign } = await import("node:crypto");
    const signature = sign(null, Buffer.from(checkpointPayload(facts)), privateKey).toString("base64");
    await asOwner([sql`update audit_checkpoints set hash = ${ev.hash}, key_id = ${keyIdOf(privateKey)}, signature = ${signature} where event_id = 9`]);
    const v = await verifyAudit(app, { full: true });
    expect(kinds(v)).toEqual(["unknown-key@9"]);
    expect(v.findings[0].message).toMatch(/not AUDIT_SIGNING_KEY's/);
  });

  it("a recomputed chain whose checkpoints were deleted: the gap is too long", async () => {
    await asOwner([sql`update audit_events set after = '{"n": 99}'::jsonb where id = 4`]);
    await recomputeChainFrom(4);
    await asOwner([sql`delete from audit_checkpoints where event_id >= 4`]);
    const v = await verifyAudit(app, { full: true });
    // After the checkpoint at position 1, at most 4 events may go unsigned.
    expect(kinds(v)).toEqual(["missing-checkpoint@6"]);
    expect(summarise(v)).toMatchObject({ brokenId: 6, problem: "missing" });
    // Every checkpoint gone: named too.
    await asOwner([sql`delete from audit_checkpoints`]);
    expect(kinds(await verifyAudit(app, { full: true }))).toEqual(["missing-checkpoint@null"]);
  });

  it("a deleted tail that a checkpoint covered", async () => {
    await asOwner([sql`delete from audit_events where id >= 9`]);
    const v = await verifyAudit(app, { full: true });
    expect(kinds(v)).toEqual(["deleted-tail@9"]);
    expect(v.findings[0].message).toMatch(/trail ends at event #8 .* covers event #9 .*the last events were deleted/);
    expect(summarise(v)).toMatchObject({ brokenId: 9, problem: "tail" });
  });

  it("a deleted event in the middle", async () => {
    await asOwner([sql`delete from audit_events where id = 5`]);
    const v = await verifyAudit(app, { full: true });
    // The checkpoint at #5 names the missing event; #6 no longer links; #9 sits one position early.
    expect(kinds(v)).toEqual(["relinked@5", "relinked@6", "recomputed@9"]);
    expect(summarise(v)).toMatchObject({ brokenId: 5, problem: "link" });
  });

  it("a deleted unsigned tail (with its checkpoints): only the anchor kept elsewhere tells", async () => {
    const cp = await takeCheckpoint(app);
    const anchorFile = JSON.stringify(anchorOf(cp!));
    expect(cp).toMatchObject({ eventId: 10, position: 10 });
    // The anchor on its own: intact.
    expect((await verifyAudit(app, { full: true, anchor: parseAnchor(anchorFile) })).ok).toBe(true);
    await asOwner([sql`delete from audit_events where id = 10`, sql`delete from audit_checkpoints where event_id = 10`]);
    expect((await verifyAudit(app, { full: true })).ok).toBe(true);
    const v = await verifyAudit(app, { full: true, anchor: parseAnchor(anchorFile) });
    expect(kinds(v)).toEqual(["deleted-tail@10"]);
    expect(v.findings[0].message).toMatch(/beyond the end of the trail \(event #9, position 9\)/);
  });

  it("an anchor whose event was rewritten and recomputed, or whose file was edited", async () => {
    const anchor = anchorOf((await takeCheckpoint(app))!);
    await asOwner([sql`update audit_events set after = '{"n": 1}'::jsonb where id = 10`]);
    await recomputeChainFrom(10);
    await asOwner([sql`delete from audit_checkpoints where event_id = 10`]);
    expect(kinds(await verifyAudit(app, { full: true, anchor }))).toEqual(["anchor-mismatch@10"]);
    const forged = { ...anchor, hash: "a".repeat(64) };
    expect(kinds(await verifyAudit(app, { full: true, anchor: forged }))[0]).toBe("bad-signature@10");
    expect(() => parseAnchor("{}")).toThrow(/not an audit anchor/);
  });
});

describe("verification that scales", () => {
  it("starts after the last verified point, and a full walk still finds an older rewrite", async () => {
    const first = await verifyAudit(app);
    expect(first).toMatchObject({ ok: true, mode: "full", checked: 10 });
    await append(11);
    await append(12);
    const second = await verifyAudit(app);
    expect(second).toMatchObject({ ok: true, mode: "incremental", startedAfter: 10, checked: 2, head: { eventId: 12, position: 12 } });
    // A rewrite behind the verified point, hashes left alone: the next incremental run does not
    // re-read it; the full walk does.
    await asOwner([sql`update audit_events set after = '{"n": 0}'::jsonb where id = 3`]);
    expect(await verifyAudit(app)).toMatchObject({ ok: true, mode: "incremental", checked: 0 });
    expect(kinds(await verifyAudit(app, { full: true }))).toEqual(["rewritten@3"]);
  });

  it("notices a chain recomputed behind the verified point, and walks all of it to say where", async () => {
    expect((await verifyAudit(app)).ok).toBe(true);
    await asOwner([sql`update audit_events set after = '{"n": 0}'::jsonb where id = 2`]);
    await recomputeChainFrom(2);
    const v = await verifyAudit(app);
    expect(v.mode).toBe("full");
    expect(kinds(v)).toEqual(["recomputed@5", "recomputed@9", "recomputed@10"]);
  });

  it("gives the same answers in small chunks as in one", async () => {
    await asOwner([sql`update audit_events set after = '{"n": 0}'::jsonb where id = 6`]);
    await recomputeChainFrom(6);
    await asOwner([sql`delete from audit_events where id = 3`]);
    const whole = await verifyAudit(app, { full: true, record: false });
    const chunked = await verifyAudit(app, { full: true, record: false, chunkSize: 2 });
    expect(kinds(chunked)).toEqual(kinds(whole));
    expect(chunked.checked).toBe(9);
    expect(kinds(whole)).toEqual(["relinked@4", "recomputed@5", "recomputed@9"]);
  });
});
