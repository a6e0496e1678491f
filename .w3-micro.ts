import { sql } from "drizzle-orm";
import { openPglite } from "@/db/client";
import { buildBenchNetwork } from "@/bench/dashboard-build";
async function main() {
  const h = await openPglite(null);
  await h.migrate();
  await buildBenchNetwork(h.db, true, 1);
  await h.migrate();
  const run = async (label: string, q: string) => { const r: number[] = []; for (let i = 0; i < 15; i++) { const a = performance.now(); await h.db.execute(sql.raw(q)); r.push(performance.now() - a); } r.sort((a, b) => a - b); console.log(label, r[3].toFixed(2), r[7].toFixed(2)); };
  await run("select 1", "select 1");
  await run("unnest path", "select count(*) from organisations c cross join lateral unnest(string_to_array(trim(both '/' from c.path), '/')) with ordinality as a(id, pos) where c.path like '/1/%' and a.pos - 1 between 0 and 2");
  await run("like join", "with n as (select id, path from organisations where path like '/1/%' and depth <= 2) select count(*) from organisations c join n on c.path like n.path || '%' where c.path like '/1/%'");
  await run("cte mat unnest", "with cn as materialized (select c.id as centre_id, a.id::int as node_id from organisations c cross join lateral unnest(string_to_array(trim(both '/' from c.path), '/')) with ordinality as a(id, pos) where c.path like '/1/%' and a.pos - 1 between 0 and 2), ce as materialized (select distinct centre_id from cn) select count(*) from ce");
  await run("facts -1 all", "select centre_id, sum(enrolled), sum(screened), sum(aes) from metric_facts where grain = 0 and study_id = -1 group by 1");
  await run("hist -1 all", "select centre_id, days, sum(n) from metric_enrol_days where grain = 0 and study_id = -1 group by 1, 2");
  await run("seq facts", "select count(*) from metric_facts");
  const { queryRows } = await import("@/db/client");
  console.log(await queryRows(h.db, sql`select relname, n_live_tup, n_dead_tup, pg_relation_size(relid) as bytes from pg_stat_user_tables where relname like 'metric%' order by 1`));
  console.log((await queryRows<any>(h.db, sql`explain (analyze, buffers) select centre_id, days, sum(n) from metric_enrol_days where grain = 0 and study_id = -1 group by 1, 2`)).map((r) => r["QUERY PLAN"]).join("\n"));
  await h.close();
}
main();
