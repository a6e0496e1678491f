import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listSaes } from "@/lib/followup/queries/followup-lists";
import { networkTime } from "@/app/(portal)/follow-up/_components/format";
import { loadList, type ListSearch } from "@/app/(portal)/follow-up/_components/list-params";
import { ListShell } from "@/app/(portal)/follow-up/_components/list-shell";

export default async function SaesPage({ searchParams }: { searchParams: ListSearch }) {
  const { actor, study, page } = await loadList(searchParams);
  const t = await getTranslations("followup");
  const rows = await listSaes(actor, { study, page });
  return (
    <ListShell study={study}>
      <h2 className="text-base font-medium">{t("saes.title")}</h2>
      {rows.total === 0 ? (
        <p className="text-sm text-muted-foreground">{t("saes.none")}</p>
      ) : (
        <Table data-testid="saes">
          <THead>
            <TR>
              <TH>{t("saes.study")}</TH>
              <TH>{t("saes.site")}</TH>
              <TH>{t("saes.subject")}</TH>
              <TH>{t("saes.term")}</TH>
              <TH>{t("saes.grade")}</TH>
              <TH>{t("saes.awareAt")}</TH>
              <TH>{t("saes.reportedAt")}</TH>
              <TH className="text-right">{t("saes.hours")}</TH>
              <TH>{t("saes.late")}</TH>
            </TR>
          </THead>
          <TBody>
            {rows.rows.map((r) => (
              <TR key={r.id}>
                <TD>{r.studyCode}</TD>
                <TD>{r.centreCode}</TD>
                <TD>
                  <Link prefetch={false} href={`/follow-up/${r.subjectCode}/ae/${r.id}`} className="text-primary underline underline-offset-2">
                    {r.subjectCode}
                  </Link>
                </TD>
                <TD>{r.term}</TD>
                <TD>{r.grade}</TD>
                <TD className="whitespace-nowrap">{networkTime(r.awareAt)}</TD>
                <TD className="whitespace-nowrap">{networkTime(r.reportedAt)}</TD>
                <TD className="text-right">{r.hoursToReport}</TD>
                <TD>
                  <Badge variant={r.reportLate ? "destructive" : "success"}>{r.reportLate ? t("saes.late") : t("saes.onTime")}</Badge>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pager basePath="/follow-up/saes" params={{ study }} page={rows.page} pages={rows.pages} total={rows.total} />
    </ListShell>
  );
}
