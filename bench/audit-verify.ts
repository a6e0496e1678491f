// npm run bench:audit [-- --events N] — does verifying a long audit trail hold anyone up?
//
// Builds a trail of N chained events (1,000,000 by default; BENCH_AUDIT_EVENTS too) in bulk —
// hashed exactly as lib/audit/append.ts hashes them (chainHash), signed checkpoints every
// AUDIT_CHECKPOINT_EVERY (1,000) events as appendAudit signs them — then runs a full
// verification (lib/audit/verify.ts, the walk `npm run audit:verify -- --full` and the audit
// page's button do) while another client sends a trivial query through the same handle every
// 20 ms, as /api/health-like small requests would: it prints that client's waits (from when
// each query was due to its answer: event-loop delay plus queueing at the database) idle and
// during the walk, then the incremental verification that follows. PGlite in a temporary
// folder (on its worker thread, as the portal runs it), then PostgreSQL when DATABASE_URL is set.
import os from "node:os";
import { sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { buildTrail } from "@/bench/audit-trail";
import { onEachDatabase, stats } from "@/bench/timing";
import { verifyAudit } from "@/lib/audit/verify";

function argEvents(): number {
  const i = process.argv.indexOf("--events");
  const v = i >= 0 ? process.argv[i + 1] : process.env.BENCH_AUDIT_EVENTS;
  const n = v === undefined ? 1_000_000 : Number(v);
  if (!Number.isInteger(n) || n < 1000 || n > 10_000_000) throw new Error(`--events takes a whole number from 1,000 to 10,000,000, not ${v}`);
  return n;
}

const EVENTS = argEvents();
const PROBE_EVERY_MS = 20;
const GOAL_MS = 100;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const fmt = (n: number) => n.toFixed(1).padStart(8);

/** A client that sends `select 1` through the handle every PROBE_EVERY_MS until stopped; its waits in ms. */
function probe(h: Handle) {
  const waits: number[] = [];
  let stop = false;
  const done = (async () => {
    let due = performance.now();
    while (!stop) {
      await h.db.execute(sql`select 1`);
      waits.push(performance.now() - due);
      due += PROBE_EVERY_MS;
      const now = performance.now();
      if (due < now) due = now; // a late answer is counted once, not again for every slot it covered
      await new Promise((r) => setTimeout(r, due - now));
    }
  })();
  return {
    stop: async () => {
      stop = true;
      await done;
      return waits;
    },
  };
}

function line(label: string, ms: number[]) {
  const s = stats(ms);
  console.log(`  ${label.padEnd(44)} median ${fmt(s.median)}   p95 ${fmt(s.p95)}   max ${fmt(Math.max(...ms))}   (${ms.length} queries)`);
}

async function run(kind: string, h: Handle) {
  console.log(`\n${kind}`);
  await h.migrate();
  const t0 = performance.now();
  await buildTrail(h, EVENTS);
  await h.migrate(); // as the app's start leaves it: statistics refreshed
  console.log(`  ${EVENTS.toLocaleString("en")} events and their checkpoints built in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${load()}`);

  const idle = probe(h);
  await new Promise((r) => setTimeout(r, 2000));
  const idleWaits = await idle.stop();

  const during = probe(h);
  const t1 = performance.now();
  const full = await verifyAudit(h.db, { full: true });
  const fullMs = performance.now() - t1;
  const fullWaits = await during.stop();
  if (!full.ok || full.checked !== EVENTS) throw new Error(`the full verification found ${JSON.stringify(full.findings.slice(0, 3))} after ${full.checked} events`);

  const t2 = performance.now();
  const incremental = await verifyAudit(h.db);
  const incMs = performance.now() - t2;

  console.log(`  full verification: ${full.checked.toLocaleString("en")} events, ${full.checkpoints.toLocaleString("en")} checkpoints in ${(fullMs / 1000).toFixed(1)} s (${Math.round(full.checked / (fullMs / 1000)).toLocaleString("en")} events/s): ${full.ok ? "intact" : "BROKEN"}`);
  console.log(`  then the incremental one (from the recorded verification): ${incremental.checked} events checked in ${incMs.toFixed(0)} ms (${incremental.mode})`);
  console.log(`  a trivial query every ${PROBE_EVERY_MS} ms through the same handle, wait in ms:`);
  line("idle (2 s)", idleWaits);
  line("during the full verification", fullWaits);
  const worst = Math.max(...fullWaits);
  console.log(`  goal: no query waits more than ${GOAL_MS} ms during the walk — ${worst < GOAL_MS ? "met" : "NOT met"} (max ${worst.toFixed(0)} ms, p95 ${stats(fullWaits).p95.toFixed(0)} ms)`);
}

async function main() {
  console.log(`audit verification benchmark: ${EVENTS.toLocaleString("en")} events; ${os.cpus().length} cores, load average ${load()}`);
  await onEachDatabase("audit", run);
  console.log(`\nload average at the end: ${load()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
