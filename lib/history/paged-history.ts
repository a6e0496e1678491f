import "server-only";
import { desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, organisations, users } from "@/db/schema";
import { paged, type Paged } from "@/lib/reads/paging";

/** One event of a history as the audit trail and the study history show it. */
export type HistoryRow = {
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

export const HISTORY_PAGE_SIZE = 25;

/** An empty page: what a reader without the permission gets. */
export function emptyHistory(page: number, pageSize = HISTORY_PAGE_SIZE): Paged<HistoryRow> {
  return paged([], 0, page, pageSize);
}

/**
 * The one paged-history query: audit events matching `where` (which carries the reader's
 * scope, lib/history/scope.ts), newest first, with who did it and at which centre. `where` may
 * use the columns of `users` (the actor) as well as of `audit_events`.
 */
export async function pagedHistory(where: SQL | undefined, page: number, pageSize = HISTORY_PAGE_SIZE): Promise<Paged<HistoryRow>> {
  const db = await getDb();
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
    .offset((page - 1) * pageSize);
  return paged(rows, Number(total), page, pageSize);
}
