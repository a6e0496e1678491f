import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { notFound } from "@/lib/actions/errors";
import { idField } from "@/lib/validation/fields";
import { ownNotifications } from "@/lib/notifications/scope";

/** Marks one of the actor's own notifications (or all of them) read. */
export const readNotificationsCommand = defineCommand({
  name: "notification.read",
  schema: z.strictObject({ notificationId: z.union([z.literal("all"), idField]) }),
  permission: "notification.read",
  handler: async ({ actor, input, tx, audit }) => {
    const unread = and(ownNotifications(actor), isNull(notifications.readAt));
    const where = input.notificationId === "all" ? unread : and(unread, eq(notifications.id, input.notificationId));
    const rows = await tx.update(notifications).set({ readAt: sql`now()`, updatedAt: new Date() }).where(where).returning({ id: notifications.id });
    if (input.notificationId !== "all" && rows.length === 0) throw notFound();
    audit({ action: "notification.read", entityType: "notification", entityId: input.notificationId === "all" ? null : input.notificationId, after: { count: rows.length } });
    return { read: rows.length };
  },
});
