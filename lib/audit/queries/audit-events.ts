import "server-only";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, organisations, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { centreScope } from "@/lib/authz/scope";
import { paged, type Paged } from "@/lib/reads/paging";

type ScopeActor = Pick<Actor, "role" | "centreId" | "centrePath">;

export type AuditFilters = {
  entityType: string;
  entityId: string;
  actor: string;
  action: string;
  from: string;
  to: string;
  page: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseAuditFilters(sp: Partial<Record<Exclude<keyof AuditFilters, "page">, string>> & { page?: number }): AuditFilters {
  const text = (v: string | undefined, max = 100) => (v ?? "").trim().slice(0, max);
  const day = (v: string | undefined) => (v && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : "");
  return {
    entityType: text(sp.entityType, 60),
    entityId: text(sp.entityId, 60),
    actor: text(sp.actor),
    action: text(sp.action, 60),
    from: day(sp.from),
    to: day(sp.to),
    page: sp.page ?? 1,
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Audit events in the actor's reach: everything for network-wide roles, otherwise only events
 * whose centre lies in the actor's subtree. Dates are calendar days in China Standard Time.
 */
function auditWhere(actor: ScopeActor, f: AuditFilters): SQL | undefined {
  const conds: SQL[] = [centreScope(actor, auditEvents.centreId)];
  if (f.entityType) conds.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditEvents.entityId, f.entityId));
  if (f.action) conds.push(ilike(auditEvents.action, `%${escapeLike(f.action)}%`));
  if (f.actor) {
    const like = `%${escapeLike(f.actor)}%`;
    conds.push(or(ilike(users.email, like), ilike(users.name, like)) as SQL);
  }
  if (f.from) conds.push(gte(auditEvents.at, sql`(${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`));
  if (f.to) conds.push(lt(auditEvents.at, sql`(${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`));
  return and(...conds);
}

export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  centreCode: string | null;
  actorEmail: string | null;
  actorName: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
};

export const AUDIT_PAGE_SIZE = 25;

export async function listAuditEvents(actor: ScopeActor, f: AuditFilters, pageSize = AUDIT_PAGE_SIZE): Promise<Paged<AuditRow>> {
  const db = await getDb();
  const where = auditWhere(actor, f);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where);
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      centreCode: organisations.code,
      actorEmail: users.email,
      actorName: users.name,
      before: auditEvents.before,
      after: auditEvents.after,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(organisations, eq(organisations.id, auditEvents.centreId))
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(pageSize)
    .offset((f.page - 1) * pageSize);
  return paged(rows, total, f.page, pageSize);
}

/** The entity types present in the actor's part of the trail, for the filter's choices. */
export async function auditEntityTypes(actor: ScopeActor): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ t: auditEvents.entityType })
    .from(auditEvents)
    .where(centreScope(actor, auditEvents.centreId))
    .orderBy(auditEvents.entityType);
  return rows.map((r) => r.t);
}
