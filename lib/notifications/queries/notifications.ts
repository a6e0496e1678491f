import "server-only";
import { and, count, desc, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { NotificationEntity, NotificationKind } from "@/lib/enums";
import { notifications } from "@/db/schema";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";
import { ownNotifications } from "@/lib/notifications/scope";

export const NOTIFICATION_PAGE_SIZE = 20;

/** How many of the actor's own notifications are unread (the bell's badge). */
export const unreadCount = defineQuery({
  permission: "notification.read",
  run: async (actor: ReadActor): Promise<number> => {
    const db = await getDb();
    const [{ n }] = await db.select({ n: count() }).from(notifications).where(and(ownNotifications(actor), isNull(notifications.readAt)));
    return Number(n);
  },
  otherwise: () => 0,
});

export type NotificationRow = {
  id: number;
  kind: NotificationKind;
  params: Record<string, string | number | boolean>;
  createdAt: string;
  read: boolean;
  /** What it is about. The page links to it only where the actor may still open it (scope may have changed since). */
  participantId: number | null;
  entityType: NotificationEntity;
  entityId: number;
};

/** The actor's own notifications, newest first. */
export const listNotifications = defineQuery({
  permission: "notification.read",
  run: async (actor: ReadActor, page: number): Promise<Paged<NotificationRow>> => {
    const db = await getDb();
    const mine = ownNotifications(actor);
    const [{ n }] = await db.select({ n: count() }).from(notifications).where(mine);
    const rows = await db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        params: notifications.params,
        createdAt: sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
        read: sql<boolean>`${notifications.readAt} is not null`,
        participantId: notifications.participantId,
        entityType: notifications.entityType,
        entityId: notifications.entityId,
      })
      .from(notifications)
      .where(mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(NOTIFICATION_PAGE_SIZE)
      .offset((page - 1) * NOTIFICATION_PAGE_SIZE);
    return paged<NotificationRow>(rows, Number(n), page, NOTIFICATION_PAGE_SIZE);
  },
  otherwise: (page: number) => paged<NotificationRow>([], 0, page, NOTIFICATION_PAGE_SIZE),
});
