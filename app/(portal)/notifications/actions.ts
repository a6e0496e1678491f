"use server";

import { defineAction } from "@/lib/actions/define-action";
import { readNotificationsCommand } from "@/lib/notifications/commands/read-notifications";

export const readNotificationsAction = defineAction(readNotificationsCommand, { revalidate: () => ["/notifications", "/", "/follow-up"] });
