import { sql, type SQL } from "drizzle-orm";
import { DORMANT_DAYS, LAGGING_SHARE } from "@/lib/metrics/derive";
import { inPeriod, networkDaySql, nodeCtes, planFraction, type ViewSql } from "@/lib/metrics/sql/view";

/**
 * The accrual family in one statement, sharing one pass over participants: per node the
 * sites, targets, enrolment expected by now, dormant and lagging sites, enrolment counts,
 * withdrawals, last enrolment and the median days from screening to enrolment; and under the
 * root, the studies with their enrolment and the sites needing attention.
 *
 * Enrolment counts at the enrolling site's centre. Facts are aggregated per centre, then
 * summed over centre_node (every view node above the centre). The median comes from a
 * histogram of days per node: window sums find the middle one or two values.
 *
 * Answers one row of three JSON arrays: nodes (with their names, root first), studies (with
 * total), flagged (with total).
 */
export function accrualFamily(v: ViewSql, rootId: number, limits = { studies: 100, flagged: 50 }): SQL {
  const period = inPeriod(v, sql`f.enrolled_on`);
  const frac = planFraction(v);
  return sql`with ${nodeCtes(v)},
  facts as materialized (
    select p.enrol_site_id as site_id, ss.centre_id, p.enrolled_on, p.status, p.withdrawn_on, p.screening_id
    from participants p join study_sites ss on ss.id = p.enrol_site_id
    where p.enrolled_on <= ${v.to}::date and ${v.studyCond(sql`p.study_id`)}
      and ss.centre_id in (select centre_id from centre_node)
  ),
  site_enrol as (
    select f.site_id, count(*) as n, max(f.enrolled_on) as last_on from facts f group by f.site_id
  ),
  site_rows as materialized (
    select ss.id, ss.study_id, ss.centre_id, ss.status, ss.target, coalesce(se.n, 0)::int as enrolled, se.last_on,
      case when ss.status = 'pending' then 0 else ss.target * coalesce(${frac}, 0) end as expected,
      (ss.status = 'active' and s.status = 'recruiting'
        and coalesce(se.last_on, ${networkDaySql(sql`ss.created_at`)}) <= ${v.to}::date - ${DORMANT_DAYS}::int) as dormant,
      (ss.status = 'active' and s.status = 'recruiting'
        and coalesce(se.n, 0) < ${LAGGING_SHARE}::numeric * ss.target * coalesce(${frac}, 0)) as lagging
    from study_sites ss
    join studies s on s.id = ss.study_id
    left join site_enrol se on se.site_id = ss.id
    where ${v.studyCond(sql`ss.study_id`)} and ss.centre_id in (select centre_id from centre_node)
  ),
  site_roll as (
    select cn.node_id, sum(pc.sites)::int as sites, sum(pc.active_sites)::int as active_sites, sum(pc.target)::int as target,
      sum(pc.expected)::float8 as expected, sum(pc.dormant_sites)::int as dormant_sites, sum(pc.lagging_sites)::int as lagging_sites
    from (
      select r.centre_id, count(*) as sites, count(*) filter (where r.status = 'active') as active_sites, sum(r.target) as target,
        sum(r.expected) as expected, count(*) filter (where r.dormant) as dormant_sites, count(*) filter (where r.lagging) as lagging_sites
      from site_rows r group by r.centre_id
    ) pc join centre_node cn on cn.centre_id = pc.centre_id
    group by cn.node_id
  ),
  enrol_roll as (
    select cn.node_id, sum(pc.enrolled)::int as enrolled, sum(pc.enrolled_to_date)::int as enrolled_to_date,
      sum(pc.enrolled_last3m)::int as enrolled_last3m, sum(pc.withdrawn)::int as withdrawn, max(pc.last_on) as last_on
    from (
      select f.centre_id,
        count(*) filter (where ${period}) as enrolled,
        count(*) as enrolled_to_date,
        count(*) filter (where f.enrolled_on > (${v.to}::date - interval '3 months')::date) as enrolled_last3m,
        count(*) filter (where ${period} and f.status = 'withdrawn' and f.withdrawn_on <= ${v.to}::date) as withdrawn,
        max(f.enrolled_on) as last_on
      from facts f group by f.centre_id
    ) pc join centre_node cn on cn.centre_id = pc.centre_id
    group by cn.node_id
  ),
  hist as (
    select cn.node_id, d.days, sum(d.n)::bigint as n
    from (
      select f.centre_id, f.enrolled_on - sc.screened_on as days, count(*) as n
      from facts f join screenings sc on sc.id = f.screening_id
      where ${period}
      group by 1, 2
    ) d join centre_node cn on cn.centre_id = d.centre_id
    group by 1, 2
  ),
  med as (
    select node_id, ((min(days) filter (where upto >= (total + 1) / 2)) + (min(days) filter (where upto >= total / 2 + 1))) / 2.0 as median
    from (
      select node_id, days, sum(n) over (partition by node_id order by days)::bigint as upto, sum(n) over (partition by node_id)::bigint as total from hist
    ) c
    group by node_id
  ),
  node_rows as (
    select n.id as node_id, o.code, o.name_zh, o.name_en, o.level, o.parent_id, o.depth, o.active,
      coalesce(sr.sites, 0) as sites, coalesce(sr.active_sites, 0) as active_sites, coalesce(sr.target, 0) as target,
      coalesce(sr.expected, 0) as expected, coalesce(sr.dormant_sites, 0) as dormant_sites, coalesce(sr.lagging_sites, 0) as lagging_sites,
      coalesce(er.enrolled, 0) as enrolled, coalesce(er.enrolled_to_date, 0) as enrolled_to_date,
      coalesce(er.enrolled_last3m, 0) as enrolled_last3m, coalesce(er.withdrawn, 0) as withdrawn,
      to_char(er.last_on, 'YYYY-MM-DD') as last_enrolled_on, m.median::float8 as median_days_to_enrol
    from view_nodes n
    join organisations o on o.id = n.id
    left join site_roll sr on sr.node_id = n.id
    left join enrol_roll er on er.node_id = n.id
    left join med m on m.node_id = n.id
  ),
  root_sites as materialized (
    select r.* from site_rows r where r.centre_id in (select centre_id from centre_node where node_id = ${rootId})
  ),
  study_rows as (
    select s.code, s.title_zh, s.title_en, s.status, s.target_enrolment, count(*)::int as sites,
      sum(r.target)::int as site_target, sum(r.enrolled)::int as enrolled_to_date
    from root_sites r join studies s on s.id = r.study_id
    group by s.id
  ),
  flagged_rows as (
    select s.code as study_code, c.code as centre_code, c.name_zh, c.name_en, r.target, r.enrolled,
      to_char(r.last_on, 'YYYY-MM-DD') as last_enrolled_on, round(r.expected, 1)::float8 as expected, r.dormant, r.lagging
    from root_sites r join studies s on s.id = r.study_id join organisations c on c.id = r.centre_id
    where r.dormant or r.lagging
  )
  select
    (select coalesce(jsonb_agg(to_jsonb(x) order by x.depth, x.code), '[]'::jsonb) from node_rows x) as nodes,
    (select coalesce(jsonb_agg(to_jsonb(x) order by x.code), '[]'::jsonb)
       from (select * from study_rows order by code limit ${limits.studies}) x) as studies,
    (select count(*)::int from study_rows) as studies_total,
    (select coalesce(jsonb_agg(to_jsonb(x) order by x.ord), '[]'::jsonb)
       from (select f.*, row_number() over (order by f.enrolled::float8 / nullif(f.expected, 0) nulls last, f.last_enrolled_on nulls first, f.study_code, f.centre_code) as ord
             from flagged_rows f order by ord limit ${limits.flagged}) x) as flagged,
    (select count(*)::int from flagged_rows) as flagged_total`;
}
