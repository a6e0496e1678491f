import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

/*
 * Figures kept by triggers count days in the zone stored in a settings row (id 1, column zone),
 * because the triggers cannot read the app's settings. Should NETWORK_TIME_ZONE name another
 * zone, the first read of the process recounts them all (the rebuild function, in one
 * transaction that holds writers back) before it answers. Once per database handle.
 */

/** `sync` recounts when the figures were counted in another zone (not memoized); `ensure` does it once per handle. */
export function zoneRecount(settingsTable: string, rebuildFunction: string) {
  const checked = new WeakMap<object, Promise<void>>();
  async function sync(db: Db): Promise<void> {
    const [row] = await queryRows<{ zone: string }>(db, sql`select zone from ${sql.identifier(settingsTable)} where id = 1`);
    if (row?.zone === NETWORK_TIME_ZONE) return;
    await db.transaction(async (tx) => {
      const [locked] = await queryRows<{ zone: string }>(tx, sql`select zone from ${sql.identifier(settingsTable)} where id = 1 for update`);
      if (locked?.zone !== NETWORK_TIME_ZONE) await tx.execute(sql`select ${sql.identifier(rebuildFunction)}(${NETWORK_TIME_ZONE})`);
    });
  }
  function ensure(db: Db): Promise<void> {
    let done = checked.get(db);
    if (!done) {
      done = sync(db);
      checked.set(db, done);
      done.catch(() => checked.delete(db));
    }
    return done;
  }
  return { sync, ensure };
}
