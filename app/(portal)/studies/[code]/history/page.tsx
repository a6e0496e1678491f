import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { pageOf } from "@/lib/reads/paging";
import { AuditDiff } from "@/app/(portal)/audit/_components/audit-diff";
import { auditActionLabel } from "@/lib/audit/action-label";
import { listStudyHistory } from "@/lib/history/queries/study-history";
import { getStudyPage } from "@/lib/studies/queries/studies";

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ page?: string }> }) {
  const actor = await getActor();
  if (!actor) notFound();
  const study = await getStudyPage(actor, decodeURIComponent((await params).code));
  if (!study) notFound();
  const page = pageOf((await searchParams).page);
  const [t, format, result] = [await getTranslations("studies"), await getFormatter(), await listStudyHistory(actor, study.id, page)];
  const ta = await getTranslations("auditActions");
  const actionLabel = (a: string) => auditActionLabel(ta, a);
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
                  <TD className="whitespace-nowrap">{format.dateTime(r.at, { dateStyle: "medium", timeStyle: "short" })}</TD>
                  <TD>{r.actorName ?? "—"}</TD>
                  <TD className="whitespace-nowrap">{actionLabel(r.action)}</TD>
                  <TD className="max-w-md">
                    <AuditDiff before={r.before} after={r.after} />
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
