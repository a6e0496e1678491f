import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/input";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { consortFlow } from "@/lib/enrolment/queries/consort";
import { studyForEnrolmentPages } from "@/lib/enrolment/queries/enrolment-study";
import { studySiteOptions } from "@/lib/enrolment/queries/screenings";
import { localized, localizedPair } from "@/lib/i18n/localized";
import { param } from "@/lib/reads/paging";
import { routeParam } from "@/lib/http/route-param";
import { ConsortDiagram } from "@/app/(portal)/studies/[code]/consort/_components/consort-diagram";

type SP = Promise<Record<string, string | string[] | undefined>>;

export default async function ConsortPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: SP }) {
  const code = routeParam((await params).code);
  const actor = await getActor();
  if (!actor || !can(actor, "consort.read")) notFound();
  const study = await studyForEnrolmentPages(actor, code);
  if (!study) notFound();
  const [sites, sp] = [await studySiteOptions(actor, study.id), await searchParams];
  const site = sites.find((s) => s.centreCode === param(sp.site)) ?? null;
  const flow = await consortFlow(actor, study.id, site?.centreCode ?? null);
  if (!flow) notFound();
  const [t, tw, locale] = [await getTranslations("enrolment.consort"), await getTranslations("enrolment.withdrawalReasons"), await getLocale()];
  const rows: [string, number | string][] = [
    [t("stageScreened"), flow.screened],
    [t("stageExcluded"), flow.excluded],
    ...flow.reasons.map((r): [string, number] => [`  ${t("reason", { code: r.code, text: localizedPair(r.textZh ?? "", r.textEn, locale) })}`, r.n]),
    [t("stageEnrolled"), flow.enrolled],
    ...flow.arms.map((a): [string, number] => [t("stageAllocated", { arm: `${a.code} · ${localized(a, locale)}` }), a.allocated]),
    [t("stageWithdrawn"), flow.withdrawn],
    ...flow.withdrawalReasons.map((r): [string, number] => [`  ${tw(r.reason)}`, r.n]),
  ];
  return (
    <div className="space-y-6">
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="consort-site">{t("scope")}</Label>
          <Select id="consort-site" name="site" defaultValue={site?.centreCode ?? ""}>
            <option value="">{t("wholeStudy")}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.centreCode}>
                {s.centreCode} · {localized(s, locale)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="outline">
          {t("show")}
        </Button>
      </form>
      <Card>
        <CardHeader>
          <CardTitle>
            {t("title")}
            {site ? ` · ${site.centreCode}` : ""}
          </CardTitle>
        </CardHeader>
        <CardContent>
          <ConsortDiagram flow={flow} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("table")}</CardTitle>
        </CardHeader>
        <CardContent>
          <Table data-testid="consort-table">
            <THead>
              <TR>
                <TH>{t("stage")}</TH>
                <TH className="text-right">{t("count")}</TH>
              </TR>
            </THead>
            <TBody>
              {rows.map(([label, n], i) => (
                <TR key={i}>
                  <TD className={label.startsWith("  ") ? "pl-6 text-muted-foreground" : "font-medium"}>{label.trim()}</TD>
                  <TD className="text-right tabular-nums">{n}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
