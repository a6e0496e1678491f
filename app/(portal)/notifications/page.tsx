import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Badge } from "@/components/ui/badge";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { sweepDueNotices } from "@/lib/followup/due-notices";
import { sweepMatchNotices } from "@/lib/molecular/match-sweep";
import { followupSubjects } from "@/lib/followup/queries/followup";
import { crfQueryLabels } from "@/lib/followup/queries/query-field-labels";
import { noticeFieldLabel } from "@/lib/followup/query-field";
import { localizedPair } from "@/lib/i18n/localized";
import { notificationHref } from "@/lib/notifications/links";
import { listNotifications, unreadCount, type NotificationRow } from "@/lib/notifications/queries/notifications";
import { pageOf } from "@/lib/reads/paging";
import { networkTime } from "@/app/(portal)/follow-up/_components/format";
import { ReadButton } from "@/app/(portal)/notifications/read-button";

type T = Awaited<ReturnType<typeof getTranslations<"followup">>>;

/** The sentence of one notification, in the reader's language, with stored codes shown as labels. */
function describe(n: NotificationRow, t: T, locale: string, crfLabels: Map<number, { zh: string; en: string }>): string {
  const p = n.params;
  const s = (k: string) => String(p[k] ?? "");
  const label = (ns: string, code: string) => (t.has(`${ns}.${code}`) ? t(`${ns}.${code}`) : code);
  const base = { study: s("studyCode"), subject: s("subjectCode") };
  switch (n.kind) {
    case "sae_reported":
      return t("notifications.sae_reported", { ...base, term: s("term"), grade: s("grade") });
    case "sae_followup_due":
      return t("notifications.sae_followup_due", { ...base, term: s("term"), days: s("days") });
    case "visit_overdue":
      return t("notifications.visit_overdue", { ...base, visit: `${s("visitCode")} · ${localizedPair(s("visitNameZh"), s("visitNameEn"), locale)}`, date: s("windowEnd") });
    case "biomarker_match":
      return t("notifications.biomarker_match", { ...base, criteria: s("criteria") });
    case "biomarker_matches":
      return t("notifications.biomarker_matches", { study: s("studyCode"), centre: s("centreCode"), count: Number(p.count ?? 0), codes: s("codes") });
    case "query_raised":
    case "query_answered":
    case "query_reopened":
      return t(`notifications.${n.kind}`, { ...base, id: n.entityId, record: label("entity", s("record")), field: noticeFieldLabel(p, locale, t, crfLabels.get(n.entityId)) });
  }
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "notification.read")) notFound();
  // Reading one's notifications is also when visits that became overdue (and SAE follow-ups now due) are noticed.
  await sweepDueNotices();
  // … and recruiting biomarker studies not yet matched are announced to the sites with matches.
  await sweepMatchNotices();
  const page = pageOf((await searchParams).page);
  const [t, locale] = [await getTranslations("followup"), await getLocale()];
  const [rows, unread] = await Promise.all([listNotifications(actor, page), unreadCount(actor)]);
  // A notification links to its record only while the participant is still in the actor's follow-up scope.
  const subjects = await followupSubjects(actor, rows.rows.flatMap((n) => (n.participantId === null ? [] : [n.participantId])));
  // A query notice on a CRF item that did not store the item's label finds it now.
  const crfLabels = await crfQueryLabels(actor, rows.rows.flatMap((n) => (n.entityType === "query" && n.params.record === "crf_form" && typeof n.params.fieldZh !== "string" ? [n.entityId] : [])));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("notifications.title")}</h1>
        {unread > 0 ? <ReadButton id="all" label={t("notifications.markAllRead")} /> : null}
      </div>
      <p className="text-sm text-muted-foreground" data-testid="unread-count">
        {t("notifications.unread", { n: unread })}
      </p>
      {rows.total === 0 ? (
        <p className="text-sm text-muted-foreground">{t("notifications.none")}</p>
      ) : (
        <ul className="divide-y divide-border rounded-md border border-border" data-testid="notifications">
          {rows.rows.map((n) => {
            const href = notificationHref(n.entityType, n.entityId, n.participantId === null ? null : subjects.get(n.participantId), String(n.params.studyCode ?? ""));
            return (
              <li key={n.id} className={`flex flex-wrap items-center gap-2 p-3 text-sm ${n.read ? "" : "bg-primary/5"}`} data-unread={n.read ? "false" : "true"} data-kind={n.kind}>
                {n.read ? null : <Badge>{t("notifications.new")}</Badge>}
                <span className="flex-1">
                  {describe(n, t, locale, crfLabels)}
                  {n.kind === "sae_reported" && n.params.late ? (
                    <Badge variant="destructive" className="ml-2">
                      {t("notifications.lateSuffix")}
                    </Badge>
                  ) : null}
                  {n.kind === "query_answered" && n.params.corrected ? (
                    <Badge variant="muted" className="ml-2">
                      {t("notifications.correctedSuffix")}
                    </Badge>
                  ) : null}
                </span>
                <span className="text-xs text-muted-foreground">{networkTime(n.createdAt)}</span>
                {href ? (
                  <Link href={href} prefetch={false} className="text-primary underline underline-offset-2">
                    {t("notifications.open")}
                  </Link>
                ) : null}
                {n.read ? null : <ReadButton id={n.id} label={t("notifications.markRead")} />}
              </li>
            );
          })}
        </ul>
      )}
      <Pager basePath="/notifications" params={{}} page={rows.page} pages={rows.pages} total={rows.total} />
    </div>
  );
}
