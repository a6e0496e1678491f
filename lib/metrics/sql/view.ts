import { sql, type SQL } from "drizzle-orm";

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

/** Paths hold only digits and slashes (checked), so the LIKE pattern needs no escaping. */
export function subtreeLike(path: string): string {
  if (!/^(\/\d+)+\/$/.test(path)) throw new Error(`malformed centre path: ${path}`);
  return `${path}%`;
}

/**
 * view_nodes: the nodes that get figures. centre_node: every centre in the actor's reach under
 * the root, paired with each view node it rolls up into (itself and its ancestors down from
 * the root). Families first aggregate their facts per centre (one pass, hashed), then join
 * centre_node by equality and sum, so a fact is counted once in each node above it.
 * Materialized: inlined, the planner would probe the facts once per (centre, node) pair.
 */
export function nodeCtes(v: ViewSql): SQL {
  const like = subtreeLike(v.rootPath);
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

/** Inclusive period on a timestamp column (the end date's whole day, China time). */
export function inPeriodTs(v: ViewSql, column: SQL): SQL {
  const end = sql`(${v.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;
  return v.from
    ? sql`${column} >= (${v.from}::date)::timestamp at time zone 'Asia/Shanghai' and ${column} < ${end}`
    : sql`${column} < ${end}`;
}

/** The share of a site's planned recruitment period gone by the period's end (null without a plan). */
export function planFraction(v: ViewSql): SQL {
  const start = sql`coalesce((s.recruiting_started_at at time zone 'Asia/Shanghai')::date, s.planned_start)`;
  return sql`case when ${start} is null or s.planned_end is null or s.planned_end <= ${start} then null
    else least(1.0, greatest(0.0, (${v.to}::date - ${start})::numeric / (s.planned_end - ${start}))) end`;
}

