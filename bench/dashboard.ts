// npm run bench:dashboard — builds a network at ten times the demo scale and times the
// dashboard read (network view and a regional view) against the same aggregate
// written as one raw SQL query. PGlite in a temp folder always; PostgreSQL too when
// DATABASE_URL is set (in a fresh database).
import { sql } from "drizzle-orm";
import { queryRows, type Handle } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { getDashboard } from "@/lib/metrics/queries/dashboard";
import { buildBenchNetwork } from "@/bench/dashboard-build";
import { rawNodeFigures } from "@/bench/dashboard-raw";
import { onEachDatabase, timeCalls } from "@/bench/timing";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TO = "2025-12-31";
const FROM = "2025-01-01";

const time = (fn: () => Promise<unknown>) => timeCalls(fn, RUNS, 3);

const fmt = (n: number) => n.toFixed(1).padStart(7);

async function run(kind: string, h: Handle) {
  console.log(`\n${kind}`);
  await h.migrate();
  const [reg] = await queryRows<{ ok: boolean }>(h.db, sql`select to_regclass('adverse_events') is not null and to_regclass('queries') is not null as ok`);
  const followUp = reg.ok;
  const t0 = performance.now();
  const net = await buildBenchNetwork(h.db, followUp);
  const [c] = await queryRows<{ centres: number; studies: number; sites: number; screenings: number; participants: number; specimens: number }>(
    h.db,
    sql`select (select count(*) from organisations)::int as centres, (select count(*) from studies)::int as studies, (select count(*) from study_sites)::int as sites,
      (select count(*) from screenings)::int as screenings, (select count(*) from participants)::int as participants, (select count(*) from specimens)::int as specimens`,
  );
  const fuCounts = followUp
    ? (await queryRows<{ aes: number; queries: number }>(h.db, sql`select (select count(*) from adverse_events)::int as aes, (select count(*) from queries)::int as queries`))[0]
    : null;
  console.log(
    `  built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${c.centres} centres, ${c.studies} studies, ${c.sites} sites, ${c.screenings} screenings, ` +
      `${c.participants} participants, ${c.specimens} specimens` +
      (fuCounts ? `, ${fuCounts.aes} adverse events, ${fuCounts.queries} queries` : " (no follow-up tables)"),
  );
  const actor = (role: Actor["role"], o: { id: number; path: string }): Actor => ({
    id: 0, email: "bench@bench.test", name: "bench", role, centreId: o.id, centrePath: o.path, centreCode: "", centreNameZh: "", centreNameEn: "", locale: "en", sessionId: null,
  });
  const views = [
    { label: "network view (admin, hub)", actor: actor("network_admin", net.hub), root: net.hub },
    { label: `regional view (coordinator, ${net.regional.code})`, actor: actor("centre_coordinator", net.regional), root: net.regional },
  ];
  console.log(`  ${"".padEnd(40)} ${"getDashboard".padStart(26)}   ${"one raw SQL query".padStart(26)}   ratio (median)`);
  for (const v of views) {
    const depth = v.root.path.split("/").filter(Boolean).length - 1;
    const fn = await time(async () => {
      const d = await getDashboard(v.actor, { from: FROM, to: TO }, h.db);
      if (!d || d.nodes.length === 0) throw new Error("empty view");
    });
    const raw = await time(() => h.db.execute(rawNodeFigures(v.root.path, depth + 2, FROM, TO, followUp)));
    console.log(
      `  ${v.label.padEnd(40)} median ${fmt(fn.median)} p95 ${fmt(fn.p95)}   median ${fmt(raw.median)} p95 ${fmt(raw.p95)}   ${(fn.median / raw.median).toFixed(2)}`,
    );
  }
}

async function main() {
  console.log(`dashboard benchmark: ${RUNS} runs per figure after 3 warm-up runs; period ${FROM} to ${TO}; times in ms`);
  await onEachDatabase("dashboard", run);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
