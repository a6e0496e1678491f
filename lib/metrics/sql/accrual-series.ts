import { sql, type SQL } from "drizzle-orm";
import { subtreePattern } from "@/lib/authz/scope";
import { studyPlanStart, type ViewSql } from "@/lib/metrics/sql/view";

/** Centres of the root's subtree that the view covers (the root node's rows, no rollup needed). */
function rootCentres(v: ViewSql): SQL {
  return sql`(select c.id from organisations c where c.path like ${subtreePattern(v.rootPath)} and ${v.centreCond(sql`c.id`)})`;
}

/**
 * Cumulative enrolment by month for one study under the root, every month from the first
 * enrolment (or the study's start) to the period's end, gaps filled.
 */
export function accrualSeries(v: ViewSql, studyId: number): SQL {
  return sql`with monthly as (
      select date_trunc('month', p.enrolled_on)::date as month, count(*)::int as n
      from participants p join study_sites ss on ss.id = p.enrol_site_id
      where p.study_id = ${studyId} and p.enrolled_on <= ${v.to}::date and ss.centre_id in ${rootCentres(v)}
      group by 1
    ),
    bounds as (
      select least(
          (select min(month) from monthly),
          (select date_trunc('month', ${studyPlanStart("s")})::date from studies s where s.id = ${studyId})
        ) as first_month,
        date_trunc('month', ${v.to}::date)::date as last_month
    ),
    months as (
      select generate_series(b.first_month, b.last_month, interval '1 month')::date as month from bounds b where b.first_month is not null
    )
    select to_char(m.month, 'YYYY-MM') as month, coalesce(mo.n, 0)::int as enrolled,
      (sum(coalesce(mo.n, 0)) over (order by m.month))::int as cumulative
    from months m left join monthly mo on mo.month = m.month
    order by m.month`;
}
