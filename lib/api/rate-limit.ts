import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokenUsage } from "@/db/schema";

/** Requests a token may make per window, unless API_RATE_LIMIT_PER_MINUTE says otherwise. */
export const DEFAULT_API_RATE_LIMIT = 600;
export const API_RATE_WINDOW_MS = 60_000;

export function configuredRateLimit(): number {
  const raw = Number(process.env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(raw) && raw > 0 && raw <= 1_000_000 ? raw : DEFAULT_API_RATE_LIMIT;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed window per token, counted in the database (one row per token and window, upserted by
 * each request) so that every app instance counts against the same limit. Refused requests
 * count too: hammering does not reopen the window.
 */
export async function takeRateSlot(db: Db, tokenId: number, limit: number, now: Date): Promise<RateDecision> {
  const start = Math.floor(now.getTime() / API_RATE_WINDOW_MS) * API_RATE_WINDOW_MS;
  const windowStart = new Date(start);
  const [row] = await db
    .insert(apiTokenUsage)
    .values({ tokenId, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [apiTokenUsage.tokenId, apiTokenUsage.windowStart], set: { count: sql`${apiTokenUsage.count} + 1` } })
    .returning({ count: apiTokenUsage.count });
  const count = row?.count ?? 0;
  // The first request of a window clears the token's older ones: they decide nothing any more.
  if (count === 1) await db.delete(apiTokenUsage).where(and(eq(apiTokenUsage.tokenId, tokenId), lt(apiTokenUsage.windowStart, windowStart)));
  if (count > limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + API_RATE_WINDOW_MS - now.getTime()) / 1000)) };
  return { ok: true, remaining: limit - count };
}
