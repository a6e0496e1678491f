import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { centreOptionLabel } from "@/lib/network/centre-order";
import { localized, localizedPair } from "@/lib/i18n/localized";
import { listStudySites, siteCentreOptions } from "@/lib/studies/queries/sites";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { nextSiteStatuses, protocolChangesNeedAmendment, studyIsClosed } from "@/lib/studies/lifecycle";
import { routeParam } from "@/lib/http/route-param";
import { AddSiteForm, EditSiteForm, SiteStatusForm } from "@/app/(portal)/studies/_components/site-forms";
import { StatusBadge } from "@/app/(portal)/studies/_components/status-badge";

export default async function SitesPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ site?: string }> }) {
  const actor = await getActor();
  if (!actor) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const [t, tc, locale] = [await getTranslations("studies"), await getTranslations("common"), await getLocale()];
  const sites = await listStudySites(actor, study.id);
  const editable = study.manage && !studyIsClosed(study.status);
  const centres = editable ? await siteCentreOptions(actor) : [];
  const taken = new Set(sites.map((s) => s.centreId));
  const targetSum = sites.reduce((n, s) => n + s.target, 0);
  const short = study.targetEnrolment - targetSum;
  const amend = protocolChangesNeedAmendment(study.status);
  // One site is managed at a time (?site=id): one set of form fields on the page.
  const siteParam = (await searchParams).site;
  const selected = editable ? sites.find((s) => String(s.id) === siteParam) : undefined;
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>{t("sites.title")}</CardTitle>
          <p className="text-sm" data-testid="site-target-sum">
            {t("sites.targets", { sum: targetSum, target: study.targetEnrolment })}
          </p>
          {short > 0 ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="site-target-warning">
              {t("sites.targetsShort", { short })}
            </p>
          ) : null}
          {actor.role === "centre_coordinator" && !study.manage ? <p className="text-xs text-muted-foreground">{t("sites.coordinatorNote")}</p> : null}
        </CardHeader>
        <CardContent>
          {sites.length ? (
            <Table data-testid="sites-table">
              <THead>
                <TR>
                  <TH>{t("field.centre")}</TH>
                  <TH>{t("sites.level")}</TH>
                  <TH>{t("sites.status")}</TH>
                  <TH>{t("sites.enrolled")}</TH>
                  <TH>{t("sites.sitePi")}</TH>
                  <TH>{t("sites.ethics")}</TH>
                </TR>
              </THead>
              <TBody>
                {sites.map((s) => (
                  <TR key={s.id} data-testid={`site-row-${s.centreCode}`}>
                    <TD className="min-w-48">
                      <code className="mr-1 text-xs">{s.centreCode}</code>
                      {localizedPair(s.centreNameZh, s.centreNameEn, locale)}
                      {editable ? (
                        <Link href={`/studies/${study.code}/sites?site=${s.id}`} className="ml-2 text-xs font-medium text-primary hover:underline" data-testid={`manage-site-${s.centreCode}`}>
                          {t("sites.manage")}
                        </Link>
                      ) : null}
                    </TD>
                    <TD className="whitespace-nowrap">{tc(`levels.${s.level}`)}</TD>
                    <TD>
                      <StatusBadge status={s.status} label={t(`siteStatus.${s.status}`)} />
                    </TD>
                    <TD className="whitespace-nowrap">
                      {t("progressOf", { enrolled: s.enrolled, target: s.target })}
                      {s.allowOverEnrolment ? (
                        <Badge variant="warning" className="ml-1">
                          {t("sites.overEnrolment")}
                        </Badge>
                      ) : null}
                    </TD>
                    <TD>{s.sitePiName ?? "—"}</TD>
                    <TD className="whitespace-nowrap">{s.ethicsApprovalDate ?? "—"}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">{t("sites.noSites")}</p>
          )}
        </CardContent>
      </Card>
      {selected ? (
        <Card data-testid="site-panel">
          <CardHeader>
            <CardTitle>{t("sites.edit", { code: selected.centreCode })}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-6">
            <EditSiteForm
              studyId={study.id}
              amend={amend}
              site={{ id: selected.id, centreCode: selected.centreCode, target: selected.target, sitePiEmail: selected.sitePiEmail, ethicsApprovalDate: selected.ethicsApprovalDate, allowOverEnrolment: selected.allowOverEnrolment }}
            />
            {nextSiteStatuses(selected.status).length ? (
              <SiteStatusForm studyId={study.id} siteId={selected.id} centreCode={selected.centreCode} next={[...nextSiteStatuses(selected.status)]} />
            ) : null}
            <Link href={`/studies/${study.code}/sites`} className="inline-block text-sm text-muted-foreground hover:underline">
              {t("sites.close")}
            </Link>
          </CardContent>
        </Card>
      ) : editable ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("sites.add")}</CardTitle>
          </CardHeader>
          <CardContent>
            <AddSiteForm
              studyId={study.id}
              centres={centres.filter((c) => !taken.has(c.id)).map((c) => ({ value: String(c.id), label: `${centreOptionLabel(c, localized(c, locale))} (${tc(`levels.${c.level}`)})` }))}
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
