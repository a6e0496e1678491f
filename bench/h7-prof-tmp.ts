import fs from "node:fs";
import { sql } from "drizzle-orm";
import { openPglite, queryRows } from "@/db/client";
import { buildBenchNetwork } from "@/bench/dashboard-build";
import { resolveView } from "@/lib/metrics/scope";
import { followUpFamily, screeningFamily, specimenFamily } from "@/lib/metrics/sql/families";
import { accrualFamily } from "@/lib/metrics/sql/accrual-family";
import { loadDashboard } from "@/lib/metrics/dashboard-data";
import { topReasons, viewNodes } from "@/lib/metrics/sql/lists";

async function main() {

const dir = "/tmp/h7-prof/db";
const fresh = !fs.existsSync(dir);
const h = await openPglite(dir);
await h.migrate();
if (fresh) await buildBenchNetwork(h.db, true);
const [hub] = await queryRows<{ id: number; path: string }>(h.db, sql`select id, path from organisations where parent_id is null`);
const actor = { id: 0, role: "network_admin" as const, centreId: hub.id, centrePath: hub.path };
const view = (await resolveView(h.db, actor, { from: "2025-01-01", to: "2025-12-31" }))!;
const v = view.sql;
const qs = { viewNodes: viewNodes(v), accrual: accrualFamily(v, hub.id), screen: screeningFamily(v), spec: specimenFamily(v), fu: followUpFamily(v), reasons: topReasons(v) };
for (const [k, q] of Object.entries(qs)) {
  for (let i = 0; i < 2; i++) await h.db.execute(q);
  const t = performance.now();
  for (let i = 0; i < 5; i++) await h.db.execute(q);
  console.log(k.padEnd(10), ((performance.now() - t) / 5).toFixed(1), "ms");
}
{ const t = performance.now(); for (let i = 0; i < 10; i++) await loadDashboard(h.db, actor, { from: "2025-01-01", to: "2025-12-31" }); console.log("whole", ((performance.now() - t) / 10).toFixed(1)); }
if (process.env.EXPLAIN) {
  const q = (qs as Record<string, ReturnType<typeof viewNodes>>)[process.env.EXPLAIN];
  const rows = await queryRows<Record<string, string>>(h.db, sql`explain analyze ${q}`);
  for (const r of rows) console.log(Object.values(r)[0]);
}
await h.close();

}
main();
