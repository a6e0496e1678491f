import { sql, type SQL } from "drizzle-orm";
import { lastThreeMonths, upTo, within, type BucketRange, type SignedBuckets } from "@/lib/metrics/period-buckets";
import type { ViewSql } from "@/lib/metrics/sql/view";

/** Alias of a facts table in a query (letters only: it is written into the SQL as is). */
function alias(a: string): string {
  if (!/^[a-z]+$/.test(a)) throw new Error(`malformed table alias: ${a}`);
  return a;
}

/** A condition on a facts row (`grain`, `bucket`) that keeps exactly the buckets of the ranges. */
export function inBuckets(a: string, ranges: BucketRange[]): SQL {
  const t = alias(a);
  const grain = sql.raw(`${t}.grain`);
  const bucket = sql.raw(`${t}.bucket`);
  if (!ranges.length) return sql`false`;
  const parts = ranges.map((r) =>
    r.from === null
      ? sql`(${grain} = ${sql.raw(String(r.grain))} and ${bucket} < ${r.until}::date)`
      : sql`(${grain} = ${sql.raw(String(r.grain))} and ${bucket} >= ${r.from}::date and ${bucket} < ${r.until}::date)`,
  );
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** The rows a signed bucket set reads (its plus and its minus buckets). */
export function touches(a: string, b: SignedBuckets): SQL {
  return inBuckets(a, [...b.plus, ...b.minus]);
}

/** A row's sign in a signed bucket set: 1 in a plus bucket, −1 in a minus bucket, 0 outside. */
export function signIn(a: string, b: SignedBuckets): SQL {
  if (!b.minus.length) return sql`(case when ${inBuckets(a, b.plus)} then 1 else 0 end)`;
  return sql`(case when ${inBuckets(a, b.plus)} then 1 when ${inBuckets(a, b.minus)} then -1 else 0 end)`;
}

/** The three bucket sets a view reads: its period, everything up to its end, and the three months before its end. */
export function viewBuckets(v: Pick<ViewSql, "from" | "to" | "today">) {
  const last3 = lastThreeMonths(v.to);
  return {
    period: within(v.from, v.to, v.today),
    toDate: upTo(v.to, v.today),
    last3m: within(last3.from, last3.to, v.today),
  };
}

/**
 * Which study keys of the counters a view reads: the centre's all-studies rows (study −1) when
 * it counts every study, else the rows of the studies it counts.
 */
export function countedStudies(v: Pick<ViewSql, "studyLimited" | "studyCond">, column: SQL): SQL {
  return v.studyLimited ? v.studyCond(column) : sql`${column} = -1`;
}

/** A date column inside the period (inclusive), for the few base-row lookups left. */
export function dayInPeriod(v: Pick<ViewSql, "from" | "to">, column: SQL): SQL {
  return v.from ? sql`${column} between ${v.from}::date and ${v.to}::date` : sql`${column} <= ${v.to}::date`;
}

/**
 * The buckets of several signed sets as one small table `alias(grain, lo, hi, <set>...)`: a row
 * per bucket range with its sign in each set (0 where it is not in that set). Joined to a facts
 * table on `grain = alias.grain and bucket >= lo and bucket < hi`, every range is one index
 * range scan, and `sum(x * alias.<set>)` is the set's figure (a fact row in ranges of two sets
 * meets both rows, each adding to its own set only).
 */
export function bucketTable(alias: string, sets: Record<string, SignedBuckets>): SQL {
  const names = Object.keys(sets);
  if (!names.every((n) => /^[a-z]\w*$/.test(n)) || !/^[a-z]+$/.test(alias)) throw new Error("malformed bucket table names");
  // One row per distinct range with its sign in every set: a range in two sets (a view's period
  // and its "to date" are the same when it has no start) is read once.
  const byRange = new Map<string, { r: BucketRange; signs: number[] }>();
  names.forEach((name, i) => {
    for (const [ranges, sign] of [[sets[name].plus, 1], [sets[name].minus, -1]] as const) {
      for (const r of ranges) {
        const key = `${r.grain}|${r.from}|${r.until}`;
        const row = byRange.get(key) ?? { r, signs: names.map(() => 0) };
        row.signs[i] += sign;
        byRange.set(key, row);
      }
    }
  });
  const rows = [...byRange.values()].map(
    ({ r, signs }) => sql`(${sql.raw(String(r.grain))}::smallint, ${r.from ?? "-infinity"}::date, ${r.until}::date, ${sql.raw(signs.join(", "))})`,
  );
  const cols = sql.raw(["grain", "lo", "hi", ...names].join(", "));
  if (!rows.length) return sql`(select null::smallint as grain, null::date as lo, null::date as hi, ${sql.raw(names.map((n) => `0 as ${n}`).join(", "))} where false) ${sql.raw(alias)}`;
  return sql`(values ${sql.join(rows, sql`, `)}) as ${sql.raw(alias)}(${cols})`;
}

/**
 * The rows of a facts table in the ranges of a bucketTable, as `join lateral` so that each
 * range is its own index range scan (a plain join let the planner hash the whole table).
 * `where` narrows the rows further (alias `f` of the facts table inside, as `into` outside).
 */
export function factsInRanges(table: "metric_facts" | "metric_specimens" | "metric_enrol_days" | "metric_screen_reasons", ranges: string, into: string, where: (f: SQL) => SQL): SQL {
  if (!/^[a-z]+$/.test(ranges) || !/^[a-z]+$/.test(into)) throw new Error("malformed alias");
  const r = sql.raw(ranges);
  return sql`cross join lateral (
      select x.* from ${sql.raw(table)} x
      where x.grain = ${r}.grain and x.bucket >= ${r}.lo and x.bucket < ${r}.hi and ${where(sql.raw("x"))}
    ) ${sql.raw(into)}`;
}
