import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { queryListParams } from "@/lib/followup/list-filters";
import { listQueries, openQueriesBySite } from "@/lib/followup/queries/followup-lists";
import { queryFieldLabel, queryRecordHref } from "@/lib/followup/query-field";
import { loadList, type ListSearch } from "@/app/(portal)/follow-up/_components/list-params";
import { ListShell } from "@/app/(portal)/follow-up/_components/list-shell";
import { QueryStatusBadge } from "@/app/(portal)/follow-up/_components/query-list";
import { SiteCounts } from "@/app/(portal)/follow-up/_components/site-counts";

function listHref(f: Parameters<typeof queryListParams>[0]): string {
  const qs = new URLSearchParams(queryListParams(f)).toString();
  return qs ? `/follow-up/queries?${qs}` : "/follow-up/queries";
}

export default async function QueriesPage({ searchParams }: { searchParams: ListSearch }) {
  const { actor, study, status, sort, show, page } = await loadList(searchParams);
  const [t, locale] = [await getTranslations("followup"), await getLocale()];
  const [bySite, rows] = await Promise.all([openQueriesBySite(actor, study), listQueries(actor, { study, status, sort, show, page })]);
  return (
    <ListShell study={study} queryFilters={{ status, sort, show }}>
      <SiteCounts rows={bySite} title={t("queries.openBySite")} testId="queries-by-site" />
      <h2 className="text-base font-medium">{t("queries.title")}</h2>
      {rows.total === 0 ? (
        <p className="text-sm text-muted-foreground">{t("queries.none")}</p>
      ) : (
        <Table data-testid="queries">
          <THead>
            <TR>
              <TH>#</TH>
              <TH>{t("queries.study")}</TH>
              <TH>{t("queries.site")}</TH>
              <TH>{t("queries.subject")}</TH>
              <TH>{t("queries.field")}</TH>
              <TH>{t("queries.status")}</TH>
              <TH className="text-right" aria-sort={sort === "newest" ? "ascending" : "descending"}>
                <Link href={listHref({ study, status, show, sort: sort === "newest" ? "oldest" : "newest" })} prefetch={false} className="underline-offset-2 hover:underline" data-testid="sort-age">
                  {t("queries.age")} {sort === "newest" ? "↑" : "↓"}
                </Link>
              </TH>
              <TH>{t("queries.raisedBy")}</TH>
            </TR>
          </THead>
          <TBody>
            {rows.rows.map((r) => (
              <TR key={r.id}>
                <TD>
                  <Link href={`/follow-up/queries/${r.id}`} prefetch={false} className="text-primary underline underline-offset-2">
                    #{r.id}
                  </Link>
                </TD>
                <TD>{r.studyCode}</TD>
                <TD>{r.centreCode}</TD>
                <TD>{r.subjectCode}</TD>
                <TD>
                  {r.entityType === "crf_form" ? (
                    <Link href={queryRecordHref(r)} prefetch={false} className="text-primary underline underline-offset-2">
                      {t(`entity.${r.entityType}`)} · {queryFieldLabel(r, locale, t)}
                    </Link>
                  ) : (
                    <>
                      {t(`entity.${r.entityType}`)} · {queryFieldLabel(r, locale, t)}
                    </>
                  )}
                </TD>
                <TD>
                  <QueryStatusBadge status={r.status} />
                </TD>
                <TD className="text-right">{r.ageDays}</TD>
                <TD>{r.raisedByName}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pager basePath="/follow-up/queries" params={queryListParams({ study, status, sort, show })} page={rows.page} pages={rows.pages} total={rows.total} />
    </ListShell>
  );
}
