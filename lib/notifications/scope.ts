import { eq, type SQL } from "drizzle-orm";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";

/** A person reads and marks only their own notifications (over the `notifications` table). */
export function ownNotifications(actor: Pick<Actor, "id">): SQL {
  return eq(notifications.userId, actor.id);
}
