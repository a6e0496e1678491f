import { sql } from "drizzle-orm";
import { openPglite, queryRows } from "@/db/client";
import { buildBenchNetwork } from "@/bench/dashboard-build";
import { getDashboardShell, getDashboardFigures, getDashboardLists } from "@/lib/metrics/queries/dashboard";
import { nodeFigures } from "@/lib/metrics/sql/node-figures";
import { shortLists } from "@/lib/metrics/sql/short-lists";
import { countedFacts, dashboardReach } from "@/lib/metrics/scope";
async function main() {
  const h = await openPglite(null);
  await h.migrate();
  const net = await buildBenchNetwork(h.db, true, Number(process.env.S ?? 1));
  await h.migrate();
  const actor: any = { id: 0, role: "network_admin", centreId: net.hub.id, centrePath: net.hub.path };
  const params = { to: "2025-12-31" as string, ...(process.env.FROM ? { from: process.env.FROM } : {}) };
  for (const [name, f] of [["shell", getDashboardShell], ["figures", getDashboardFigures], ["lists", getDashboardLists]] as const) {
    const ms: number[] = []; const cpu: number[] = [];
    for (let i = 0; i < 8; i++) { const c = process.cpuUsage(); const t = performance.now(); await (f as any)(actor, params, h.db); ms.push(performance.now() - t); const d = process.cpuUsage(c); cpu.push((d.user + d.system) / 1000); }
    console.log(name, "wall", ms.map((x) => x.toFixed(0)).join(" "), "| cpu", cpu.map((x) => x.toFixed(0)).join(" "));
  }
  const v: any = { today: "2026-12-02", rootId: net.hub.id, rootPath: net.hub.path, maxDepth: 2, withOwn: true, ...countedFacts(actor, dashboardReach(actor), null), from: params.from ?? null, to: params.to };
  const which = process.env.Q ?? "figures";
  const q = which === "figures" ? nodeFigures(v) : shortLists(v);
  for (const qq of [nodeFigures(v), shortLists(v)]) {
    const pl: number[] = [];
    for (let i = 0; i < 5; i++) { const r = await queryRows<any>(h.db, sql`explain (summary on) ${qq}`); pl.push(Number(String(r.at(-1)["QUERY PLAN"]).match(/[\d.]+/)![0])); }
    console.log("planning ms", pl.join(" "));
  }
  if (process.env.EXPLAIN) { const res = await queryRows<any>(h.db, sql`explain (analyze, timing on) ${q}`);
  console.log(res.map((r) => r["QUERY PLAN"]).join("\n")); }
  await h.close();
}
main();
