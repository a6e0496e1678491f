import { databaseHealth, getHandle } from "@/db/client";

export type Health = { status: "ok"; database: "pglite" | "postgres"; migrations: number } | { status: "unavailable"; error: string };

/** Reports the database, not just that the process is up. */
export async function checkHealth(): Promise<Health> {
  try {
    return { status: "ok", ...(await databaseHealth(await getHandle())) };
  } catch (err) {
    return { status: "unavailable", error: err instanceof Error ? err.message.split("\n")[0] : "database unavailable" };
  }
}
