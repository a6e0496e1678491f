// The node figures of one dashboard view written by hand as ONE SQL statement, with literal
// values: the yardstick the data function is measured against.
import { sql, type SQL } from "drizzle-orm";

export function rawNodeFigures(rootPath: string, maxDepth: number, from: string, to: string, followUp: boolean): SQL {
  if (!/^(\/\d+)+\/$/.test(rootPath) || ![from, to].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))) throw new Error("bad input");
  const fu = followUp
    ? `,
    fu as (
      select cn.node_id, count(*) filter (where x.open_q)::int as open_queries, min(x.opened_at) as oldest,
        count(*) filter (where x.ae)::int as aes, count(*) filter (where x.sae)::int as saes, count(*) filter (where x.late)::int as late_saes
      from (
        select p.centre_id, true as open_q, q.opened_at, false as ae, false as sae, false as late
          from queries q join participants p on p.id = q.participant_id where q.status = 'open'
        union all
        select p.centre_id, false, null, true, a.serious, a.serious and a.report_late
          from adverse_events a join participants p on p.id = a.participant_id where a.onset_on between '${from}' and '${to}'
      ) x join centre_node cn on cn.centre_id = x.centre_id
      group by cn.node_id
    )`
    : "";
  return sql.raw(`
    with view_nodes as (select id, path from organisations where path like '${rootPath}%' and depth <= ${maxDepth}),
    centre_node as (
      select c.id as centre_id, n.id as node_id from organisations c join view_nodes n on c.path like n.path || '%' where c.path like '${rootPath}%'
    ),
    site_enrol as (
      select enrol_site_id, count(*) as n, max(enrolled_on) as last_on from participants where enrolled_on <= '${to}' group by enrol_site_id
    ),
    sites as (
      select cn.node_id, count(*) as sites, count(*) filter (where ss.status = 'active') as active_sites, sum(ss.target) as target,
        sum(case when ss.status = 'pending' or s.planned_start is null or s.planned_end is null then 0
          else ss.target * least(1.0, greatest(0.0, (date '${to}' - s.planned_start)::numeric / (s.planned_end - s.planned_start))) end) as expected,
        count(*) filter (where ss.status = 'active' and s.status = 'recruiting' and coalesce(se.last_on, ss.created_at::date) <= date '${to}' - 60) as dormant,
        count(*) filter (where ss.status = 'active' and s.status = 'recruiting' and coalesce(se.n, 0) < 0.5 * ss.target *
          least(1.0, greatest(0.0, (date '${to}' - s.planned_start)::numeric / (s.planned_end - s.planned_start)))) as lagging
      from study_sites ss join studies s on s.id = ss.study_id left join site_enrol se on se.enrol_site_id = ss.id
      join centre_node cn on cn.centre_id = ss.centre_id
      group by cn.node_id
    ),
    enrol as (
      select cn.node_id, count(*) filter (where p.enrolled_on >= '${from}') as enrolled, count(*) as enrolled_to_date,
        count(*) filter (where p.enrolled_on > date '${to}' - interval '3 months') as last3m,
        count(*) filter (where p.enrolled_on >= '${from}' and p.status = 'withdrawn') as withdrawn, max(p.enrolled_on) as last_on,
        percentile_cont(0.5) within group (order by p.enrolled_on - sc.screened_on) filter (where p.enrolled_on >= '${from}') as median_days
      from participants p join study_sites ss on ss.id = p.enrol_site_id join centre_node cn on cn.centre_id = ss.centre_id
      join screenings sc on sc.id = p.screening_id
      where p.enrolled_on <= '${to}'
      group by cn.node_id
    ),
    screen as (
      select cn.node_id, count(*) as screened, count(*) filter (where s.outcome = 'screen_failed') as failed
      from screenings s join centre_node cn on cn.centre_id = s.centre_id where s.screened_on between '${from}' and '${to}'
      group by cn.node_id
    ),
    spec as (
      select node_id, sum(n) as specimens, sum(np) as participant_specimens, jsonb_object_agg(type, n) as by_type from (
        select cn.node_id, sp.type, count(*) as n, count(*) filter (where sp.participant_id is not null) as np
        from specimens sp join centre_node cn on cn.centre_id = sp.centre_id
        where sp.parent_id is null and sp.collected_at >= '${from}' and sp.collected_at < date '${to}' + 1
        group by cn.node_id, sp.type
      ) t group by node_id
    )${fu}
    select n.id, sites.*, enrol.*, screen.*, spec.*${followUp ? ", fu.*" : ""}
    from view_nodes n
    left join sites on sites.node_id = n.id left join enrol on enrol.node_id = n.id
    left join screen on screen.node_id = n.id left join spec on spec.node_id = n.id
    ${followUp ? "left join fu on fu.node_id = n.id" : ""}`);
}
