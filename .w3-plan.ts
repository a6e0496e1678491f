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
  const v: any = { today: "2026-12-02", rootId: net.hub.id, rootPath: net.hub.path, maxDepth: 2, withOwn: true, ...countedFacts(actor, dashboardReach(actor), null), from: null, to: "2025-12-31" };
  const full = (await h.db.dialect.sqlToQuery(nodeFigures(v) as any));
  let text = full.sql; const params = full.params;
  // inline params for experiments
  text = text.replace(/\$(\d+)/g, (_: string, i: string) => { const p = params[Number(i) - 1]; return typeof p === "number" ? String(p) : `'${p}'`; });
  const run = async (t: string) => { const r: number[] = []; for (let i = 0; i < 9; i++) { const a = performance.now(); await h.db.execute(sql.raw(t)); r.push(performance.now() - a); } r.sort((a, b) => a - b); return r[2].toFixed(1); };
  const time = async (t: string) => { const r: number[] = []; for (let i = 0; i < 7; i++) { const x = await queryRows<any>(h.db, sql.raw(`explain (summary on) ${t}`)); r.push(Number(String(x.at(-1)["QUERY PLAN"]).match(/[\d.]+/)![0])); } return Math.min(...r).toFixed(1); };
  console.log("full", await time(text));
  { const r: number[] = []; for (let i = 0; i < 7; i++) { const x = await queryRows<any>(h.db, sql`explain (summary on) ${nodeFigures(v)}`); r.push(Number(String(x.at(-1)["QUERY PLAN"]).match(/[\d.]+/)![0])); } console.log("params", r.join(" ")); }
  const finalSel = text.lastIndexOf("select n.node_id");
  console.log("exec full", await run(text));
  console.log("exec full counted", await run(text.slice(0, finalSel) + "select count(*) from (" + text.slice(finalSel) + ") z"));
  console.log("exec full again", await run(text));
  for (const cte of ["centre_node", "facts", "site_enrol", "site_rows", "late_withdrawn", "per_centre", "rolled", "specimen_types", "hist", "med"]) {
    console.log(`exec upto ${cte}:`, await run(text.slice(0, finalSel) + `select count(*) from ${cte}`));
  }
  for (const cte of ["rolled", "specimens", "med", "per_centre"]) {
    console.log(`final select only ${cte}:`, await time(text.slice(0, finalSel) + `select * from ${cte}`));
  }
  console.log("facts only", await time(text.slice(0, finalSel) + `select * from facts`));
  console.log("site_rows only", await time(text.slice(0, finalSel) + `select * from site_rows`));
  await h.close();
}
main();
