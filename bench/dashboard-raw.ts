// The dashboard's figures written by hand over the BASE rows (participants, screenings, study
// sites, adverse events, queries, specimens), each statement ONE SQL text with literal values
// (no builders, no parameters): the yardstick the dashboard's reads over the facts are measured
// against (bench/dashboard.ts) and checked against (lib/metrics/facts.test.ts). It follows the
// definitions, not the facts' design: rows are filtered by their own dates, enrolment counts at
// the enrolling site's centre, follow-up at the participant's current centre, timestamps by the
// network day, the median from every enrolled participant's days.
import { sql, type SQL } from "drizzle-orm";

export type RawView = {
  rootId: number;
  rootPath: string;
  maxDepth: number;
  /** The root's own centre as node −root. */
  withOwn: boolean;
  /** Count only this centre's facts (site staff). */
  onlyCentre: number | null;
  /** Count only these studies' facts (PIs and monitors, a chosen study); null: every study. */
  studies: number[] | null;
  from: string | null;
  to: string;
  zone: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function check(v: RawView): void {
  const ints = [v.rootId, v.maxDepth, ...(v.onlyCentre === null ? [] : [v.onlyCentre]), ...(v.studies ?? [])];
  if (!ints.every((n) => Number.isInteger(n))) throw new Error("raw view: ids must be integers");
  if (!/^(\/\d+)+\/$/.test(v.rootPath)) throw new Error("raw view: bad path");
  if (![v.to, ...(v.from ? [v.from] : [])].every((d) => DAY.test(d))) throw new Error("raw view: bad day");
  if (!/^[A-Za-z0-9_+\-/]+$/.test(v.zone)) throw new Error("raw view: bad zone");
}

function parts(v: RawView) {
  check(v);
  const to = `date '${v.to}'`;
  const period = (col: string) => (v.from ? `${col} between date '${v.from}' and ${to}` : `${col} <= ${to}`);
  const day = (ts: string) => `(${ts} at time zone '${v.zone}')::date`;
  const studyIn = (col: string) => (v.studies === null ? "true" : v.studies.length ? `${col} in (${v.studies.join(", ")})` : "false");
  const centreOk = (col: string) => (v.onlyCentre === null ? "true" : `${col} = ${v.onlyCentre}`);
  const start = `coalesce(${day("s.recruiting_started_at")}, s.planned_start)`;
  const frac = `case when ${start} is null or s.planned_end is null or s.planned_end <= ${start} then null
      else least(1.0, greatest(0.0, (${to} - ${start})::numeric / (s.planned_end - ${start}))) end`;
  const like = `'${v.rootPath}%'`;
  const centres = `centres as materialized (select c.id as centre_id from organisations c where c.path like ${like} and ${centreOk("c.id")})`;
  const siteRows = `
    enrol as materialized (
      select ss.centre_id, p.study_id, p.enrol_site_id, p.enrolled_on, p.status, p.withdrawn_on, sc.screened_on
      from participants p join study_sites ss on ss.id = p.enrol_site_id join screenings sc on sc.id = p.screening_id
      where p.enrolled_on <= ${to} and ${studyIn("p.study_id")} and ss.centre_id in (select centre_id from centres)
    ),
    site_enrol as (select enrol_site_id, count(*) as n, max(enrolled_on) as last_on from enrol group by enrol_site_id),
    site_rows as materialized (
      select ss.id, ss.study_id, ss.centre_id, ss.status, ss.target, coalesce(se.n, 0)::int as enrolled, se.last_on,
        case when ss.status = 'pending' then 0 else ss.target * coalesce(${frac}, 0) end as expected,
        (ss.status = 'active' and s.status = 'recruiting' and coalesce(se.last_on, ${day("ss.created_at")}) <= ${to} - 60) as dormant,
        (ss.status = 'active' and s.status = 'recruiting' and coalesce(se.n, 0) < 0.5 * ss.target * coalesce(${frac}, 0)) as lagging
      from study_sites ss join studies s on s.id = ss.study_id left join site_enrol se on se.enrol_site_id = ss.id
      where ${studyIn("ss.study_id")} and ss.centre_id in (select centre_id from centres)
    )`;
  return { to, period, day, studyIn, centreOk, like, centres, siteRows };
}

/** Every figure of every node of a view (NodeRow's columns; the root's own centre as node −root). */
export function rawNodeFigures(v: RawView): SQL {
  const { to, period, day, studyIn, centreOk, like, siteRows } = parts(v);
  return sql.raw(`
    with view_nodes as (
      select id as node_id, id as org_id, path from organisations where path like ${like} and depth <= ${v.maxDepth}
      ${v.withOwn ? `union all select -id, id, path from organisations where id = ${v.rootId}` : ""}
    ),
    centre_node as materialized (
      select c.id as centre_id, n.node_id from organisations c join view_nodes n on n.node_id > 0 and c.path like n.path || '%'
      where c.path like ${like} and ${centreOk("c.id")}
      ${v.withOwn ? `union all select id, -id from organisations where id = ${v.rootId} and ${centreOk("id")}` : ""}
    ),
    centres as materialized (select distinct centre_id from centre_node),
    ${siteRows},
    c_enrol as (
      select centre_id, count(*) filter (where ${period("enrolled_on")}) as enrolled, count(*) as enrolled_to_date,
        count(*) filter (where enrolled_on > (${to} - interval '3 months')::date) as enrolled_last3m,
        count(*) filter (where ${period("enrolled_on")} and status = 'withdrawn' and withdrawn_on <= ${to}) as withdrawn
      from enrol group by centre_id
    ),
    c_sites as (
      select centre_id, count(*) as sites, count(*) filter (where status = 'active') as active_sites, sum(target) as target, sum(expected) as expected,
        count(*) filter (where dormant) as dormant_sites, count(*) filter (where lagging) as lagging_sites, max(last_on) as last_on
      from site_rows group by centre_id
    ),
    c_screen as (
      select centre_id, count(*) as screened, count(*) filter (where outcome = 'screen_failed') as screen_failed
      from screenings where ${period("screened_on")} and ${studyIn("study_id")} and centre_id in (select centre_id from centres) group by centre_id
    ),
    c_ae as (
      select p.centre_id, count(*) as aes, count(*) filter (where a.serious) as saes, count(*) filter (where a.serious and a.report_late) as late_saes
      from adverse_events a join participants p on p.id = a.participant_id
      where ${period("a.onset_on")} and ${studyIn("a.study_id")} and p.centre_id in (select centre_id from centres) group by p.centre_id
    ),
    c_q as (
      select p.centre_id, count(*) filter (where q.status = 'open') as open_queries, count(*) filter (where q.status = 'answered') as answered_queries,
        min(q.opened_at) filter (where q.status <> 'closed') as oldest,
        count(*) filter (where ${period(day("q.opened_at"))}) as queries_opened,
        count(*) filter (where q.closed_at is not null and ${period(day("q.closed_at"))}) as queries_closed
      from queries q join participants p on p.id = q.participant_id
      where ${studyIn("q.study_id")} and p.centre_id in (select centre_id from centres) group by p.centre_id
    ),
    c_spec as (
      select sp.centre_id, sp.type::text as type, count(*) as n, count(*) filter (where sp.participant_id is not null) as np
      from specimens sp left join participants p on p.id = sp.participant_id
      where sp.parent_id is null and ${period(day("sp.collected_at"))} and ${v.studies === null ? "true" : studyIn("p.study_id")}
        and sp.centre_id in (select centre_id from centres)
      group by sp.centre_id, sp.type
    ),
    c_hist as (select centre_id, enrolled_on - screened_on as days, count(*) as n from enrol where ${period("enrolled_on")} group by 1, 2),
    rolled as (
      select cn.node_id,
        sum(e.enrolled)::int as enrolled, sum(e.enrolled_to_date)::int as enrolled_to_date, sum(e.enrolled_last3m)::int as enrolled_last3m, sum(e.withdrawn)::int as withdrawn,
        sum(si.sites)::int as sites, sum(si.active_sites)::int as active_sites, sum(si.target)::int as target, sum(si.expected)::float8 as expected,
        sum(si.dormant_sites)::int as dormant_sites, sum(si.lagging_sites)::int as lagging_sites, max(si.last_on) as last_on,
        sum(sc.screened)::int as screened, sum(sc.screen_failed)::int as screen_failed,
        sum(ae.aes)::int as aes, sum(ae.saes)::int as saes, sum(ae.late_saes)::int as late_saes,
        sum(q.open_queries)::int as open_queries, sum(q.answered_queries)::int as answered_queries, min(q.oldest) as oldest,
        sum(q.queries_opened)::int as queries_opened, sum(q.queries_closed)::int as queries_closed
      from centre_node cn
      left join c_enrol e on e.centre_id = cn.centre_id left join c_sites si on si.centre_id = cn.centre_id
      left join c_screen sc on sc.centre_id = cn.centre_id left join c_ae ae on ae.centre_id = cn.centre_id
      left join c_q q on q.centre_id = cn.centre_id
      group by cn.node_id
    ),
    spec as (
      select node_id, sum(n)::int as specimens, sum(np)::int as participant_specimens, jsonb_object_agg(type, n) as specimens_by_type
      from (select cn.node_id, x.type, sum(x.n) as n, sum(x.np) as np from c_spec x join centre_node cn on cn.centre_id = x.centre_id group by 1, 2) t
      group by node_id
    ),
    hist as (select cn.node_id, h.days, sum(h.n) as n from c_hist h join centre_node cn on cn.centre_id = h.centre_id group by 1, 2),
    med as (
      select node_id, (min(days) filter (where upto >= (total + 1) / 2) + min(days) filter (where upto >= total / 2 + 1)) / 2.0 as median
      from (select node_id, days, sum(n) over (partition by node_id order by days)::bigint as upto, sum(n) over (partition by node_id)::bigint as total from hist) c
      group by node_id
    )
    select n.node_id, o.code, o.name_zh, o.name_en, o.level, o.parent_id, o.depth, o.active,
      coalesce(r.sites, 0) as sites, coalesce(r.active_sites, 0) as active_sites, coalesce(r.target, 0) as target, coalesce(r.expected, 0)::float8 as expected,
      coalesce(r.dormant_sites, 0) as dormant_sites, coalesce(r.lagging_sites, 0) as lagging_sites,
      coalesce(r.enrolled, 0) as enrolled, coalesce(r.enrolled_to_date, 0) as enrolled_to_date, coalesce(r.enrolled_last3m, 0) as enrolled_last3m,
      coalesce(r.withdrawn, 0) as withdrawn, to_char(r.last_on, 'YYYY-MM-DD') as last_enrolled_on, m.median::float8 as median_days_to_enrol,
      coalesce(r.screened, 0) as screened, coalesce(r.screen_failed, 0) as screen_failed,
      coalesce(sp.specimens, 0) as specimens, coalesce(sp.participant_specimens, 0) as participant_specimens, coalesce(sp.specimens_by_type, '{}'::jsonb) as specimens_by_type,
      coalesce(r.open_queries, 0) as open_queries, coalesce(r.answered_queries, 0) as answered_queries,
      floor(extract(epoch from (now() - r.oldest)) / 86400)::int as oldest_unclosed_query_days,
      coalesce(r.queries_opened, 0) as queries_opened, coalesce(r.queries_closed, 0) as queries_closed,
      coalesce(r.aes, 0) as aes, coalesce(r.saes, 0) as saes, coalesce(r.late_saes, 0) as late_saes
    from view_nodes n join organisations o on o.id = n.org_id
    left join rolled r on r.node_id = n.node_id left join spec sp on sp.node_id = n.node_id left join med m on m.node_id = n.node_id
    order by (n.node_id < 0), o.depth, o.code`);
}

/** The short lists (ListsRow's columns): studies and sites needing attention under the root, top screen-failure reasons. */
export function rawLists(v: RawView, limits = { studies: 100, flagged: 50, reasons: 5 }): SQL {
  const { period, studyIn, centres, siteRows } = parts(v);
  return sql.raw(`
    with ${centres}, ${siteRows},
    study_rows as (
      select s.code, s.title_zh, s.title_en, s.status, s.target_enrolment, count(*)::int as sites, sum(r.target)::int as site_target, sum(r.enrolled)::int as enrolled_to_date
      from site_rows r join studies s on s.id = r.study_id group by s.id
    ),
    flagged_rows as (
      select s.code as study_code, c.code as centre_code, c.name_zh, c.name_en, r.target, r.enrolled, to_char(r.last_on, 'YYYY-MM-DD') as last_enrolled_on,
        round(r.expected, 1)::float8 as expected, r.dormant, r.lagging
      from site_rows r join studies s on s.id = r.study_id join organisations c on c.id = r.centre_id where r.dormant or r.lagging
    ),
    reasons as (
      select st.code as study_code, r.code, count(*)::int as n, max(ec.text_zh) as text_zh, max(ec.text_en) as text_en
      from screenings s cross join lateral unnest(s.failed_codes) as r(code)
      join studies st on st.id = s.study_id
      left join protocol_versions pv on pv.study_id = s.study_id and pv.version = s.protocol_version
      left join eligibility_criteria ec on ec.protocol_version_id = pv.id and ec.code = r.code
      where s.outcome = 'screen_failed' and ${period("s.screened_on")} and ${studyIn("s.study_id")} and s.centre_id in (select centre_id from centres)
      group by st.code, r.code order by n desc, st.code, r.code limit ${limits.reasons}
    )
    select
      (select count(*)::int from screenings s where s.outcome = 'screen_failed' and ${period("s.screened_on")} and ${studyIn("s.study_id")}
         and s.centre_id in (select centre_id from centres)) as screen_failed,
      (select coalesce(jsonb_agg(to_jsonb(x) order by x.code), '[]'::jsonb) from (select * from study_rows order by code limit ${limits.studies}) x) as studies,
      (select count(*)::int from study_rows) as studies_total,
      (select coalesce(jsonb_agg(to_jsonb(x) order by x.ord), '[]'::jsonb)
         from (select f.*, row_number() over (order by f.enrolled::float8 / nullif(f.expected, 0) nulls last, f.last_enrolled_on nulls first, f.study_code, f.centre_code) as ord
               from flagged_rows f order by ord limit ${limits.flagged}) x) as flagged,
      (select count(*)::int from flagged_rows) as flagged_total,
      (select coalesce(jsonb_agg(to_jsonb(x) order by x.n desc, x.study_code, x.code), '[]'::jsonb) from reasons x) as reasons`);
}

/** One study's accrual under the root (AccrualRowSql's columns): the monthly series, the sites' targets, the last three months. */
export function rawAccrual(v: RawView, studyId: number): SQL {
  const { to, day, centres } = parts(v);
  if (!Number.isInteger(studyId)) throw new Error("raw view: bad study");
  return sql.raw(`
    with ${centres},
    mine as (
      select p.enrolled_on from participants p join study_sites ss on ss.id = p.enrol_site_id
      where p.study_id = ${studyId} and p.enrolled_on <= ${to} and ss.centre_id in (select centre_id from centres)
    ),
    monthly as (select date_trunc('month', enrolled_on)::date as month, count(*)::int as n from mine group by 1),
    bounds as (
      select least((select min(month) from monthly),
          (select date_trunc('month', coalesce(${day("s.recruiting_started_at")}, s.planned_start))::date from studies s where s.id = ${studyId})) as first_month,
        date_trunc('month', ${to})::date as last_month
    ),
    months as (select generate_series(b.first_month, b.last_month, interval '1 month')::date as month from bounds b where b.first_month is not null),
    series as (
      select to_char(m.month, 'YYYY-MM') as month, coalesce(mo.n, 0)::int as enrolled, (sum(coalesce(mo.n, 0)) over (order by m.month))::int as cumulative
      from months m left join monthly mo on mo.month = m.month
    )
    select (select coalesce(jsonb_agg(to_jsonb(x) order by x.month), '[]'::jsonb) from series x) as points,
      (select coalesce(sum(ss.target), 0)::int from study_sites ss where ss.study_id = ${studyId} and ss.centre_id in (select centre_id from centres)) as site_target,
      (select count(*)::int from mine where enrolled_on > (${to} - interval '3 months')::date) as enrolled_last3m`);
}
