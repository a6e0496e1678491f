import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

/*
 * The facts count timestamps (queries raised and closed, specimens collected) in network days,
 * in the zone stored in metric_settings, because the triggers cannot read the app's settings.
 * Should NETWORK_TIME_ZONE name another zone than the one the facts were counted in, the first
 * dashboard read of the process recounts them all (metric_rebuild, in one transaction that
 * holds writers back) before it answers. Once per database handle.
 */

const checked = new WeakMap<object, Promise<void>>();

export function ensureFactsZone(db: Db): Promise<void> {
  let done = checked.get(db);
  if (!done) {
    done = syncFactsZone(db);
    checked.set(db, done);
    done.catch(() => checked.delete(db));
  }
  return done;
}

/** Recounts the facts when they were counted in another zone than NETWORK_TIME_ZONE (not memoized). */
export async function syncFactsZone(db: Db): Promise<void> {
  const [row] = await queryRows<{ zone: string }>(db, sql`select zone from metric_settings where id = 1`);
  if (row?.zone === NETWORK_TIME_ZONE) return;
  await db.transaction(async (tx) => {
    const [locked] = await queryRows<{ zone: string }>(tx, sql`select zone from metric_settings where id = 1 for update`);
    if (locked?.zone !== NETWORK_TIME_ZONE) await tx.execute(sql`select metric_rebuild(${NETWORK_TIME_ZONE})`);
  });
}
