import { sql, type SQL } from "drizzle-orm";
import { DORMANT_DAYS, LAGGING_SHARE } from "@/lib/metrics/derive";
import type { SignedBuckets } from "@/lib/metrics/period-buckets";
import { bucketTable, factsInRanges } from "@/lib/metrics/sql/buckets";
import { networkDaySql, planFraction, type ViewSql } from "@/lib/metrics/sql/view";

/**
 * site_enrol: enrolled by the period's end per centre and study (the sites' own rows), from the
 * facts. Needs a `centres(centre_id)` CTE before it.
 */
export function siteEnrolCte(v: ViewSql, toDate: SignedBuckets): SQL {
  return sql`site_enrol as materialized (
    select f.centre_id, f.study_id, sum(f.enrolled * r.t)::int as enrolled_to_date
    from ${bucketTable("r", { t: toDate })}
    ${factsInRanges("metric_facts", "r", "f", (x) => sql`${x}.study_id > 0 and ${v.studyCond(sql`${x}.study_id`)} and ${x}.centre_id in (select centre_id from centres)`)}
    group by f.centre_id, f.study_id
  )`;
}

/**
 * site_rows: one row per study site counted, with its enrolment by the period's end, its last
 * enrolment on or before the end, the enrolment expected by then and its flags. The last
 * enrolment comes from metric_site_state; only a site whose last enrolment is after the
 * period's end needs one step back through its day facts. Needs `centres` and
 * `site_enrol(centre_id, study_id, enrolled_to_date)` (from the facts, by the period's end).
 */
export function siteRowsCte(v: ViewSql): SQL {
  const frac = planFraction(v);
  return sql`site_rows as materialized (
    select ss.id, ss.study_id, ss.centre_id, ss.status, ss.target, coalesce(se.enrolled_to_date, 0)::int as enrolled, lo.last_on,
      case when ss.status = 'pending' then 0 else ss.target * coalesce(${frac}, 0) end as expected,
      (ss.status = 'active' and s.status = 'recruiting'
        and coalesce(lo.last_on, ${networkDaySql(sql`ss.created_at`)}) <= ${v.to}::date - ${DORMANT_DAYS}::int) as dormant,
      (ss.status = 'active' and s.status = 'recruiting'
        and coalesce(se.enrolled_to_date, 0) < ${LAGGING_SHARE}::numeric * ss.target * coalesce(${frac}, 0)) as lagging
    from study_sites ss
    join studies s on s.id = ss.study_id
    left join site_enrol se on se.centre_id = ss.centre_id and se.study_id = ss.study_id
    left join metric_site_state st on st.centre_id = ss.centre_id and st.study_id = ss.study_id
    cross join lateral (
      select case when st.last_enrolled_on is null or st.last_enrolled_on <= ${v.to}::date then st.last_enrolled_on
        else (select max(x.bucket) from metric_facts x
              where x.centre_id = ss.centre_id and x.study_id = ss.study_id and x.grain = 1 and x.bucket <= ${v.to}::date and x.enrolled > 0)
        end as last_on
    ) lo
    where ${v.studyCond(sql`ss.study_id`)} and ss.centre_id in (select centre_id from centres)
  )`;
}
