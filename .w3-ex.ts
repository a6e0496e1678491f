import { sql } from "drizzle-orm";
import { openPglite, queryRows } from "@/db/client";
import { buildBenchNetwork } from "@/bench/dashboard-build";
import { nodeFigures } from "@/lib/metrics/sql/node-figures";
import { countedFacts, dashboardReach } from "@/lib/metrics/scope";
async function main() {
  const h = await openPglite(null);
  await h.migrate();
  const net = await buildBenchNetwork(h.db, true, Number(process.env.S ?? 1));
  await h.migrate();
  const actor: any = { id: 0, role: "network_admin", centreId: net.hub.id, centrePath: net.hub.path };
  const v: any = { today: "2026-12-02", rootId: net.hub.id, rootPath: net.hub.path, maxDepth: 2, withOwn: true, ...countedFacts(actor, dashboardReach(actor), null), from: process.env.FROM ?? null, to: "2025-12-31" };
  const full = (await h.db.dialect.sqlToQuery(nodeFigures(v) as any));
  let text = full.sql; const params = full.params;
  text = text.replace(/\$(\d+)/g, (_: string, i: string) => { const p = params[Number(i) - 1]; return typeof p === "number" ? String(p) : `'${p}'`; });
  const finalSel = text.lastIndexOf("select n.node_id");
  const cte = process.env.CTE ?? "facts";
  const res = await queryRows<any>(h.db, sql.raw(`explain (analyze, timing on, summary on) ${text.slice(0, finalSel)} select count(*) from ${cte}`));
  console.log(res.map((r) => r["QUERY PLAN"]).join("\n"));
  await h.close();
}
main();
