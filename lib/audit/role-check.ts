import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

/**
 * Whether the role this process connects as could change the audit trail: a superuser, an
 * owner (or member of the owner role) of an audit table — who can switch its triggers off — or
 * a role holding UPDATE, DELETE or TRUNCATE on one. Null when it may only append and read.
 */
export async function auditRoleProblem(db: Db): Promise<string | null> {
  const rows = await queryRows<{ role: string; superuser: boolean; table: string; owns: boolean; upd: boolean; del: boolean; trunc: boolean }>(
    db,
    sql`select current_user as role, r.rolsuper as superuser, c.relname as table,
               pg_has_role(current_user, c.relowner, 'USAGE') as owns,
               has_table_privilege(c.oid, 'UPDATE') as upd,
               has_table_privilege(c.oid, 'DELETE') as del,
               has_table_privilege(c.oid, 'TRUNCATE') as trunc
        from pg_roles r, pg_class c
        where r.rolname = current_user
          and c.oid in ('audit_events'::regclass, 'audit_checkpoints'::regclass, 'audit_verifications'::regclass)
        order by c.relname`,
  );
  const first = rows[0];
  if (!first) return "the audit tables are missing";
  if (first.superuser) return `the database role "${first.role}" is a superuser`;
  for (const r of rows) {
    if (r.owns) return `the database role "${r.role}" owns ${r.table} (it could switch its triggers off)`;
    const rights = [r.upd && "UPDATE", r.del && "DELETE", r.trunc && "TRUNCATE"].filter(Boolean);
    if (rights.length) return `the database role "${r.role}" holds ${rights.join(", ")} on ${r.table}`;
  }
  return null;
}
