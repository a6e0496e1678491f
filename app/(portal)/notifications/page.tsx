import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Badge } from "@/components/ui/badge";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { followupSubjects } from "@/lib/followup/queries/followup";
import { listNotifications, unreadCount } from "@/lib/notifications/queries/notifications";
import { pageOf } from "@/lib/reads/paging";
import { networkTime } from "@/app/(portal)/follow-up/_components/format";
import { ReadButton } from "@/app/(portal)/notifications/read-button";

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "notification.read")) notFound();
  const page = pageOf((await searchParams).page);
  const t = await getTranslations("followup.notifications");
  const [rows, unread] = await Promise.all([listNotifications(actor, page), unreadCount(actor)]);
  // A notification links to its AE only while the participant is still in the actor's follow-up scope.
  const subjects = await followupSubjects(actor, rows.rows.flatMap((n) => (n.participantId === null ? [] : [n.participantId])));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {unread > 0 ? <ReadButton id="all" label={t("markAllRead")} /> : null}
      </div>
      <p className="text-sm text-muted-foreground" data-testid="unread-count">
        {t("unread", { n: unread })}
      </p>
      {rows.total === 0 ? (
        <p className="text-sm text-muted-foreground">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-border rounded-md border border-border" data-testid="notifications">
          {rows.rows.map((n) => {
            const subject = n.participantId === null ? undefined : subjects.get(n.participantId);
            return (
              <li key={n.id} className={`flex flex-wrap items-center gap-2 p-3 text-sm ${n.read ? "" : "bg-primary/5"}`} data-unread={n.read ? "false" : "true"}>
                {n.read ? null : <Badge>{t("new")}</Badge>}
                <span className="flex-1">
                  {t("sae_reported", { study: String(n.params.studyCode ?? ""), subject: String(n.params.subjectCode ?? ""), term: String(n.params.term ?? ""), grade: String(n.params.grade ?? "") })}
                  {n.params.late ? <Badge variant="destructive" className="ml-2">{t("lateSuffix")}</Badge> : null}
                </span>
                <span className="text-xs text-muted-foreground">{networkTime(n.createdAt)}</span>
                {subject && n.entityType === "adverse_event" && n.entityId ? (
                  <Link href={`/follow-up/${subject}/ae/${n.entityId}`} className="text-primary underline underline-offset-2">
                    {t("open")}
                  </Link>
                ) : null}
                {n.read ? null : <ReadButton id={n.id} label={t("markRead")} />}
              </li>
            );
          })}
        </ul>
      )}
      <Pager basePath="/notifications" params={{}} page={rows.page} pages={rows.pages} total={rows.total} />
    </div>
  );
}
