import { sql, type SQL } from "drizzle-orm";
import { inPeriod, subtreeLike, type ViewSql } from "./view";

/** Centres of the root's subtree that the view covers (the root node's rows, no rollup needed). */
function rootCentres(v: ViewSql): SQL {
  return sql`(select c.id from organisations c where c.path like ${subtreeLike(v.rootPath)} and ${v.centreCond(sql`c.id`)})`;
}

/** The view's nodes with names: root down to maxDepth. */
export function viewNodes(v: ViewSql): SQL {
  return sql`select o.id, o.code, o.name_zh, o.name_en, o.level, o.parent_id, o.depth, o.active
    from organisations o where o.path like ${subtreeLike(v.rootPath)} and o.depth <= ${v.maxDepth}
    order by o.depth, o.code`;
}

/** The most frequent screen-failure reasons under the root: criterion code per study, with its text. */
export function topReasons(v: ViewSql, limit = 5): SQL {
  return sql`select st.code as study_code, r.code, count(*)::int as n,
      max(ec.text_zh) as text_zh, max(ec.text_en) as text_en
    from screenings s
    cross join lateral unnest(s.failed_codes) as r(code)
    join studies st on st.id = s.study_id
    left join protocol_versions pv on pv.study_id = s.study_id and pv.version = s.protocol_version
    left join eligibility_criteria ec on ec.protocol_version_id = pv.id and ec.code = r.code
    where s.outcome = 'screen_failed' and s.centre_id in ${rootCentres(v)}
      and ${inPeriod(v, sql`s.screened_on`)} and ${v.studyCond(sql`s.study_id`)}
    group by st.code, r.code
    order by n desc, st.code, r.code
    limit ${limit}`;
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
          (select date_trunc('month', coalesce((s.recruiting_started_at at time zone 'Asia/Shanghai')::date, s.planned_start))::date from studies s where s.id = ${studyId})
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
