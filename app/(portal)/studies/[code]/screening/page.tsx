import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/input";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { failureReasons } from "@/lib/enrolment/failure-reasons";
import { parseScreeningFilters } from "@/lib/enrolment/filters";
import { studyForEnrolmentPages } from "@/lib/enrolment/queries/enrolment-study";
import { listScreenings, siteWorkContext, studySiteOptions } from "@/lib/enrolment/queries/screenings";
import { localized } from "@/lib/i18n/localized";
import { networkToday } from "@/lib/time/network-day";
import { routeId, routeParam } from "@/lib/http/route-param";
import { getInvitation } from "@/lib/molecular/queries/invitations";
import { InvitationCard } from "@/app/(portal)/studies/[code]/screening/_components/invitation-card";
import { ScreenForm } from "@/app/(portal)/studies/[code]/screening/_components/screen-form";

type SP = Promise<Record<string, string | string[] | undefined>>;

export default async function ScreeningPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: SP }) {
  const code = routeParam((await params).code);
  const actor = await getActor();
  // Viewers never get participant-level rows: the screening log is one.
  if (!actor || !can(actor, "participant.read")) notFound();
  const study = await studyForEnrolmentPages(actor, code);
  if (!study) notFound();
  const sp = await searchParams;
  const filters = parseScreeningFilters(sp);
  // Opened from an invitation to screening (a biomarker match): a malformed or foreign one is a 404.
  const invitation = sp.invitation === undefined ? null : await getInvitation(actor, routeId(sp.invitation));
  if (sp.invitation !== undefined && (!invitation || invitation.studyId !== study.id)) notFound();
  const [log, sites, work] = await Promise.all([listScreenings(actor, study.id, filters), studySiteOptions(actor, study.id), siteWorkContext(actor, study.id)]);
  const [t, tc, locale] = [await getTranslations("enrolment"), await getTranslations("common"), await getLocale()];
  const base = `/studies/${study.code}/screening`;

  return (
    <div className="space-y-6">
      {invitation ? <InvitationCard inv={invitation} /> : null}
      {actor.role === "site_staff" ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("screening.newTitle")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            {!work ? (
              <p className="text-sm text-muted-foreground">{t("screening.notSite")}</p>
            ) : !work.open ? (
              <p className="text-sm text-muted-foreground" data-testid="site-closed">
                {t("screening.closed")}
              </p>
            ) : (
              <>
                <p className="text-sm text-muted-foreground">
                  {t("screening.intro", { version: study.currentProtocolVersion })} ·{" "}
                  {t("screening.capacity", { enrolled: work.site.enrolledCount, target: work.site.target })}
                  {work.site.allowOverEnrolment ? ` ${t("screening.overAllowed")}` : ""}
                </p>
                <ScreenForm
                  studyId={study.id}
                  studyCode={study.code}
                  siteId={work.site.id}
                  today={networkToday()}
                  criteria={work.criteria}
                  invitationId={invitation && invitation.screeningId === null && invitation.siteId === work.site.id ? invitation.id : undefined}
                />
                {work.pending.length ? (
                  <div className="space-y-2">
                    <h2 className="text-sm font-medium">{t("screening.pending")}</h2>
                    <ul className="flex flex-wrap gap-2">
                      {work.pending.map((p) => (
                        <li key={p.id}>
                          <Link prefetch={false} href={`${base}/enrol/${p.id}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                            {t("enrol.screeningRef", { id: p.id, date: p.screenedOn })}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </>
            )}
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t("screening.log")}</CardTitle>
        </CardHeader>
        <CardContent>
          <form method="get" action={base} role="search" aria-label={tc("filter")} className="mb-3 flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1">
              <Label htmlFor="flt-site">{t("screening.site")}</Label>
              <Select id="flt-site" name="site" defaultValue={filters.site}>
                <option value="">{t("screening.allSites")}</option>
                {sites.map((s) => (
                  <option key={s.id} value={s.centreCode}>
                    {s.centreCode} · {localized(s, locale)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="flt-outcome">{t("screening.outcome")}</Label>
              <Select id="flt-outcome" name="outcome" defaultValue={filters.outcome}>
                <option value="">{t("screening.allOutcomes")}</option>
                <option value="eligible">{t("screening.eligible")}</option>
                <option value="screen_failed">{t("screening.screenFailed")}</option>
              </Select>
            </div>
            <Button type="submit" variant="outline">
              {tc("filter")}
            </Button>
          </form>
          {log.rows.length ? (
            <Table data-testid="screening-log">
              <THead>
                <TR>
                  <TH>{t("screening.date")}</TH>
                  <TH>{t("screening.site")}</TH>
                  <TH>{t("screening.outcome")}</TH>
                  <TH>{t("screening.reasons")}</TH>
                  <TH>{t("screening.subject")}</TH>
                  <TH>{t("screening.by")}</TH>
                </TR>
              </THead>
              <TBody>
                {log.rows.map((r) => (
                  <TR key={r.id}>
                    <TD className="whitespace-nowrap">{r.screenedOn}</TD>
                    <TD>
                      <code className="text-xs">{r.centreCode}</code>
                    </TD>
                    <TD>{r.outcome === "eligible" ? <Badge variant="success">{t("screening.eligible")}</Badge> : <Badge variant="warning">{t("screening.screenFailed")}</Badge>}</TD>
                    <TD>{failureReasons(r.failedCodes, r.failedCriteria, locale).join("; ")}</TD>
                    <TD>
                      {r.subjectCode ? (
                        <Link prefetch={false} className="text-primary hover:underline" href={`/studies/${study.code}/participants/${r.subjectCode}`}>
                          {r.subjectCode}
                        </Link>
                      ) : null}
                    </TD>
                    <TD className="whitespace-nowrap">{r.byName}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">{tc("noRows")}</p>
          )}
          <Pager basePath={base} params={{ site: filters.site, outcome: filters.outcome }} page={log.page} pages={log.pages} total={log.total} />
        </CardContent>
      </Card>
    </div>
  );
}
