"use server";

import { defineAction } from "@/lib/actions/define-action";
import { readNotifications, readNotificationsSchema } from "@/lib/notifications/commands/read-notifications";

export const readNotificationsAction = defineAction({
  schema: readNotificationsSchema,
  permission: "notification.read",
  handler: readNotifications,
  revalidate: () => ["/notifications", "/", "/follow-up"],
});
