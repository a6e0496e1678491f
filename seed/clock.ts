import { sql, type SQL } from "drizzle-orm";
import { NETWORK_TIME_ZONE, networkDayOf } from "@/lib/time/network-day";

/**
 * The moment the demo data is built around ("now" for the demo): real time when the server
 * loads the demo, a fixed instant in tests, so the same seed gives the same rows on every engine,
 * machine and day. Every date of the seed is derived from it; nothing reads the process's or the
 * database's clock or time zone.
 */
export type SeedClock = {
  now: Date;
  /** The network's day of `now` (YYYY-MM-DD). */
  today: string;
};

export function seedClock(now: Date = new Date()): SeedClock {
  return { now, today: networkDayOf(now) };
}

/**
 * The same instant n calendar months earlier (UTC fields; the day clamped to the month's end),
 * independent of the process's time zone.
 */
export function monthsBefore(at: Date, n: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() - n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(at.getUTCDate(), last), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

/**
 * The start of the clock's network day as a timestamptz expression: rows dated "n days ago at
 * hh:mm" count from it, whatever the session's time zone.
 */
export function networkMidnight(clock: SeedClock): SQL {
  return sql`(${clock.today}::date::timestamp at time zone ${NETWORK_TIME_ZONE})`;
}
