import { integer, jsonb, pgTable, serial, text, unique } from "drizzle-orm/pg-core";
import { timestamps } from "@/db/schema/columns";
import { users } from "@/db/schema/people";

/**
 * One row per command request that carried a request key and succeeded: written in the same
 * transaction as the command's own rows (lib/actions/request-keys.ts). A second request with the
 * same (user, command, key) is answered from `result` without running the command again; with a
 * different input (`input_hash`) it is refused. The unique key makes two concurrent identical
 * requests wait for each other: one runs, the other reads what it stored.
 */
export const commandRequests = pgTable(
  "command_requests",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    command: text("command").notNull(),
    requestKey: text("request_key").notNull(),
    /** SHA-256 of the validated input (canonical JSON, the key itself left out). */
    inputHash: text("input_hash").notNull(),
    /** What the command returned; null only inside the transaction that is running it. */
    result: jsonb("result"),
    ...timestamps,
  },
  (t) => [unique("command_requests_user_command_key_uq").on(t.userId, t.command, t.requestKey)],
);

export type CommandRequest = typeof commandRequests.$inferSelect;
