import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { NETWORK_ROLES } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { organisations } from "@/db/schema/network";

export const networkRole = pgEnum("network_role", NETWORK_ROLES);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: networkRole("role").notNull(),
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    disabled: boolean("disabled").notNull().default(false),
    /** Bumped on password change, role change and disabling: older sessions end. */
    sessionVersion: integer("session_version").notNull().default(1),
    /** Set on an account created with a temporary password: nothing but a new password until it is chosen. */
    passwordChangeRequired: boolean("password_change_required").notNull().default(false),
    locale: text("locale"),
    ...timestamps,
  },
  (t) => [index("users_centre_idx").on(t.centreId)],
);

/** One row per sign-in; the JWT carries only its id, so every request is checked here. */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    sessionVersion: integer("session_version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/**
 * One-time password reset links issued by an administrator or coordinator. Only the SHA-256 of
 * the token is stored; a link is usable until it expires, is used, or a newer one revokes it
 * (at most one open link per user).
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    issuedBy: integer("issued_by").notNull().references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("password_resets_user_idx").on(t.userId),
    uniqueIndex("password_resets_one_open_idx").on(t.userId).where(sql`used_at is null and revoked_at is null`),
  ],
);

/** Failed sign-ins, keyed by account ("acct:email") and by client ("ip:addr"). */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: serial("id").primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

export type User = typeof users.$inferSelect;
export type PasswordReset = typeof passwordResets.$inferSelect;
export type NetworkRole = (typeof networkRole.enumValues)[number];
