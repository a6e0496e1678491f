import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { getQueryThread } from "@/lib/followup/queries/followup";
import { queryFieldLabel, queryRecordHref } from "@/lib/followup/query-field";
import { routeId } from "@/lib/http/route-param";
import { networkTime } from "@/app/(portal)/follow-up/_components/format";
import { AnswerQueryForm, CloseQueryForm, ReopenQueryForm } from "@/app/(portal)/follow-up/_components/query-forms";
import { QueryStatusBadge } from "@/app/(portal)/follow-up/_components/query-list";

export default async function QueryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "followup.read")) notFound();
  const q = await getQueryThread(actor, routeId((await params).id));
  if (!q) notFound();
  const [t, locale] = [await getTranslations("followup"), await getLocale()];
  const recordHref = queryRecordHref(q);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="flex items-center gap-2 text-xl font-semibold">
          {t("query.heading", { id: q.id })} <QueryStatusBadge status={q.status} />
        </h1>
        <p className="text-sm text-muted-foreground">
          <code>{q.studyCode}</code> · {q.subjectCode} · {t("query.on", { record: t(`entity.${q.entityType}`), field: queryFieldLabel(q, locale, t) })} ·{" "}
          <Link href={recordHref} className="text-primary underline underline-offset-2">
            {t("query.record")}
          </Link>
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("query.thread")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="space-y-3" data-testid="query-thread">
            {q.events.map((e, i) => (
              <li key={i} className="rounded-md border border-border p-3 text-sm">
                <p className="text-xs text-muted-foreground">
                  {t(`query.kind.${e.kind}`)} · {e.authorName} · {networkTime(e.at)}
                  {e.correctedVersion ? ` · ${t("query.correctedTo", { n: e.correctedVersion })}` : ""}
                </p>
                {e.body ? <p className="mt-1 whitespace-pre-wrap">{e.body}</p> : null}
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
      {q.canAnswer && q.status === "open" ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("query.answer")}</CardTitle>
          </CardHeader>
          <CardContent>
            <AnswerQueryForm queryId={q.id} />
          </CardContent>
        </Card>
      ) : null}
      {q.canClose ? (
        <Card>
          <CardContent className="space-y-4 pt-6">
            {q.status !== "closed" ? <CloseQueryForm queryId={q.id} /> : null}
            {q.status === "closed" ? <ReopenQueryForm queryId={q.id} /> : null}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
