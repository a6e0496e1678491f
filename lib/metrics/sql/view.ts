import { sql, type SQL } from "drizzle-orm";
import { subtreePattern } from "@/lib/authz/scope";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

/**
 * Everything a family query needs to know about a view, already decided by the data layer:
 * the root of the tree shown, how deep below it figures are wanted, which centres' and which
 * studies' facts the actor may count, and the period.
 */
export type ViewSql = {
  rootId: number;
  rootPath: string;
  /** Nodes from the root down to this depth get figures (root's children for the league table, grandchildren for the treemap). */
  maxDepth: number;
  /** Whether the root's own centre gets a row of its own (node id −root) beside its children's. */
  withOwn: boolean;
  /** Condition on a centre id column: the actor's reach in the tree (`true` for network-wide views). */
  centreCond: (centreId: SQL) => SQL;
  /** Condition on a study id column: the actor's studies and the chosen study (`true` when neither limits). */
  studyCond: (studyId: SQL) => SQL;
  /** Whether studyCond limits anything (specimens of donors, who belong to no study, then drop out). */
  studyLimited: boolean;
  from: string | null;
  to: string;
  /** The network's today when the view was asked for (which way "up to a day" is cheaper to read). */
  today: string;
};

/**
 * The network's time zone (lib/time/network-day.ts) as an SQL literal rather than a parameter,
 * so the planner sees a constant. Only IANA name characters pass, so it needs no escaping.
 */
export function networkZone(): SQL {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(NETWORK_TIME_ZONE)) throw new Error(`malformed NETWORK_TIME_ZONE: ${NETWORK_TIME_ZONE}`);
  return sql.raw(`'${NETWORK_TIME_ZONE}'`);
}

/** The network day of a timestamp column. */
export function networkDaySql(ts: SQL): SQL {
  return sql`(${ts} at time zone ${networkZone()})::date`;
}

/** Where a study's recruitment period starts: the day it began recruiting, else its planned start. */
export function studyPlanStart(study: string): SQL {
  if (!/^[a-z][a-z0-9_]*$/.test(study)) throw new Error(`malformed table alias: ${study}`);
  return sql`coalesce(${networkDaySql(sql.raw(`${study}.recruiting_started_at`))}, ${sql.raw(`${study}.planned_start`)})`;
}

/** The centres under the root that the view counts (the actor's reach), as `centres(centre_id)`. */
export function centresCte(v: ViewSql): SQL {
  return sql`centres as materialized (
    select c.id as centre_id from organisations c where c.path like ${subtreePattern(v.rootPath)} and ${v.centreCond(sql`c.id`)}
  )`;
}

/**
 * view_nodes: the nodes that get figures (the root's own centre as node −root when the view has
 * one). centre_node: every centre counted, paired with each view node it rolls up into — itself
 * and its ancestors from the root down to the view's depth, read off its materialized path (the
 * id at position k of "/1/4/17/" is its ancestor at depth k − 1), so no pair of centres is
 * compared. Families first aggregate their facts per centre, then join centre_node by equality
 * and sum, so a fact is counted once in each node above it.
 */
export function nodeCtes(v: ViewSql): SQL {
  const like = subtreePattern(v.rootPath);
  const rootDepth = v.rootPath.split("/").filter(Boolean).length - 1;
  return sql`view_nodes as (
    select o.id as node_id, o.id as org_id from organisations o where o.path like ${like} and o.depth <= ${v.maxDepth}
    ${v.withOwn ? sql`union all select -o.id, o.id from organisations o where o.id = ${v.rootId}` : sql``}
  ),
  centre_node as materialized (
    select c.id as centre_id, a.id::int as node_id
    from organisations c
    cross join lateral unnest(string_to_array(trim(both '/' from c.path), '/')) with ordinality as a(id, pos)
    where c.path like ${like} and ${v.centreCond(sql`c.id`)} and a.pos - 1 between ${rootDepth} and ${v.maxDepth}
    ${v.withOwn ? sql`union all select o.id, -o.id from organisations o where o.id = ${v.rootId} and ${v.centreCond(sql`o.id`)}` : sql``}
  ),
  centres as materialized (select distinct centre_id from centre_node)`;
}

/** The share of a site's planned recruitment period gone by the period's end (null without a plan). */
export function planFraction(v: Pick<ViewSql, "to">): SQL {
  const start = studyPlanStart("s");
  return sql`case when ${start} is null or s.planned_end is null or s.planned_end <= ${start} then null
    else least(1.0, greatest(0.0, (${v.to}::date - ${start})::numeric / (s.planned_end - ${start}))) end`;
}
