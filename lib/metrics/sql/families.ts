import { sql, type SQL } from "drizzle-orm";
import { inPeriod, inPeriodTs, nodeCtes, type ViewSql } from "@/lib/metrics/sql/view";

/**
 * One SQL statement per family of figures, each answering one row per view node that has any
 * fact (nodes without facts are zero). Facts are first aggregated per centre, then summed over
 * centre_node, which pairs each centre with every view node above it: every count of a node
 * is the sum over its subtree.
 */

/**
 * Screening log: screened and screen-failed in the period per node, and from the same pass
 * the most frequent screen-failure reasons under the root (criterion code per study, with its
 * text in the protocol version screened against). One row: nodes and reasons as JSON.
 */
export function screeningFamily(v: ViewSql, reasonsLimit = 5): SQL {
  return sql`with ${nodeCtes(v)},
  scr as materialized (
    select s.centre_id, s.study_id, s.protocol_version, s.outcome, s.failed_codes
    from screenings s
    where ${inPeriod(v, sql`s.screened_on`)} and ${v.studyCond(sql`s.study_id`)}
      and s.centre_id in (select centre_id from centre_node)
  ),
  node_rows as (
    select cn.node_id, sum(pc.screened)::int as screened, sum(pc.screen_failed)::int as screen_failed
    from (
      select centre_id, count(*) as screened, count(*) filter (where outcome = 'screen_failed') as screen_failed from scr group by centre_id
    ) pc join centre_node cn on cn.centre_id = pc.centre_id
    group by cn.node_id
  ),
  reasons as (
    select st.code as study_code, r.code, count(*)::int as n, max(ec.text_zh) as text_zh, max(ec.text_en) as text_en
    from scr s
    cross join lateral unnest(s.failed_codes) as r(code)
    join studies st on st.id = s.study_id
    left join protocol_versions pv on pv.study_id = s.study_id and pv.version = s.protocol_version
    left join eligibility_criteria ec on ec.protocol_version_id = pv.id and ec.code = r.code
    where s.outcome = 'screen_failed'
    group by st.code, r.code
    order by n desc, st.code, r.code
    limit ${reasonsLimit}
  )
  select (select coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) from node_rows x) as nodes,
    (select coalesce(jsonb_agg(to_jsonb(x) order by x.n desc, x.study_code, x.code), '[]'::jsonb) from reasons x) as reasons`;
}

/** Specimens collected in the period by the collecting centre, by type. */
export function specimenFamily(v: ViewSql): SQL {
  // A study-limited view counts only specimens of that study's participants; donors' specimens
  // belong to no study.
  const study = v.studyLimited
    ? sql`sp.participant_id in (select p.id from participants p where ${v.studyCond(sql`p.study_id`)})`
    : sql`true`;
  return sql`with ${nodeCtes(v)},
  per_centre as (
    select sp.centre_id, sp.type::text as type, count(*) as n, count(*) filter (where sp.participant_id is not null) as np
    from specimens sp
    where sp.parent_id is null and ${inPeriodTs(v, sql`sp.collected_at`)} and ${study}
    group by sp.centre_id, sp.type
  ),
  typed as (
    select cn.node_id, pc.type, sum(pc.n)::int as n, sum(pc.np)::int as np
    from per_centre pc join centre_node cn on cn.centre_id = pc.centre_id
    group by cn.node_id, pc.type
  )
  select node_id, sum(n)::int as specimens, sum(np)::int as participant_specimens, jsonb_object_agg(type, n) as specimens_by_type
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
