import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { API_TOKEN_ACCESS } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { users } from "@/db/schema/people";

export const apiTokenAccess = pgEnum("api_token_access", API_TOKEN_ACCESS);

/**
 * Personal access tokens for the REST API (/api/v1). The secret ("ncrc_pat_" + 32 random bytes
 * in base64url) is shown once when made; only its SHA-256 is stored, with a short visible prefix
 * to tell tokens apart. A token speaks for its user with the user's scope as loaded on every
 * request, never more: `study_ids` (null = all of the user's studies) only narrows it.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the secret, e.g. "ncrc_pat_AbC1": enough to recognise, not to use. */
    prefix: text("prefix").notNull(),
    access: apiTokenAccess("access").notNull(),
    studyIds: integer("study_ids").array(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /**
     * The creating form's request key: pressing "create" twice makes one token. Kept here rather
     * than in command_requests, whose stored result would hold the secret.
     */
    requestKey: text("request_key"),
    ...timestamps,
  },
  (t) => [index("api_tokens_user_idx").on(t.userId).where(sql`revoked_at is null`), uniqueIndex("api_tokens_user_request_key_uq").on(t.userId, t.requestKey)],
);

/**
 * Requests per token per fixed window (lib/api/rate-limit.ts): one counter row upserted per
 * request, in the database so that every app instance counts against the same limit.
 */
export const apiTokenUsage = pgTable(
  "api_token_usage",
  {
    tokenId: integer("token_id").notNull().references(() => apiTokens.id),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.windowStart] })],
);

export type ApiTokenRow = typeof apiTokens.$inferSelect;
