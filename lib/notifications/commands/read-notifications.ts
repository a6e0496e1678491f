import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { notFound } from "@/lib/actions/errors";
import { idField } from "@/lib/followup/fields";

export const readNotificationsSchema = z.strictObject({
  notificationId: z.union([z.literal("all"), idField]),
});

/** Marks one of the actor's own notifications (or all of them) read. */
export async function readNotifications({ actor, input, tx, audit }: ActionContext<z.infer<typeof readNotificationsSchema>>) {
  const mine = and(eq(notifications.userId, actor.id), isNull(notifications.readAt));
  const where = input.notificationId === "all" ? mine : and(mine, eq(notifications.id, input.notificationId));
  const rows = await tx.update(notifications).set({ readAt: sql`now()`, updatedAt: new Date() }).where(where).returning({ id: notifications.id });
  if (input.notificationId !== "all" && rows.length === 0) throw notFound();
  audit({ action: "notification.read", entityType: "notification", entityId: input.notificationId === "all" ? null : input.notificationId, after: { count: rows.length } });
  return { read: rows.length };
}
