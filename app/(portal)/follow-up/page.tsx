import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { param } from "@/lib/reads/paging";
import { listOverdueVisits, overdueBySite } from "@/lib/followup/queries/followup-lists";
import { localized } from "@/lib/i18n/localized";
import { loadList, type ListSearch } from "@/app/(portal)/follow-up/_components/list-params";
import { ListShell } from "@/app/(portal)/follow-up/_components/list-shell";
import { SiteCounts } from "@/app/(portal)/follow-up/_components/site-counts";

export default async function OverdueVisitsPage({ searchParams }: { searchParams: ListSearch }) {
  const { actor, sp, study, page } = await loadList(searchParams);
  const subject = param(sp.subject, 40).toUpperCase();
  if (/^[A-Z0-9-]{3,40}$/.test(subject)) redirect(`/follow-up/${subject}`);
  const [t, locale] = [await getTranslations("followup"), await getLocale()];
  const [bySite, rows] = await Promise.all([overdueBySite(actor, study), listOverdueVisits(actor, { study, page })]);
  return (
    <ListShell study={study}>
      <SiteCounts rows={bySite} title={t("bySite.title")} testId="overdue-by-site" />
      <h2 className="text-base font-medium">{t("overdue.title")}</h2>
      {rows.total === 0 ? (
        <p className="text-sm text-muted-foreground">{t("overdue.none")}</p>
      ) : (
        <Table data-testid="overdue">
          <THead>
            <TR>
              <TH>{t("overdue.site")}</TH>
              <TH>{t("overdue.study")}</TH>
              <TH>{t("overdue.subject")}</TH>
              <TH>{t("overdue.visit")}</TH>
              <TH>{t("overdue.windowEnd")}</TH>
              <TH className="text-right">{t("overdue.days")}</TH>
            </TR>
          </THead>
          <TBody>
            {rows.rows.map((r) => (
              <TR key={r.visitId}>
                <TD>{r.centreCode}</TD>
                <TD>{r.studyCode}</TD>
                <TD>
                  <Link prefetch={false} href={`/follow-up/${r.subjectCode}/visits/${r.visitId}`} className="text-primary underline underline-offset-2">
                    {r.subjectCode}
                  </Link>
                </TD>
                <TD>
                  {r.visitCode} · {localized(r, locale)}
                </TD>
                <TD>{r.windowEnd}</TD>
                <TD className="text-right">{r.daysOverdue}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pager basePath="/follow-up" params={{ study }} page={rows.page} pages={rows.pages} total={rows.total} />
    </ListShell>
  );
}
