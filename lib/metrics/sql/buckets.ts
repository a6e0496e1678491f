import { sql, type SQL } from "drizzle-orm";
import { lastThreeMonths, periodBuckets, type BucketRange } from "@/lib/metrics/period-buckets";
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

/** The three bucket sets a view reads: its period, everything up to its end, and the three months before its end. */
export function viewBuckets(v: Pick<ViewSql, "from" | "to">) {
  const last3 = lastThreeMonths(v.to);
  return {
    period: periodBuckets(v.from, v.to),
    toDate: periodBuckets(null, v.to),
    last3m: periodBuckets(last3.from, last3.to),
  };
}

/** A date column inside the period (inclusive), for the few base-row lookups left. */
export function dayInPeriod(v: Pick<ViewSql, "from" | "to">, column: SQL): SQL {
  return v.from ? sql`${column} between ${v.from}::date and ${v.to}::date` : sql`${column} <= ${v.to}::date`;
}
