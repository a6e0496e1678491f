import { sql, type SQL } from "drizzle-orm";
import { bucketTable, factsInRanges, viewBuckets } from "@/lib/metrics/sql/buckets";
import { nodeFigureCtes } from "@/lib/metrics/sql/node-figures";
import type { ViewSql } from "@/lib/metrics/sql/view";

export const LIST_LIMITS = { studies: 100, flagged: 50, reasons: 5 };
/** At most this many studies are offered to narrow a view to. */
export const STUDY_OPTIONS_LIMIT = 200;

/**
 * The short lists under the root, as CTEs after nodeFigureCtes (they use its `centres` and
 * `site_rows`): the studies with sites there (sites, their targets, enrolled by the period's
 * end), the sites needing attention (dormant or lagging; fewest enrolled against expected
 * first), and the most frequent screen-failure reasons of the period (criterion code per study,
 * with its text in the protocol version screened against).
 */
function listCtes(v: ViewSql, limits: typeof LIST_LIMITS): SQL {
  const { period } = viewBuckets(v);
  return sql`study_rows as materialized (
    select s.code, s.title_zh, s.title_en, s.status, s.target_enrolment, count(*)::int as sites,
      sum(r.target)::int as site_target, sum(r.enrolled)::int as enrolled_to_date
    from site_rows r join studies s on s.id = r.study_id
    group by s.id
  ),
  flagged_rows as materialized (
    select s.code as study_code, c.code as centre_code, c.name_zh, c.name_en, r.target, r.enrolled,
      to_char(r.last_on, 'YYYY-MM-DD') as last_enrolled_on, round(r.expected, 1)::float8 as expected, r.dormant, r.lagging
    from site_rows r join studies s on s.id = r.study_id join organisations c on c.id = r.centre_id
    where r.dormant or r.lagging
  ),
  reason_counts as materialized (
    select m.study_id, m.protocol_version, m.code, sum(m.n * r.p) as n
    from ${bucketTable("r", { p: period })}
    ${factsInRanges("metric_screen_reasons", "r", "m", (x) => sql`${v.studyCond(sql`${x}.study_id`)} and ${x}.centre_id in (select centre_id from centres)`)}
    group by m.study_id, m.protocol_version, m.code
    having sum(m.n * r.p) > 0
  ),
  reasons as materialized (
    select st.code as study_code, r.code, sum(r.n)::int as n, max(ec.text_zh) as text_zh, max(ec.text_en) as text_en
    from reason_counts r
    join studies st on st.id = r.study_id
    left join protocol_versions pv on pv.study_id = r.study_id and pv.version = r.protocol_version
    left join eligibility_criteria ec on ec.protocol_version_id = pv.id and ec.code = r.code
    group by st.code, r.code
    order by n desc, st.code, r.code
    limit ${limits.reasons}
  )`;
}

/**
 * Everything of a view but the accrual, in ONE statement (one parse, one plan, the site rows
 * worked out once for the node figures and the lists): one row of JSON — `nodes` (NodeRow,
 * root first), the studies and the sites needing attention with their full counts, the
 * reasons, and the root's screen failures in the period (what the reasons are a share of).
 * Given `studyOptions` (a condition on `s.id`: the studies in the actor's reach), also
 * `study_options`: the codes of those studies with a site among the view's centres, the studies
 * the view may be narrowed to (the shell's list), so that the whole view is one round trip.
 */
export function dashboardBody(v: ViewSql, limits = LIST_LIMITS, opts: { studyOptions?: SQL } = {}): SQL {
  const options = opts.studyOptions
    ? sql`,
    (select coalesce(jsonb_agg(x.code order by x.code), '[]'::jsonb)
       from (select s.code from studies s
             where ${opts.studyOptions} and exists (select 1 from study_sites ss where ss.study_id = s.id and ss.centre_id in (select centre_id from centres))
             order by s.code limit ${STUDY_OPTIONS_LIMIT}) x) as study_options`
    : sql``;
  return sql`with ${nodeFigureCtes(v)},
  ${listCtes(v, limits)}
  select
    (select coalesce(jsonb_agg(to_jsonb(x) order by (x.node_id < 0), x.depth, x.code), '[]'::jsonb) from node_out x) as nodes,
    (select coalesce(screen_failed, 0)::int from node_out where node_id = ${v.rootId}) as screen_failed,
    (select coalesce(jsonb_agg(to_jsonb(x) order by x.code), '[]'::jsonb)
       from (select * from study_rows order by code limit ${limits.studies}) x) as studies,
    (select count(*)::int from study_rows) as studies_total,
    (select coalesce(jsonb_agg(to_jsonb(x) order by x.ord), '[]'::jsonb)
       from (select f.*, row_number() over (order by f.enrolled::float8 / nullif(f.expected, 0) nulls last, f.last_enrolled_on nulls first, f.study_code, f.centre_code) as ord
             from flagged_rows f order by ord limit ${limits.flagged}) x) as flagged,
    (select count(*)::int from flagged_rows) as flagged_total,
    (select coalesce(jsonb_agg(to_jsonb(x) order by x.n desc, x.study_code, x.code), '[]'::jsonb) from reasons x) as reasons${options}`;
}
