// npm run bench:pages — time to first byte and to the last byte for the main pages of each demo
// role, signed in, beside /api/health as the floor.
//
// BENCH_URL=http://127.0.0.1:3000: measures that running server (its demo accounts).
// Otherwise starts the built portal on a fresh embedded database at demo scale, exactly as
// `npm start` leaves it, and, when DATABASE_URL is set, again on a new database on that
// PostgreSQL server (dropped afterwards). BENCH_RUNS (10) timed requests per page after 2.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { stats } from "@/bench/timing";
import { ensureBuild, get, machine, signIn, startPortal, type Portal } from "@/bench/portal";
import { can } from "@/lib/authz/can";
import { NAV_ITEMS } from "@/lib/navigation";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/seed/network-data";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = 2;
const GOAL_MS = 100;

const ms = (n: number) => n.toFixed(0).padStart(5);

/** One account per role, in the order the demo lists them. */
function roleAccounts() {
  const seen = new Set<string>();
  return DEMO_ACCOUNTS.filter(([, role]) => !seen.has(role) && seen.add(role)).map(([email, role]) => ({ email, role }));
}

async function measure(base: string, pathname: string, cookie: string | undefined, agent: http.Agent) {
  const ttfb: number[] = [];
  const total: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t = await get(base, pathname, { cookie, agent });
    status = t.status;
    bytes = t.bytes;
    if (i < WARMUP) continue;
    ttfb.push(t.ttfb);
    total.push(t.total);
  }
  return { status, bytes, ttfb: stats(ttfb), total: stats(total) };
}

async function run(label: string, base: string) {
  console.log(`\n${label} (${base}); ${RUNS} requests per page after ${WARMUP}; times in ms`);
  console.log(`  ${"page".padEnd(30)} status   first byte median   p95    last byte median   p95      kB`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const row = (page: string, r: Awaited<ReturnType<typeof measure>>) =>
    console.log(
      `  ${page.padEnd(30)} ${String(r.status).padStart(6)}   ${ms(r.ttfb.median).padStart(17)} ${ms(r.ttfb.p95)}   ${ms(r.total.median).padStart(16)} ${ms(r.total.p95)}   ${(r.bytes / 1024).toFixed(0).padStart(5)}`,
    );
  const floor = await measure(base, "/api/health", undefined, agent);
  row("/api/health (floor)", floor);
  let worst = { page: "", p95: 0 };
  for (const { email, role } of roleAccounts()) {
    const cookie = await signIn(base, email, DEMO_PASSWORD);
    console.log(`  ${role} (${email})`);
    for (const item of NAV_ITEMS.filter((n) => can({ role }, n.permission))) {
      const r = await measure(base, item.href, cookie, agent);
      row(`  ${item.href}`, r);
      if (r.ttfb.p95 > worst.p95) worst = { page: `${item.href} as ${role}`, p95: r.ttfb.p95 };
    }
  }
  agent.destroy();
  console.log(`  goal: every page's first byte under ${GOAL_MS} ms p95 — ${worst.p95 < GOAL_MS ? "met" : "NOT met"} (slowest: ${worst.page}, ${worst.p95.toFixed(0)} ms)`);
}

async function onPortal(label: string, env: Record<string, string>, cleanup: () => Promise<void>) {
  let portal: Portal | null = null;
  try {
    portal = await startPortal({ distDir: ensureBuild(), env, label });
    console.log(`  ready in ${(portal.startedInMs / 1000).toFixed(1)} s (database: ${portal.database})`);
    await run(label, portal.base);
  } finally {
    await portal?.stop();
    await cleanup();
  }
}

/**
 * A new empty database on the server at `url`, for one portal run. With DATABASE_OWNER_URL set
 * (the two roles of db/roles.ts) the owner creates it and the portal gets both URLs, as
 * `.ci/run` sets them: it migrates as the owner and serves as the app's role.
 */
async function scratchDatabase(url: string) {
  const { Client } = await import("pg");
  const name = `bench_pages_${randomBytes(5).toString("hex")}`;
  const ownerUrl = process.env.DATABASE_OWNER_URL || null;
  const admin = new Client({ connectionString: ownerUrl ?? url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const inDb = (base: string) => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    env: { DATABASE_URL: inDb(url), ...(ownerUrl ? { DATABASE_OWNER_URL: inDb(ownerUrl) } : {}) },
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  console.log(`pages benchmark; ${machine()}`);
  if (process.env.BENCH_URL) {
    await run("running server", process.env.BENCH_URL.replace(/\/$/, ""));
    return;
  }
  // BENCH_SKIP_PGLITE=1: PostgreSQL only.
  if (process.env.BENCH_SKIP_PGLITE !== "1") {
    const kept = process.env.BENCH_PGLITE_DIR;
    const dataDir = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), "bench-pages-"));
    await onPortal("PGlite, demo scale", { PGLITE_DIR: path.join(dataDir, "pglite") }, async () => {
      if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
    });
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = await scratchDatabase(url);
    await onPortal("PostgreSQL, demo scale", db.env, db.drop);
  } else {
    console.log("\n(set DATABASE_URL to also run on PostgreSQL)");
  }
  console.log(`\n${machine()} (after the run)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
