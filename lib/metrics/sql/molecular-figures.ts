import { sql, type SQL } from "drizzle-orm";
import { orderActionableSql } from "@/lib/molecular/actionability-sql";
import { dayInPeriod } from "@/lib/metrics/sql/buckets";
import { nodeCtes, type ViewSql } from "@/lib/metrics/sql/view";

/** One node's molecular figures as the statement answers them (germline counts not yet suppressed). */
export type MolecularNodeRow = {
  node_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  depth: number;
  ordered: number;
  reported: number;
  failed: number;
  median_turnaround: number | null;
  somatic_reported: number;
  actionable: number;
  germline_reported: number;
  hereditary: number;
};

/**
 * Molecular tests of a view, per node of the centre tree (the same view_nodes / centre_node as
 * the other figures, lib/metrics/sql/view.ts): counted at the owner's centre (the participant's,
 * or the biobank donor's), in the actor's reach (centreCond) and studies (studyCond; a donor's test
 * has no study, so it counts only where no study condition limits the view). Ordered in the period; reported and failed
 * in the period; the median turnaround (network days, order to report) of those reported; the
 * somatic reports with an actionable alteration of the curated table; germline reports and
 * hereditary-risk flags (suppressed below the minimum cell by lib/metrics/molecular.ts).
 *
 * A scoped aggregate over the base tables rather than trigger-kept facts: a network runs a few
 * thousand tests a year (the demo network holds about 4,000), and the statement reads them by
 * index in milliseconds; facts would be the next step past a few hundred thousand.
 */
/** The view's studies for a participant's test; a donor's test (no study) only where no study condition limits the view (as the biobank's figures). */
const studyOrDonor = (v: ViewSql) => (v.studyLimited ? sql`(mo.study_id is not null and ${v.studyCond(sql`mo.study_id`)})` : sql`(mo.study_id is null or ${v.studyCond(sql`mo.study_id`)})`);

export function molecularFigures(v: ViewSql): SQL {
  return sql`with ${nodeCtes(v)},
  orders as materialized (
    select coalesce(p.centre_id, d.centre_id) as centre_id, mo.origin, mo.status, mo.turnaround_days, mo.hereditary_risk,
      ${dayInPeriod(v, sql`mo.ordered_on`)} as ordered_in,
      coalesce(${dayInPeriod(v, sql`mo.reported_on`)}, false) as reported_in,
      coalesce(${dayInPeriod(v, sql`mo.failed_on`)}, false) as failed_in,
      (mo.status = 'reported' and mo.origin = 'somatic' and ${orderActionableSql()}) as actionable
    from molecular_orders mo left join participants p on p.id = mo.participant_id left join donors d on d.id = mo.donor_id
    where coalesce(p.centre_id, d.centre_id) in (select centre_id from centres) and ${studyOrDonor(v)}
      and (${dayInPeriod(v, sql`mo.ordered_on`)} or ${dayInPeriod(v, sql`mo.reported_on`)} or ${dayInPeriod(v, sql`mo.failed_on`)})
  )
  select n.node_id, o.code, o.name_zh, o.name_en, o.depth,
    count(x.centre_id) filter (where x.ordered_in)::int as ordered,
    count(x.centre_id) filter (where x.reported_in)::int as reported,
    count(x.centre_id) filter (where x.failed_in)::int as failed,
    percentile_cont(0.5) within group (order by x.turnaround_days) filter (where x.reported_in) as median_turnaround,
    count(x.centre_id) filter (where x.reported_in and x.origin = 'somatic')::int as somatic_reported,
    count(x.centre_id) filter (where x.reported_in and x.actionable)::int as actionable,
    count(x.centre_id) filter (where x.reported_in and x.origin = 'germline')::int as germline_reported,
    count(x.centre_id) filter (where x.reported_in and x.origin = 'germline' and x.hereditary_risk)::int as hereditary
  from view_nodes n
  join organisations o on o.id = n.org_id
  left join centre_node cn on cn.node_id = n.node_id
  left join orders x on x.centre_id = cn.centre_id
  group by n.node_id, o.id, o.code, o.name_zh, o.name_en, o.depth
  order by (n.node_id = ${v.rootId}) desc, o.depth, (n.node_id < 0) desc, o.code`;
}
