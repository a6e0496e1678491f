import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { pageOf } from "@/lib/reads/paging";
import { AuditDiff } from "@/app/(portal)/audit/_components/audit-diff";
import { auditActionLabel } from "@/lib/audit/action-label";
import { auditFormatter } from "@/lib/audit/diff";
import { historyRefs } from "@/lib/history/queries/history-refs";
import { listStudyHistory } from "@/lib/history/queries/study-history";
import { auditRefs, refIdsOf } from "@/lib/history/ref-ids";
import { routeParam } from "@/lib/http/route-param";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { formatNetworkInstant } from "@/lib/time/network-instant";

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ page?: string }> }) {
  const actor = await getActor();
  if (!actor) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const page = pageOf((await searchParams).page);
  const result = await listStudyHistory(actor, study.id, page);
  const [t, ta, tr, locale] = [await getTranslations("studies"), await getTranslations("auditActions"), await getTranslations(), await getLocale()];
  const refs = auditRefs(await historyRefs(actor, refIdsOf(result.rows)));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("history.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        {result.rows.length ? (
          <Table data-testid="history-table">
            <THead>
              <TR>
                <TH>{t("history.at")}</TH>
                <TH>{t("history.who")}</TH>
                <TH>{t("history.what")}</TH>
                <TH>{t("history.change")}</TH>
                <TH>{t("history.reason")}</TH>
              </TR>
            </THead>
            <TBody>
              {result.rows.map((r) => (
                <TR key={r.id}>
                  <TD className="whitespace-nowrap">{formatNetworkInstant(r.at)}</TD>
                  <TD>{r.actorName ?? "—"}</TD>
                  <TD className="whitespace-nowrap">{auditActionLabel(ta, r.action)}</TD>
                  <TD className="max-w-md">
                    <AuditDiff entries={auditFormatter(tr, { locale, entityType: r.entityType, refs }).diff(r.before, r.after)} />
                  </TD>
                  <TD>{r.reason ?? ""}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <p className="text-sm text-muted-foreground">{t("history.none")}</p>
        )}
        <Pager basePath={`/studies/${study.code}/history`} params={{}} page={result.page} pages={result.pages} total={result.total} />
      </CardContent>
    </Card>
  );
}
