import { boolean, index, integer, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
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
export type NetworkRole = (typeof networkRole.enumValues)[number];
