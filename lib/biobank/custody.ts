import type { Db } from "@/db/client";
import { custodyEvents } from "@/db/schema";

type Event = typeof custodyEvents.$inferInsert;

/** Appends chain-of-custody rows (who, where, when) inside the command's transaction. */
export async function recordCustody(tx: Db, events: Event[]): Promise<void> {
  if (events.length) await tx.insert(custodyEvents).values(events);
}
