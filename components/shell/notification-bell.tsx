import Link from "next/link";
import { Bell } from "lucide-react";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/authz/actor";
import { unreadCount } from "@/lib/notifications/queries/notifications";

/** The header's link to the notifications, with the number of unread ones. */
export async function NotificationBell({ actor }: { actor: Pick<Actor, "id" | "role"> }) {
  const [n, t] = [await unreadCount(actor), await getTranslations("followup.notifications")];
  return (
    <Link href="/notifications" className="relative inline-flex items-center rounded-md p-1.5 hover:bg-muted" aria-label={t("unread", { n })} data-testid="notification-bell">
      <Bell className="size-5" aria-hidden />
      {n > 0 ? (
        <span className="absolute -right-1 -top-1 min-w-5 rounded-full bg-destructive px-1 text-center text-xs font-semibold text-white" data-testid="unread-badge">
          {n > 99 ? "99+" : n}
        </span>
      ) : null}
    </Link>
  );
}
