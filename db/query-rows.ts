import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Rows of a raw SQL query, typed by the caller (both drivers answer with `.rows`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
