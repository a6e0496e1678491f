import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { QUERY_STATUSES } from "@/lib/enums";
import { QUERY_SHOWS, QUERY_SORTS, type QuerySort, type QueryShow } from "@/lib/followup/list-filters";
import { SectionTabs } from "@/components/navigation/section-tabs";

type QueryFilters = { status: string; sort: QuerySort; show: QueryShow };

/** Title, section tabs, the study filter (for queries also status, whose and order) and the subject look-up. */
export async function ListShell({ study, queryFilters, children }: { study: string; queryFilters?: QueryFilters; children: React.ReactNode }) {
  const t = await getTranslations("followup");
  const tabs = [
    { href: "", label: t("tabs.overdue") },
    { href: "queries", label: t("tabs.queries") },
    { href: "saes", label: t("tabs.saes") },
  ];
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <form action="/follow-up" method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div>
          <Label htmlFor="lookup-subject">{t("participant.lookup")}</Label>
          <Input id="lookup-subject" name="subject" placeholder="LC-203-TJ01-0001" className="w-64" />
        </div>
        <Button type="submit" variant="outline" size="sm">
          {t("participant.lookupGo")}
        </Button>
      </form>
      <SectionTabs base="/follow-up" tabs={tabs} label={t("tabs.label")} />
      <form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="f-study">{t("filters.study")}</Label>
          <Input id="f-study" name="study" defaultValue={study} className="w-40" />
        </div>
        {queryFilters ? (
          <>
            <div>
              <Label htmlFor="f-status">{t("filters.status")}</Label>
              <Select id="f-status" name="status" defaultValue={queryFilters.status}>
                <option value="">—</option>
                {QUERY_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`queryStatus.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div>
              <Label htmlFor="f-show">{t("filters.show")}</Label>
              <Select id="f-show" name="show" defaultValue={queryFilters.show}>
                {QUERY_SHOWS.map((s) => (
                  <option key={s} value={s}>
                    {t(`filters.shows.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div>
              <Label htmlFor="f-sort">{t("filters.sort")}</Label>
              <Select id="f-sort" name="sort" defaultValue={queryFilters.sort}>
                {QUERY_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`filters.sorts.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
          </>
        ) : null}
        <Button type="submit" size="sm">
          {t("filters.apply")}
        </Button>
      </form>
      {children}
    </div>
  );
}
