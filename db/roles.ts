import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * Two PostgreSQL roles. The owner (DATABASE_OWNER_URL) owns the schema and runs the migrations;
 * the app (DATABASE_URL) reads and writes the application's tables but may only INSERT and
 * SELECT the audit trail: it cannot update, delete or truncate it, nor switch its triggers off
 * (only an owner can), so a compromised app server cannot rewrite history. What the owner could
 * still do is made visible by the signed checkpoints (lib/audit/checkpoints.ts).
 */
export const APPEND_ONLY_TABLES = ["audit_events", "audit_checkpoints", "audit_verifications"] as const;

/** Run as the owner after every migration (idempotent): the app role's privileges, exactly. */
export async function grantAppRole(owner: Db, appRole: string): Promise<void> {
  const role = sql.identifier(appRole);
  const appendOnly = sql.join(
    APPEND_ONLY_TABLES.map((t) => sql.identifier(t)),
    sql`, `,
  );
  await owner.execute(sql`grant usage on schema public to ${role}`);
  await owner.execute(sql`grant select, insert, update, delete on all tables in schema public to ${role}`);
  // update: the demo seed sets sequences past its bulk-inserted ids (setval).
  await owner.execute(sql`grant usage, select, update on all sequences in schema public to ${role}`);
  await owner.execute(sql`revoke truncate, references, trigger on all tables in schema public from ${role}`);
  await owner.execute(sql`revoke update, delete on ${appendOnly} from ${role}`);
  // The health check counts applied migrations.
  await owner.execute(sql`grant usage on schema drizzle to ${role}`);
  await owner.execute(sql`grant select on drizzle.__drizzle_migrations to ${role}`);
}
