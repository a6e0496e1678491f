import { sql, type SQL } from "drizzle-orm";

/**
 * ORDER BY terms that sort codes as people read them — "B2" before "B10", "R2" before "R10",
 * "R01G2" before "R01G10": the text before each of the first two runs of digits, each run
 * compared as a number, then the whole code (codes here are short: centre, freezer, rack, box).
 */
export function naturalOrder(code: SQL): SQL {
  return sql`substring(${code} from '^[^0-9]*'),
    substring(${code} from '^[^0-9]*([0-9]+)')::numeric nulls first,
    substring(${code} from '^[^0-9]*[0-9]+([^0-9]*)') nulls first,
    substring(${code} from '^[^0-9]*[0-9]+[^0-9]*([0-9]+)')::numeric nulls first,
    ${code}`;
}

/**
 * Centres in the order of the tree, over an organisations alias: the hub, then each level
 * down, each level by code in natural order (never by path text, which sorts ids as strings).
 */
export function centreTreeOrder(o = "o"): SQL {
  if (!/^[a-z][a-z0-9_]*$/.test(o)) throw new Error(`malformed table alias: ${o}`);
  return sql`${sql.raw(`${o}.depth`)}, ${naturalOrder(sql.raw(`${o}.code`))}`;
}
