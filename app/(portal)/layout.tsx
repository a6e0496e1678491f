import { redirect } from "next/navigation";
import { setMyLocale } from "@/app/account/actions";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { NAV_ITEMS } from "@/lib/navigation";
import { unreadCount } from "@/lib/notifications/queries/notifications";
import { AppShell } from "@/components/shell/app-shell";
import { NotificationBell } from "@/components/shell/notification-bell";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const nav = NAV_ITEMS.filter((i) => can(actor, i.permission)).map(({ href, key }) => ({ href, key }));
  return (
    <AppShell
      user={{ name: actor.name, role: actor.role, centreZh: actor.centreNameZh, centreEn: actor.centreNameEn, centreCode: actor.centreCode }}
      nav={nav}
      headerExtra={<NotificationBell unread={await unreadCount(actor)} />}
      saveLocale={setMyLocale}
    >
      {children}
    </AppShell>
  );
}
