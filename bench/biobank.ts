// npm run bench:biobank — builds the demo-scale bank and times the real query functions.
// PGlite in a temp folder always; PostgreSQL too when DATABASE_URL is set (in a fresh database).
import { sql } from "drizzle-orm";
import { queryRows, type Handle } from "@/db/client";
import { seedNetwork } from "@/seed/network";
import { seedBiobank } from "@/seed/biobank";
import type { Actor } from "@/lib/authz/actor";
import { searchSpecimens, specimenCounts } from "@/lib/biobank/queries/search";
import { specimenByBarcode } from "@/lib/biobank/queries/specimens";
import type { SpecimenFilters } from "@/lib/biobank/filters";
import { PARENTS } from "@/seed/biobank-plan";
import { onEachDatabase, timeCalls } from "@/bench/timing";

const RUNS = Number(process.env.BENCH_RUNS ?? 60);

async function time(label: string, fn: (i: number) => Promise<unknown>) {
  const { median, p95 } = await timeCalls(fn, RUNS, 5);
  console.log(`  ${label.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`);
}

async function run(kind: string, h: Handle) {
  console.log(`\n${kind}`);
  await h.migrate();
  await seedNetwork(h.db);
  const t0 = performance.now();
  await seedBiobank(h.db);
  const [c] = await queryRows<{ n: number; tissue: number }>(h.db, sql`select count(*)::int as n, count(*) filter (where category = 'tissue')::int as tissue from specimens`);
  console.log(`  seed: ${c.n} specimens (${c.tissue} tissue) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await h.db.execute(sql`analyze`);
  const [hub] = await queryRows<{ id: number; path: string }>(h.db, sql`select id, path from organisations where code = 'TJ01'`);
  const [r01] = await queryRows<{ id: number; path: string }>(h.db, sql`select id, path from organisations where code = 'R01'`);
  const actor = (role: Actor["role"], o: { id: number; path: string }): Actor => ({
    id: 0, email: "bench@ncrc.demo", name: "bench", role, centreId: o.id, centrePath: o.path, centreCode: "", centreNameZh: "", centreNameEn: "", locale: "en", sessionId: null,
  });
  const bank = actor("biobank_manager", hub);
  const admin = actor("network_admin", hub);
  const coord = actor("centre_coordinator", r01);
  const types = ["plasma", "serum", "ffpe_block", "fresh_frozen", "urine"] as const;
  const filtered = (i: number): SpecimenFilters => ({ type: types[i % types.length], status: "available", from: `${2017 + (i % 8)}-01-01`, to: `${2018 + (i % 8)}-06-30`, page: 1 + (i % 3) });

  await time("barcode lookup (hub biobank manager)", (i) => specimenByBarcode(bank, `NB${String(1 + ((i * 7919) % PARENTS)).padStart(9, "0")}`, h.db));
  await time("search page, type+status+dates (hub)", (i) => searchSpecimens(bank, filtered(i), h.db));
  await time("search page, no filter (network admin)", (i) => searchSpecimens(admin, { page: 1 + (i % 5) }, h.db));
  await time("search page, centre subtree (coordinator)", (i) => searchSpecimens(coord, { status: "available", page: 1 + (i % 2) }, h.db));
  await time("counts by type and centre (hub, filtered)", (i) => specimenCounts(bank, filtered(i), h.db));
  await time("counts by type and centre (network, all)", () => specimenCounts(admin, {}, h.db));
}

async function main() {
  await onEachDatabase("biobank", run);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
