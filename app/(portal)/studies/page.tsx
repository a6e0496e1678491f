import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { pageOf, param } from "@/lib/reads/paging";
import { RESEARCH_AREAS, STUDY_PHASES, STUDY_STATUSES } from "@/lib/enums";
import { localized } from "@/lib/i18n/localized";
import { parseStudyFilters } from "@/lib/studies/filters";
import { listStudies } from "@/lib/studies/queries/studies";
import { StatusBadge } from "@/app/(portal)/studies/_components/status-badge";

export default async function StudiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "study.read")) notFound();
  const sp = await searchParams;
  const f = parseStudyFilters({ q: param(sp.q), status: param(sp.status), area: param(sp.area), phase: param(sp.phase) }, pageOf(sp.page));
  const [t, tc, locale, result] = [await getTranslations("studies"), await getTranslations("common"), await getLocale(), await listStudies(actor, f)];
  const select = (name: string, label: string, value: string, options: { value: string; label: string }[]) => (
    <div className="flex flex-col gap-1">
      <Label htmlFor={`flt-${name}`}>{label}</Label>
      <Select id={`flt-${name}`} name={name} defaultValue={value}>
        <option value="">{tc("all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">{t("intro")}</p>
        </div>
        {can(actor, "study.create") ? (
          <Link prefetch={false} href="/studies/new" className={buttonVariants()} data-testid="new-study">
            {t("newStudy")}
          </Link>
        ) : null}
      </div>
      <Card>
        <CardContent className="pt-4">
          <form method="get" className="grid gap-3 md:grid-cols-[2fr_1fr_1fr_1fr_auto] md:items-end" role="search">
            <div className="flex flex-col gap-1">
              <Label htmlFor="flt-q">{tc("search")}</Label>
              <Input id="flt-q" name="q" defaultValue={f.q} placeholder={t("searchPlaceholder")} />
            </div>
            {select("status", t("col.status"), f.status, STUDY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })))}
            {select("area", t("col.area"), f.area, RESEARCH_AREAS.map((a) => ({ value: a, label: t(`area.${a}`) })))}
            {select("phase", t("col.phase"), f.phase, STUDY_PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) })))}
            <div className="flex gap-2">
              <button type="submit" className={buttonVariants({ variant: "outline" })}>
                {tc("filter")}
              </button>
              <Link prefetch={false} href="/studies" className={buttonVariants({ variant: "ghost" })}>
                {tc("reset")}
              </Link>
            </div>
          </form>
        </CardContent>
      </Card>
      <Card>
        <CardContent className="pt-4">
          {result.rows.length ? (
            <Table data-testid="studies-table">
              <THead>
                <TR>
                  <TH>{t("col.code")}</TH>
                  <TH>{t("col.title")}</TH>
                  <TH>{t("col.status")}</TH>
                  <TH>{t("col.area")}</TH>
                  <TH>{t("col.phase")}</TH>
                  <TH>{t("col.progress")}</TH>
                </TR>
              </THead>
              <TBody>
                {result.rows.map((r) => {
                  const pct = Math.min(100, Math.round((r.enrolled / r.targetEnrolment) * 100));
                  return (
                    <TR key={r.id} data-testid={`study-row-${r.code}`}>
                      <TD className="whitespace-nowrap font-medium">
                        <Link prefetch={false} href={`/studies/${r.code}`} className="text-primary hover:underline">
                          {r.code}
                        </Link>
                      </TD>
                      <TD className="min-w-64">
                        <span className="line-clamp-2">{localized(r, locale)}</span>
                        <span className="text-xs text-muted-foreground">
                          {r.piName} · {t(`design.${r.design}`)} · {t("sitesCount", { n: r.siteCount })}
                        </span>
                      </TD>
                      <TD>
                        <StatusBadge status={r.status} label={t(`status.${r.status}`)} />
                      </TD>
                      <TD className="whitespace-nowrap">{t(`area.${r.area}`)}</TD>
                      <TD className="whitespace-nowrap">{t(`phase.${r.phase}`)}</TD>
                      <TD className="min-w-32">
                        <span className="text-xs">{t("progressOf", { enrolled: r.enrolled, target: r.targetEnrolment })}</span>
                        <span className="mt-1 block h-1.5 rounded bg-muted" aria-hidden>
                          <span className="block h-1.5 rounded bg-primary" style={{ width: `${pct}%` }} />
                        </span>
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">{t("noStudies")}</p>
          )}
          <Pager basePath="/studies" params={{ q: f.q, status: f.status, area: f.area, phase: f.phase }} page={result.page} pages={result.pages} total={result.total} />
        </CardContent>
      </Card>
    </div>
  );
}
