// npm run bench:dashboard -- --scale 1|3|10|30 — builds a network of 250 centres with 5,000 ×
// scale participants (bench/dashboard-build.ts) and times the dashboard's read (getDashboard:
// every block of the view, from the pre-aggregated facts) beside the same figures written as
// raw SQL over the base rows (bench/dashboard-raw.ts: node figures and short lists), for the
// network view and a regional view, over a calendar year, a rolling year and all time.
// PGlite in a temporary folder always; PostgreSQL too when DATABASE_URL is set (a fresh
// database). The database is measured as the app's start leaves it: after the bulk build the
// handle's migrate() runs again, as `npm start` does (no migration pending; it refreshes the
// planner statistics the way the db layer does), and nothing else analyses anything.
import os from "node:os";
import { sql } from "drizzle-orm";
import { queryRows, type Handle } from "@/db/client";
import { buildBenchNetwork } from "@/bench/dashboard-build";
import { rawLists, rawNodeFigures, type RawView } from "@/bench/dashboard-raw";
import { onEachDatabase, timeCallsWithCpu } from "@/bench/timing";
import type { Actor } from "@/lib/authz/actor";
import { getDashboard } from "@/lib/metrics/queries/dashboard";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

function argScale(): number {
  const i = process.argv.indexOf("--scale");
  const v = i >= 0 ? process.argv[i + 1] : process.env.BENCH_SCALE;
  const n = v === undefined ? 10 : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`--scale takes a whole number from 1 to 100 (1, 3, 10, 30), not ${v}`);
  return n;
}

const SCALE = argScale();
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TO = "2025-12-31";
const PERIODS: { label: string; from: string | null; to: string }[] = [
  { label: "calendar year 2025", from: "2025-01-01", to: TO },
  { label: "rolling year to 2025-12-15", from: "2024-12-16", to: "2025-12-15" },
  { label: "all time to 2025-12-31", from: null, to: TO },
];

/** Wall time (median, p95) of `RUNS` calls after 3 warm-up calls, and the median CPU time of one (bench/timing.ts). */
async function time(fn: () => Promise<unknown>) {
  const s = await timeCallsWithCpu(fn, RUNS, 3);
  return { ...s, cpu: s.cpu.median };
}
const fmt = (n: number) => n.toFixed(1).padStart(7);

async function run(kind: string, h: Handle) {
  console.log(`\n${kind}`);
  await h.migrate();
  const [reg] = await queryRows<{ ok: boolean }>(h.db, sql`select to_regclass('adverse_events') is not null and to_regclass('queries') is not null as ok`);
  const t0 = performance.now();
  const net = await buildBenchNetwork(h.db, reg.ok, SCALE);
  const built = performance.now() - t0;
  const t1 = performance.now();
  await h.migrate(); // what the app's start does to an existing database: nothing to migrate, statistics refreshed
  const restarted = performance.now() - t1;
  const [c] = await queryRows<{ centres: number; studies: number; sites: number; screenings: number; participants: number; specimens: number; aes: number; queries: number; facts: number }>(
    h.db,
    sql`select (select count(*) from organisations)::int as centres, (select count(*) from studies)::int as studies, (select count(*) from study_sites)::int as sites,
      (select count(*) from screenings)::int as screenings, (select count(*) from participants)::int as participants, (select count(*) from specimens)::int as specimens,
      (select count(*) from adverse_events)::int as aes, (select count(*) from queries)::int as queries, (select count(*) from metric_facts)::int as facts`,
  );
  console.log(
    `  scale ${SCALE}: built in ${(built / 1000).toFixed(1)} s (+ ${(restarted / 1000).toFixed(1)} s start-up statistics): ${c.centres} centres, ${c.studies} studies, ${c.sites} sites, ` +
      `${c.screenings} screenings, ${c.participants} participants, ${c.specimens} specimens, ${c.aes} adverse events, ${c.queries} queries; ${c.facts} metric_facts rows`,
  );
  const actor = (role: Actor["role"], o: { id: number; path: string }): Actor => ({
    id: 0, email: "bench@bench.test", name: "bench", role, centreId: o.id, centrePath: o.path, centreCode: "", centreNameZh: "", centreNameEn: "", locale: "en", sessionId: null,
  });
  const views = [
    { label: "network (admin, hub)", actor: actor("network_admin", net.hub), root: net.hub },
    { label: `regional (coordinator, ${net.regional.code})`, actor: actor("centre_coordinator", net.regional), root: net.regional },
  ];
  console.log(`  ${"view".padEnd(34)} ${"period".padEnd(28)} ${"getDashboard (facts): wall median, p95; cpu".padStart(44)}   ${"raw SQL over base rows: wall median, p95; cpu".padStart(46)}   ratio`);
  for (const v of views) {
    const depth = v.root.path.split("/").filter(Boolean).length - 1;
    for (const p of PERIODS) {
      const to = p.to;
      const fn = await time(async () => {
        const d = await getDashboard(v.actor, { ...(p.from ? { from: p.from } : {}), to }, h.db);
        if (!d || d.nodes.length === 0) throw new Error("empty view");
      });
      const rv: RawView = { rootId: v.root.id, rootPath: v.root.path, maxDepth: depth + 2, withOwn: true, onlyCentre: null, studies: null, from: p.from, to, zone: NETWORK_TIME_ZONE };
      const raw = await time(async () => {
        await h.db.execute(rawNodeFigures(rv));
        await h.db.execute(rawLists(rv));
      });
      console.log(
        `  ${v.label.padEnd(34)} ${p.label.padEnd(28)} median ${fmt(fn.median)} p95 ${fmt(fn.p95)} cpu ${fmt(fn.cpu)}     median ${fmt(raw.median)} p95 ${fmt(raw.p95)} cpu ${fmt(raw.cpu)}   ${(fn.median / raw.median).toFixed(3)}`,
      );
    }
  }
}

async function main() {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`dashboard benchmark, scale ${SCALE}: ${RUNS} runs per figure after 3 warm-up runs; times in ms; load average ${load()} on ${os.cpus().length} cores`);
  await onEachDatabase("dashboard", run);
  console.log(`\nload average at the end: ${load()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
