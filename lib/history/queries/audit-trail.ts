import "server-only";
import { and, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import type { AuditFilters } from "@/lib/history/filters";
import { emptyHistory, HISTORY_PAGE_SIZE, pagedHistory } from "@/lib/history/paged-history";
import { auditTrailScope } from "@/lib/history/scope";
import { defineQuery } from "@/lib/reads/define-query";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The filters as conditions; days are the network's calendar days. */
function filterConditions(f: AuditFilters): SQL[] {
  const conds: SQL[] = [];
  if (f.entityType) conds.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditEvents.entityId, f.entityId));
  if (f.action) conds.push(ilike(auditEvents.action, `%${escapeLike(f.action)}%`));
  if (f.actor) {
    const like = `%${escapeLike(f.actor)}%`;
    conds.push(or(ilike(users.email, like), ilike(users.name, like)) as SQL);
  }
  if (f.from) conds.push(gte(auditEvents.at, sql`(${f.from}::date)::timestamp at time zone ${NETWORK_TIME_ZONE}`));
  if (f.to) conds.push(lt(auditEvents.at, sql`(${f.to}::date + 1)::timestamp at time zone ${NETWORK_TIME_ZONE}`));
  return conds;
}

/** The network audit trail in the actor's reach, filtered, one page. */
export const listAuditEvents = defineQuery({
  permission: "audit.read",
  run: async (actor, f: AuditFilters, pageSize: number = HISTORY_PAGE_SIZE) => pagedHistory(and(auditTrailScope(actor), ...filterConditions(f)), f.page, pageSize),
  otherwise: (f: AuditFilters, pageSize: number = HISTORY_PAGE_SIZE) => emptyHistory(f.page, pageSize),
});

/** The entity types present in the actor's part of the trail, for the filter's choices. */
export const auditEntityTypes = defineQuery({
  permission: "audit.read",
  run: async (actor): Promise<string[]> => {
    const db = await getDb();
    const rows = await db.selectDistinct({ t: auditEvents.entityType }).from(auditEvents).where(auditTrailScope(actor)).orderBy(auditEvents.entityType);
    return rows.map((r) => r.t);
  },
  otherwise: (): string[] => [],
});

/** The actions present in the actor's part of the trail, for the filter's choices. */
export const auditActionNames = defineQuery({
  permission: "audit.read",
  run: async (actor): Promise<string[]> => {
    const db = await getDb();
    const rows = await db.selectDistinct({ a: auditEvents.action }).from(auditEvents).where(auditTrailScope(actor)).orderBy(auditEvents.action);
    return rows.map((r) => r.a);
  },
  otherwise: (): string[] => [],
});
