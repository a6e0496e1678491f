import { sql, type SQL } from "drizzle-orm";
import { bucketTable, countedStudies, dayInPeriod, factsInRanges, viewBuckets } from "@/lib/metrics/sql/buckets";
import { siteEnrolCte, siteRowsCte } from "@/lib/metrics/sql/site-rows";
import { nodeCtes, type ViewSql } from "@/lib/metrics/sql/view";

/**
 * Every figure of every node of a view, as CTEs over the facts (db/schema/metrics-facts.ts)
 * ending in node_out: one row per node (the root's own centre as node −root), zero where a node
 * has no fact. Its cost follows centres × buckets: facts are summed per centre first, then over
 * centre_node (each centre paired with every view node above it). Every CTE is materialized:
 * inlined, the planner searched join orders over all of them at once, and planning alone took
 * longer than running the statement.
 *
 * - counters of the period, to date and of the last three months from metric_facts, each
 *   through its own signed bucket set (one pass through a small table of bucket ranges, each an
 *   index range scan; a row counts +1, −1 or 0 in each set), from the centres' all-studies
 *   rows when the view counts every study;
 * - "withdrawn" counts those enrolled in the period who are withdrawn now, less those withdrawn
 *   only after the period's end (an index range over withdrawals after the end: none when the
 *   period ends today);
 * - sites, targets, expected enrolment and flags from the study sites (site-rows.ts);
 * - queries not closed now, and the oldest of them, from metric_site_state;
 * - specimens by type from metric_specimens, the median days from screening to enrolment from
 *   the histogram metric_enrol_days (window sums find the middle one or two values).
 */
export function nodeFigureCtes(v: ViewSql): SQL {
  const b = viewBuckets(v);
  const counter = (col: string, set: "p" | "t" | "l") => sql`coalesce(sum(f.${sql.raw(col)} * r.${sql.raw(set)}), 0)`;
  return sql`${nodeCtes(v)},
  facts as materialized (
    select f.centre_id,
      ${counter("enrolled", "t")} as enrolled_to_date,
      ${counter("enrolled", "p")} as enrolled,
      ${counter("enrolled", "l")} as enrolled_last3m,
      ${counter("enrolled_withdrawn", "p")} as withdrawn,
      ${counter("screened", "p")} as screened,
      ${counter("screen_failed", "p")} as screen_failed,
      ${counter("aes", "p")} as aes,
      ${counter("saes", "p")} as saes,
      ${counter("late_saes", "p")} as late_saes,
      ${counter("queries_opened", "p")} as queries_opened,
      ${counter("queries_closed", "p")} as queries_closed
    from ${bucketTable("r", { p: b.period, t: b.toDate, l: b.last3m })}
    ${factsInRanges("metric_facts", "r", "f", (x) => sql`${countedStudies(v, sql`${x}.study_id`)} and ${x}.centre_id in (select centre_id from centres)`)}
    group by f.centre_id
  ),
  ${siteEnrolCte(v, b.toDate)},
  ${siteRowsCte(v)},
  late_withdrawn as materialized (
    select ss.centre_id, count(*) as n
    from participants p join study_sites ss on ss.id = p.enrol_site_id
    where p.withdrawn_on > ${v.to}::date and ${dayInPeriod(v, sql`p.enrolled_on`)} and ${v.studyCond(sql`p.study_id`)}
      and ss.centre_id in (select centre_id from centres)
    group by ss.centre_id
  ),
  per_centre as materialized (
    select c.centre_id,
      coalesce(fc.enrolled, 0) as enrolled, coalesce(fc.enrolled_to_date, 0) as enrolled_to_date, coalesce(fc.enrolled_last3m, 0) as enrolled_last3m,
      coalesce(fc.withdrawn, 0) - coalesce(lw.n, 0) as withdrawn,
      coalesce(fc.screened, 0) as screened, coalesce(fc.screen_failed, 0) as screen_failed,
      coalesce(fc.aes, 0) as aes, coalesce(fc.saes, 0) as saes, coalesce(fc.late_saes, 0) as late_saes,
      coalesce(fc.queries_opened, 0) as queries_opened, coalesce(fc.queries_closed, 0) as queries_closed,
      coalesce(sc.sites, 0) as sites, coalesce(sc.active_sites, 0) as active_sites, coalesce(sc.target, 0) as target,
      coalesce(sc.expected, 0) as expected, coalesce(sc.dormant_sites, 0) as dormant_sites, coalesce(sc.lagging_sites, 0) as lagging_sites,
      sc.last_on, coalesce(qs.open_queries, 0) as open_queries, coalesce(qs.answered_queries, 0) as answered_queries, qs.oldest
    from centres c
    left join facts fc on fc.centre_id = c.centre_id
    left join (
      select r.centre_id, count(*) as sites, count(*) filter (where r.status = 'active') as active_sites, sum(r.target) as target,
        sum(r.expected) as expected, count(*) filter (where r.dormant) as dormant_sites, count(*) filter (where r.lagging) as lagging_sites,
        max(r.last_on) as last_on
      from site_rows r group by r.centre_id
    ) sc on sc.centre_id = c.centre_id
    left join late_withdrawn lw on lw.centre_id = c.centre_id
    left join (
      select st.centre_id, sum(st.open_queries) as open_queries, sum(st.answered_queries) as answered_queries, min(st.oldest_unclosed_at) as oldest
      from metric_site_state st
      where ${v.studyCond(sql`st.study_id`)} and st.centre_id in (select centre_id from centres)
      group by st.centre_id
    ) qs on qs.centre_id = c.centre_id
  ),
  rolled as materialized (
    select cn.node_id,
      sum(pc.enrolled)::int as enrolled, sum(pc.enrolled_to_date)::int as enrolled_to_date, sum(pc.enrolled_last3m)::int as enrolled_last3m,
      sum(pc.withdrawn)::int as withdrawn, sum(pc.screened)::int as screened, sum(pc.screen_failed)::int as screen_failed,
      sum(pc.aes)::int as aes, sum(pc.saes)::int as saes, sum(pc.late_saes)::int as late_saes,
      sum(pc.queries_opened)::int as queries_opened, sum(pc.queries_closed)::int as queries_closed,
      sum(pc.sites)::int as sites, sum(pc.active_sites)::int as active_sites, sum(pc.target)::int as target, sum(pc.expected)::float8 as expected,
      sum(pc.dormant_sites)::int as dormant_sites, sum(pc.lagging_sites)::int as lagging_sites, max(pc.last_on) as last_on,
      sum(pc.open_queries)::int as open_queries, sum(pc.answered_queries)::int as answered_queries, min(pc.oldest) as oldest
    from centre_node cn join per_centre pc on pc.centre_id = cn.centre_id
    group by cn.node_id
  ),
  specimen_types as materialized (
    select cn.node_id, x.type, sum(x.collected)::int as n, sum(x.of_participants)::int as np
    from (
      select m.centre_id, m.type::text as type, sum(m.collected * r.p) as collected, sum(m.of_participants * r.p) as of_participants
      from ${bucketTable("r", { p: b.period })}
      ${factsInRanges("metric_specimens", "r", "m", (x) => sql`${countedStudies(v, sql`${x}.study_id`)} and ${x}.centre_id in (select centre_id from centres)`)}
      group by m.centre_id, m.type
    ) x join centre_node cn on cn.centre_id = x.centre_id
    group by cn.node_id, x.type
    having sum(x.collected) <> 0
  ),
  specimens as materialized (
    select node_id, sum(n)::int as specimens, sum(np)::int as participant_specimens, jsonb_object_agg(type, n) as specimens_by_type
    from specimen_types group by node_id
  ),
  hist as materialized (
    -- Summed per (node, day count) before the window sorts them: a few hundred rows, not one per centre and ancestor.
    select cn.node_id, d.days, sum(d.n)::bigint as n
    from (
      select h.centre_id, h.days, sum(h.n * r.p) as n
      from ${bucketTable("r", { p: b.period })}
      ${factsInRanges("metric_enrol_days", "r", "h", (x) => sql`${countedStudies(v, sql`${x}.study_id`)} and ${x}.centre_id in (select centre_id from centres)`)}
      group by h.centre_id, h.days
      having sum(h.n * r.p) <> 0
    ) d join centre_node cn on cn.centre_id = d.centre_id
    group by 1, 2
  ),
  med as materialized (
    select node_id, ((min(days) filter (where upto >= (total + 1) / 2)) + (min(days) filter (where upto >= total / 2 + 1))) / 2.0 as median
    from (
      select node_id, days, sum(n) over (partition by node_id order by days)::bigint as upto, sum(n) over (partition by node_id)::bigint as total from hist
    ) c
    group by node_id
  ),
  node_out as materialized (
    select n.node_id, o.code, o.name_zh, o.name_en, o.level, o.parent_id, o.depth, o.active,
    coalesce(r.sites, 0) as sites, coalesce(r.active_sites, 0) as active_sites, coalesce(r.target, 0) as target,
    coalesce(r.expected, 0)::float8 as expected, coalesce(r.dormant_sites, 0) as dormant_sites, coalesce(r.lagging_sites, 0) as lagging_sites,
    coalesce(r.enrolled, 0) as enrolled, coalesce(r.enrolled_to_date, 0) as enrolled_to_date, coalesce(r.enrolled_last3m, 0) as enrolled_last3m,
    coalesce(r.withdrawn, 0) as withdrawn, to_char(r.last_on, 'YYYY-MM-DD') as last_enrolled_on, m.median::float8 as median_days_to_enrol,
    coalesce(r.screened, 0) as screened, coalesce(r.screen_failed, 0) as screen_failed,
    coalesce(sp.specimens, 0) as specimens, coalesce(sp.participant_specimens, 0) as participant_specimens, coalesce(sp.specimens_by_type, '{}'::jsonb) as specimens_by_type,
    coalesce(r.open_queries, 0) as open_queries, coalesce(r.answered_queries, 0) as answered_queries,
    floor(extract(epoch from (now() - r.oldest)) / 86400)::int as oldest_unclosed_query_days,
    coalesce(r.queries_opened, 0) as queries_opened, coalesce(r.queries_closed, 0) as queries_closed,
    coalesce(r.aes, 0) as aes, coalesce(r.saes, 0) as saes, coalesce(r.late_saes, 0) as late_saes
  from view_nodes n
  join organisations o on o.id = n.org_id
  left join rolled r on r.node_id = n.node_id
  left join specimens sp on sp.node_id = n.node_id
  left join med m on m.node_id = n.node_id
  )`;
}

/** The nodes' figures alone, one row per node (NodeRow), root first. */
export function nodeFigures(v: ViewSql): SQL {
  return sql`with ${nodeFigureCtes(v)} select * from node_out order by (node_id < 0), depth, code`;
}
