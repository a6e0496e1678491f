import { sql, type SQL } from "drizzle-orm";
import { lastThreeMonths, periodBuckets } from "@/lib/metrics/period-buckets";
import { inBuckets } from "@/lib/metrics/sql/buckets";
import { centresCte, studyPlanStart, type ViewSql } from "@/lib/metrics/sql/view";
import { addDays } from "@/lib/time/network-day";

/**
 * One study under the root, from the facts: cumulative enrolment by month from the first
 * enrolment (or the study's start) to the month of the period's end, gaps filled, whole months
 * from month facts and the last, partial month from its days up to the end. Beside it, in the
 * same statement, what the target and the projection need: the sites' targets under the root
 * and the enrolments of the three months up to the end.
 *
 * Answers one row: the months as JSON (`points`), `site_target` and `enrolled_last3m`.
 */
export function accrualSeries(v: ViewSql, studyId: number): SQL {
  const endMonth = `${addDays(v.to, 1).slice(0, 7)}-01`;
  const last3 = lastThreeMonths(v.to);
  return sql`with ${centresCte(v)},
    monthly as (
      select case when f.grain = 2 then f.bucket else date_trunc('month', f.bucket::timestamp)::date end as month, sum(f.enrolled)::int as n
      from metric_facts f
      where f.study_id = ${studyId} and f.centre_id in (select centre_id from centres)
        and ((f.grain = 2 and f.bucket < ${endMonth}::date) or (f.grain = 1 and f.bucket >= ${endMonth}::date and f.bucket <= ${v.to}::date))
      group by 1
      having sum(f.enrolled) > 0
    ),
    bounds as (
      select least(
          (select min(month) from monthly),
          (select date_trunc('month', ${studyPlanStart("s")}::timestamp)::date from studies s where s.id = ${studyId})
        ) as first_month,
        date_trunc('month', ${v.to}::date::timestamp)::date as last_month
    ),
    months as (
      select generate_series(b.first_month, b.last_month, interval '1 month')::date as month from bounds b where b.first_month is not null
    ),
    series as (
      select to_char(m.month, 'YYYY-MM') as month, coalesce(mo.n, 0)::int as enrolled,
        (sum(coalesce(mo.n, 0)) over (order by m.month))::int as cumulative
      from months m left join monthly mo on mo.month = m.month
    )
    select
      (select coalesce(jsonb_agg(to_jsonb(x) order by x.month), '[]'::jsonb) from series x) as points,
      (select coalesce(sum(ss.target), 0)::int from study_sites ss where ss.study_id = ${studyId} and ss.centre_id in (select centre_id from centres)) as site_target,
      (select coalesce(sum(f.enrolled), 0)::int from metric_facts f
        where f.study_id = ${studyId} and f.centre_id in (select centre_id from centres) and ${inBuckets("f", periodBuckets(last3.from, last3.to))}) as enrolled_last3m`;
}
