// npm run bench:stall — does one slow request stop everyone else?
//
// Starts the built portal on a fresh embedded database at demo scale, exactly as `npm start`
// leaves it (migrated, analysed, demo network loaded), signs in as the network admin, and runs
// the slowest dashboard request in a loop from one client while another measures /api/health and
// /login (signed out). Prints median and p95 of each, idle and under that load; stops itself.
//
// BENCH_STALL_ROUNDS (20) dashboard requests at most, BENCH_STALL_SECONDS (120) at most.
// BENCH_PGLITE_DIR reuses a data folder (kept afterwards) instead of a fresh temporary one.
// PGLITE_IN_PROCESS=1 runs PGlite on the server's request thread, to compare.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { stats } from "@/bench/timing";
import { ensureBuild, get, machine, signIn, startPortal, type Timing } from "@/bench/portal";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/seed/network-data";

const DASHBOARD = "/api/dashboard?from=2016-12-01&to=2026-12-01";
const ROUNDS = Number(process.env.BENCH_STALL_ROUNDS ?? 20);
const SECONDS = Number(process.env.BENCH_STALL_SECONDS ?? 120);
const PROBE_EVERY_MS = 100;
const GOAL_MS = 100;

const fmt = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

function line(label: string, ms: number[]) {
  if (ms.length === 0) return console.log(`  ${label.padEnd(34)} (no samples)`);
  const s = stats(ms);
  console.log(`  ${label.padEnd(34)} median ${fmt(s.median)}   p95 ${fmt(s.p95)}   max ${fmt(Math.max(...ms))}   (${ms.length})`);
}

function expectOk(t: Timing, what: string) {
  if (t.status !== 200) throw new Error(`${what} answered HTTP ${t.status}: ${t.body.slice(0, 200)}`);
}

/** /api/health and /login in turn, one every PROBE_EVERY_MS, until `until` says stop. */
async function probe(base: string, until: () => boolean, minRounds = 0) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const health: number[] = [];
  const login: number[] = [];
  for (let i = 0; i < minRounds || !until(); i++) {
    const h = await get(base, "/api/health", { agent });
    expectOk(h, "/api/health");
    health.push(h.total);
    const l = await get(base, "/login", { agent });
    expectOk(l, "/login");
    login.push(l.total);
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  agent.destroy();
  return { health, login };
}

async function main() {
  const admin = DEMO_ACCOUNTS.find(([, role]) => role === "network_admin")![0];
  const inProcess = process.env.PGLITE_IN_PROCESS === "1";
  console.log(`stall benchmark on PGlite (${inProcess ? "on the request thread: PGLITE_IN_PROCESS=1" : "worker thread"}), demo scale; ${machine()}`);
  const distDir = ensureBuild();
  const kept = process.env.BENCH_PGLITE_DIR;
  const dataDir = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), "bench-stall-"));
  const fresh = !fs.existsSync(path.join(dataDir, "pglite"));
  const portal = await startPortal({ distDir, env: { PGLITE_DIR: path.join(dataDir, "pglite") }, label: `PGlite in ${dataDir}` });
  try {
    console.log(`  ready in ${(portal.startedInMs / 1000).toFixed(1)} s (${fresh ? "fresh folder: migrate, analyse, demo seed" : "existing folder"})`);
    const cookie = await signIn(portal.base, admin, DEMO_PASSWORD);

    // Warm both paths once, then the idle floor.
    expectOk(await get(portal.base, DASHBOARD, { cookie, timeoutMs: 300_000 }), DASHBOARD);
    const idle = await probe(portal.base, () => true, 20);

    const dashboard: number[] = [];
    let done = false;
    const deadline = performance.now() + SECONDS * 1000;
    const loop = (async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        while (dashboard.length < ROUNDS && performance.now() < deadline) {
          const t = await get(portal.base, DASHBOARD, { cookie, agent, timeoutMs: 300_000 });
          expectOk(t, DASHBOARD);
          dashboard.push(t.total);
        }
      } finally {
        done = true;
        agent.destroy();
      }
    })();
    const busy = await probe(portal.base, () => done);
    await loop;

    console.log(`\n  idle:`);
    line("/api/health", idle.health);
    line("/login (signed out)", idle.login);
    console.log(`\n  while one client runs ${DASHBOARD} in a loop:`);
    line("/api/dashboard (10 years, admin)", dashboard);
    line("/api/health", busy.health);
    line("/login (signed out)", busy.login);
    const worst = Math.max(stats(busy.health).p95, stats(busy.login).p95);
    console.log(`\n  goal: /api/health and /login p95 under ${GOAL_MS} ms while the dashboard runs — ${worst < GOAL_MS ? "met" : "NOT met"} (${worst.toFixed(0)} ms)`);
    console.log(`  ${machine()} (after the run)`);
  } finally {
    await portal.stop();
    if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
