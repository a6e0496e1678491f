import Link from "next/link";
import { Bell } from "lucide-react";
import { getTranslations } from "next-intl/server";

/** The header's link to the notifications, with the number of unread ones (read by the layout). */
export async function NotificationBell({ unread }: { unread: number }) {
  const t = await getTranslations("followup.notifications");
  return (
    <Link href="/notifications" className="relative inline-flex items-center rounded-md p-1.5 hover:bg-muted" aria-label={t("unread", { n: unread })} data-testid="notification-bell">
      <Bell className="size-5" aria-hidden />
      {unread > 0 ? (
        <span className="absolute -right-1 -top-1 min-w-5 rounded-full bg-destructive px-1 text-center text-xs font-semibold text-white" data-testid="unread-badge">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
