import { sql, type SQL } from "drizzle-orm";
import { subtreePattern } from "@/lib/authz/scope";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

/**
 * Everything a family query needs to know about a view, already decided by the data layer:
 * the root of the tree shown, how deep below it figures are wanted, which centres' and which
 * studies' rows the actor may count, and the period.
 */
export type ViewSql = {
  rootPath: string;
  /** Nodes from the root down to this depth get figures (root's children for the league table, grandchildren for the treemap). */
  maxDepth: number;
  /** Condition on a centre id column: the actor's reach in the tree (`true` for network-wide views). */
  centreCond: (centreId: SQL) => SQL;
  /** Condition on a study id column: the actor's studies and the chosen study (`true` when neither limits). */
  studyCond: (studyId: SQL) => SQL;
  /** Whether studyCond limits anything (specimens without a participant then drop out). */
  studyLimited: boolean;
  from: string | null;
  to: string;
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

/** A network day's first instant (its midnight in the network's zone). */
function dayStart(day: SQL): SQL {
  return sql`(${day})::timestamp at time zone ${networkZone()}`;
}

/** Where a study's recruitment period starts: the day it began recruiting, else its planned start. */
export function studyPlanStart(study: string): SQL {
  if (!/^[a-z][a-z0-9_]*$/.test(study)) throw new Error(`malformed table alias: ${study}`);
  return sql`coalesce(${networkDaySql(sql.raw(`${study}.recruiting_started_at`))}, ${sql.raw(`${study}.planned_start`)})`;
}

/**
 * view_nodes: the nodes that get figures. centre_node: every centre in the actor's reach under
 * the root, paired with each view node it rolls up into (itself and its ancestors down from
 * the root). Families first aggregate their facts per centre (one pass, hashed), then join
 * centre_node by equality and sum, so a fact is counted once in each node above it.
 * Materialized: inlined, the planner would probe the facts once per (centre, node) pair.
 */
export function nodeCtes(v: ViewSql): SQL {
  const like = subtreePattern(v.rootPath);
  return sql`view_nodes as (
    select o.id, o.path from organisations o where o.path like ${like} and o.depth <= ${v.maxDepth}
  ),
  centre_node as materialized (
    select c.id as centre_id, n.id as node_id
    from organisations c join view_nodes n on c.path like n.path || '%'
    where c.path like ${like} and ${v.centreCond(sql`c.id`)}
  )`;
}

/** Inclusive period on a date column. */
export function inPeriod(v: ViewSql, column: SQL): SQL {
  return v.from ? sql`${column} between ${v.from}::date and ${v.to}::date` : sql`${column} <= ${v.to}::date`;
}

/** Inclusive period on a timestamp column (the end date's whole day, in the network's zone). */
export function inPeriodTs(v: ViewSql, column: SQL): SQL {
  const end = dayStart(sql`${v.to}::date + 1`);
  return v.from ? sql`${column} >= ${dayStart(sql`${v.from}::date`)} and ${column} < ${end}` : sql`${column} < ${end}`;
}

/** The share of a site's planned recruitment period gone by the period's end (null without a plan). */
export function planFraction(v: ViewSql): SQL {
  const start = studyPlanStart("s");
  return sql`case when ${start} is null or s.planned_end is null or s.planned_end <= ${start} then null
    else least(1.0, greatest(0.0, (${v.to}::date - ${start})::numeric / (s.planned_end - ${start}))) end`;
}

