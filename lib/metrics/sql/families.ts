import { sql, type SQL } from "drizzle-orm";
import { DORMANT_DAYS, LAGGING_SHARE } from "../derive";
import { inPeriod, inPeriodTs, nodeCtes, planFraction, type ViewSql } from "./view";

/**
 * One SQL statement per family of figures, each answering one row per view node that has any
 * fact (nodes without facts are zero). Every count is the sum over the node's subtree because
 * each fact row joins centre_node once per view node above its centre.
 */

/** Sites, targets, expected enrolment, dormant and lagging sites. */
export function sitesFamily(v: ViewSql): SQL {
  return sql`with ${nodeCtes(v)},
  site_enrol as (
    select p.enrol_site_id as site_id, count(*)::int as n, max(p.enrolled_on) as last_on
    from participants p
    where p.enrolled_on <= ${v.to}::date and ${v.studyCond(sql`p.study_id`)}
    group by p.enrol_site_id
  ),
  site_rows as (
    select ss.centre_id, ss.status, ss.target,
      case when ss.status = 'pending' then 0 else ss.target * coalesce(${planFraction(v)}, 0) end as expected,
      (ss.status = 'active' and s.status = 'recruiting'
        and coalesce(se.last_on, (ss.created_at at time zone 'Asia/Shanghai')::date) <= ${v.to}::date - ${DORMANT_DAYS}::int) as dormant,
      (ss.status = 'active' and s.status = 'recruiting'
        and coalesce(se.n, 0) < ${LAGGING_SHARE}::numeric * ss.target * coalesce(${planFraction(v)}, 0)) as lagging
    from study_sites ss
    join studies s on s.id = ss.study_id
    left join site_enrol se on se.site_id = ss.id
    where ${v.studyCond(sql`ss.study_id`)}
  )
  select cn.node_id,
    count(*)::int as sites,
    (count(*) filter (where r.status = 'active'))::int as active_sites,
    coalesce(sum(r.target), 0)::int as target,
    coalesce(sum(r.expected), 0)::float8 as expected,
    (count(*) filter (where r.dormant))::int as dormant_sites,
    (count(*) filter (where r.lagging))::int as lagging_sites
  from site_rows r join centre_node cn on cn.centre_id = r.centre_id
  group by cn.node_id`;
}

/** Enrolment by the enrolling site's centre: counts, withdrawals, last date, median days from screening. */
export function enrolmentFamily(v: ViewSql): SQL {
  const period = inPeriod(v, sql`p.enrolled_on`);
  return sql`with ${nodeCtes(v)}
  select cn.node_id,
    (count(*) filter (where ${period}))::int as enrolled,
    count(*)::int as enrolled_to_date,
    (count(*) filter (where p.enrolled_on > (${v.to}::date - interval '3 months')::date))::int as enrolled_last3m,
    (count(*) filter (where ${period} and p.status = 'withdrawn' and p.withdrawn_on <= ${v.to}::date))::int as withdrawn,
    to_char(max(p.enrolled_on), 'YYYY-MM-DD') as last_enrolled_on,
    (percentile_cont(0.5) within group (order by (p.enrolled_on - sc.screened_on)) filter (where ${period}))::float8 as median_days_to_enrol
  from participants p
  join study_sites ss on ss.id = p.enrol_site_id
  join centre_node cn on cn.centre_id = ss.centre_id
  join screenings sc on sc.id = p.screening_id
  where p.enrolled_on <= ${v.to}::date and ${v.studyCond(sql`p.study_id`)}
  group by cn.node_id`;
}

/** Screening log: screened and screen-failed in the period. */
export function screeningFamily(v: ViewSql): SQL {
  return sql`with ${nodeCtes(v)}
  select cn.node_id,
    count(*)::int as screened,
    (count(*) filter (where s.outcome = 'screen_failed'))::int as screen_failed
  from screenings s join centre_node cn on cn.centre_id = s.centre_id
  where ${inPeriod(v, sql`s.screened_on`)} and ${v.studyCond(sql`s.study_id`)}
  group by cn.node_id`;
}

/** Specimens collected in the period by the collecting centre, by type. */
export function specimenFamily(v: ViewSql): SQL {
  // A study-limited view counts only specimens of that study's participants; donors' specimens
  // belong to no study.
  const study = v.studyLimited
    ? sql`sp.participant_id in (select p.id from participants p where ${v.studyCond(sql`p.study_id`)})`
    : sql`true`;
  return sql`with ${nodeCtes(v)},
  typed as (
    select cn.node_id, sp.type::text as type, count(*)::int as n,
      (count(*) filter (where sp.participant_id is not null))::int as np
    from specimens sp join centre_node cn on cn.centre_id = sp.centre_id
    where sp.parent_id is null and ${inPeriodTs(v, sql`sp.collected_at`)} and ${study}
    group by cn.node_id, sp.type
  )
  select node_id, sum(n)::int as specimens, sum(np)::int as participant_specimens,
    jsonb_object_agg(type, n) as specimens_by_type
  from typed group by node_id`;
}

/**
 * Follow-up and data quality by the participant's current centre (follow-up happens where the
 * participant is followed): queries open now and the oldest one's age; AEs with onset in the
 * period, SAEs, and SAEs reported later than 24 hours after the site learned of them.
 */
export function followUpFamily(v: ViewSql): SQL {
  return sql`with ${nodeCtes(v)},
  open_q as (
    select p.centre_id, count(*)::int as n, min(q.opened_at) as oldest
    from queries q join participants p on p.id = q.participant_id
    where q.status = 'open' and ${v.studyCond(sql`q.study_id`)}
    group by p.centre_id
  ),
  ae as (
    select p.centre_id, count(*)::int as aes,
      (count(*) filter (where a.serious))::int as saes,
      (count(*) filter (where a.serious and a.report_late))::int as late_saes
    from adverse_events a join participants p on p.id = a.participant_id
    where ${inPeriod(v, sql`a.onset_on`)} and ${v.studyCond(sql`a.study_id`)}
    group by p.centre_id
  ),
  per_centre as (
    select coalesce(q.centre_id, ae.centre_id) as centre_id, coalesce(q.n, 0) as open_queries, q.oldest,
      coalesce(ae.aes, 0) as aes, coalesce(ae.saes, 0) as saes, coalesce(ae.late_saes, 0) as late_saes
    from open_q q full join ae on ae.centre_id = q.centre_id
  )
  select cn.node_id,
    sum(pc.open_queries)::int as open_queries,
    floor(extract(epoch from (now() - min(pc.oldest))) / 86400)::int as oldest_open_query_days,
    sum(pc.aes)::int as aes, sum(pc.saes)::int as saes, sum(pc.late_saes)::int as late_saes
  from per_centre pc join centre_node cn on cn.centre_id = pc.centre_id
  group by cn.node_id`;
}
