// The node figures of one dashboard view written by hand as ONE SQL statement with literal
// values (no builders, no parameters, no lists): the yardstick the dashboard read is measured
// against. Same strategy as the engine: facts aggregated per centre, then summed over the
// (centre, node above it) pairs; the median from a histogram of days.
import { sql, type SQL } from "drizzle-orm";

export function rawNodeFigures(rootPath: string, maxDepth: number, from: string, to: string, followUp: boolean): SQL {
  if (!/^(\/\d+)+\/$/.test(rootPath) || ![from, to].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))) throw new Error("bad input");
  const period = (col: string) => `${col} between date '${from}' and date '${to}'`;
  const frac = `least(1.0, greatest(0.0, (date '${to}' - s.planned_start)::numeric / nullif(s.planned_end - s.planned_start, 0)))`;
  const fu = followUp
    ? `,
    fu as (
      select cn.node_id, sum(x.open_q)::int as open_queries, min(x.oldest) as oldest, sum(x.aes)::int as aes, sum(x.saes)::int as saes, sum(x.late)::int as late_saes
      from (
        select p.centre_id, count(*) as open_q, min(q.opened_at) as oldest, 0 as aes, 0 as saes, 0 as late
          from queries q join participants p on p.id = q.participant_id where q.status = 'open' group by p.centre_id
        union all
        select p.centre_id, 0, null, count(*), count(*) filter (where a.serious), count(*) filter (where a.serious and a.report_late)
          from adverse_events a join participants p on p.id = a.participant_id where ${period("a.onset_on")} group by p.centre_id
      ) x join centre_node cn on cn.centre_id = x.centre_id
      group by cn.node_id
    )`
    : "";
  return sql.raw(`
    with view_nodes as (select id, path from organisations where path like '${rootPath}%' and depth <= ${maxDepth}),
    centre_node as materialized (
      select c.id as centre_id, n.id as node_id from organisations c join view_nodes n on c.path like n.path || '%' where c.path like '${rootPath}%'
    ),
    facts as materialized (
      select p.enrol_site_id, ss.centre_id, p.enrolled_on, p.status, p.screening_id
      from participants p join study_sites ss on ss.id = p.enrol_site_id
      where p.enrolled_on <= date '${to}' and ss.centre_id in (select centre_id from centre_node)
    ),
    site_enrol as (select enrol_site_id, count(*) as n, max(enrolled_on) as last_on from facts group by enrol_site_id),
    sites as (
      select cn.node_id, sum(x.sites) as sites, sum(x.active_sites) as active_sites, sum(x.target) as target, sum(x.expected) as expected,
        sum(x.dormant) as dormant, sum(x.lagging) as lagging
      from (
        select ss.centre_id, count(*) as sites, count(*) filter (where ss.status = 'active') as active_sites, sum(ss.target) as target,
          sum(case when ss.status = 'pending' then 0 else ss.target * coalesce(${frac}, 0) end) as expected,
          count(*) filter (where ss.status = 'active' and s.status = 'recruiting' and coalesce(se.last_on, ss.created_at::date) <= date '${to}' - 60) as dormant,
          count(*) filter (where ss.status = 'active' and s.status = 'recruiting' and coalesce(se.n, 0) < 0.5 * ss.target * coalesce(${frac}, 0)) as lagging
        from study_sites ss join studies s on s.id = ss.study_id left join site_enrol se on se.enrol_site_id = ss.id
        where ss.centre_id in (select centre_id from centre_node)
        group by ss.centre_id
      ) x join centre_node cn on cn.centre_id = x.centre_id
      group by cn.node_id
    ),
    enrol as (
      select cn.node_id, sum(x.enrolled) as enrolled, sum(x.to_date) as enrolled_to_date, sum(x.last3m) as last3m, sum(x.withdrawn) as withdrawn, max(x.last_on) as last_on
      from (
        select centre_id, count(*) filter (where ${period("enrolled_on")}) as enrolled, count(*) as to_date,
          count(*) filter (where enrolled_on > date '${to}' - interval '3 months') as last3m,
          count(*) filter (where ${period("enrolled_on")} and status = 'withdrawn') as withdrawn, max(enrolled_on) as last_on
        from facts group by centre_id
      ) x join centre_node cn on cn.centre_id = x.centre_id
      group by cn.node_id
    ),
    hist as (
      select cn.node_id, d.days, sum(d.n) as n
      from (select f.centre_id, f.enrolled_on - sc.screened_on as days, count(*) as n from facts f join screenings sc on sc.id = f.screening_id
            where ${period("f.enrolled_on")} group by 1, 2) d
      join centre_node cn on cn.centre_id = d.centre_id group by 1, 2
    ),
    med as (
      select node_id, (min(days) filter (where upto >= (total + 1) / 2) + min(days) filter (where upto >= total / 2 + 1)) / 2.0 as median
      from (select node_id, days, sum(n) over (partition by node_id order by days)::bigint as upto, sum(n) over (partition by node_id)::bigint as total from hist) c
      group by node_id
    ),
    screen as (
      select cn.node_id, sum(x.screened) as screened, sum(x.failed) as failed
      from (select centre_id, count(*) as screened, count(*) filter (where outcome = 'screen_failed') as failed from screenings
            where ${period("screened_on")} and centre_id in (select centre_id from centre_node) group by centre_id) x
      join centre_node cn on cn.centre_id = x.centre_id group by cn.node_id
    ),
    spec as (
      select node_id, sum(n) as specimens, sum(np) as participant_specimens, jsonb_object_agg(type, n) as by_type from (
        select cn.node_id, x.type, sum(x.n) as n, sum(x.np) as np
        from (select centre_id, type, count(*) as n, count(*) filter (where participant_id is not null) as np from specimens
              where parent_id is null and collected_at >= date '${from}' and collected_at < date '${to}' + 1 group by centre_id, type) x
        join centre_node cn on cn.centre_id = x.centre_id group by cn.node_id, x.type
      ) t group by node_id
    )${fu}
    select n.id, sites.*, enrol.*, med.median, screen.*, spec.*${followUp ? ", fu.*" : ""}
    from view_nodes n
    left join sites on sites.node_id = n.id left join enrol on enrol.node_id = n.id left join med on med.node_id = n.id
    left join screen on screen.node_id = n.id left join spec on spec.node_id = n.id
    ${followUp ? "left join fu on fu.node_id = n.id" : ""}`);
}
