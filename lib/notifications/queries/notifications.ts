import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { participantScope } from "@/lib/followup/scope";
import { paged, type Paged } from "@/lib/reads/paging";

export const NOTIFICATION_PAGE_SIZE = 20;

export async function unreadCount(actor: Pick<Actor, "id" | "role">): Promise<number> {
  if (!can(actor, "notification.read")) return 0;
  const db = await getDb();
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notifications where user_id = ${actor.id} and read_at is null`);
  return Number(n);
}

export type NotificationRow = {
  id: number;
  kind: string;
  params: Record<string, string | number | boolean>;
  createdAt: string;
  read: boolean;
  /** Where it leads, when the actor can still see the participant (scope may have changed since). */
  subjectCode: string | null;
  entityId: number | null;
};

/** The actor's own notifications, newest first; links only to participants still in scope. */
export async function listNotifications(actor: Pick<Actor, "id" | "role" | "centreId" | "centrePath">, page: number): Promise<Paged<NotificationRow>> {
  if (!can(actor, "notification.read")) return paged([], 0, page, NOTIFICATION_PAGE_SIZE);
  const db = await getDb();
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notifications where user_id = ${actor.id}`);
  const rows = await queryRows<NotificationRow>(
    db,
    sql`select nt.id, nt.kind, nt.params, to_char(nt.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
          nt.read_at is not null as read, nt.entity_id as "entityId",
          (select p.subject_code from participants p where p.id = nt.participant_id and ${participantScope(actor)}) as "subjectCode"
        from notifications nt where nt.user_id = ${actor.id}
        order by nt.created_at desc, nt.id desc limit ${NOTIFICATION_PAGE_SIZE} offset ${(page - 1) * NOTIFICATION_PAGE_SIZE}`,
  );
  return paged(rows, n, page, NOTIFICATION_PAGE_SIZE);
}
