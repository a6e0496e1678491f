import Link from "next/link";
import { can } from "@/lib/authz/can";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listAdverseEvents, listQueriesOnParticipant, listVisits, recordHistory } from "@/lib/followup/queries/followup";
import { CorrectParticipantForm } from "@/app/(portal)/follow-up/_components/correct-form";
import { HistoryTable } from "@/app/(portal)/follow-up/_components/history-table";
import { loadParticipantPage } from "@/app/(portal)/follow-up/_components/load";
import { ParticipantHeader } from "@/app/(portal)/follow-up/_components/participant-header";
import { QueryList } from "@/app/(portal)/follow-up/_components/query-list";
import { RaiseQueryForm } from "@/app/(portal)/follow-up/_components/raise-query-form";
import { QUERYABLE_FIELDS } from "@/lib/followup/queryable";
import { localized } from "@/lib/i18n/localized";
import { TimingBadge } from "@/app/(portal)/follow-up/_components/timing-badge";

export default async function ParticipantFollowupPage({ params }: { params: Promise<{ subject: string }> }) {
  const { actor, participant: p } = await loadParticipantPage(params);
  const [t, tc, locale] = [await getTranslations("followup"), await getTranslations("common"), await getLocale()];
  const [visits, aes, queries, history] = await Promise.all([
    listVisits(actor, p.id),
    listAdverseEvents(actor, p.id),
    listQueriesOnParticipant(actor, p.id),
    recordHistory(actor, "participant", p.id),
  ]);
  const base = `/follow-up/${p.subjectCode}`;
  return (
    <div className="space-y-6">
      <ParticipantHeader p={p} />
      {can(actor, "participant.read") ? <Link prefetch={false} href={`/studies/${p.studyCode}/participants/${p.subjectCode}`} className="text-sm text-primary underline underline-offset-2" data-testid="participant-link">{(await getTranslations("studies"))("links.participant")} →</Link> : null}
      <Card>
        <CardHeader>
          <CardTitle>{t("participant.visits")}</CardTitle>
        </CardHeader>
        <CardContent>
          {visits.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("participant.noVisits")}</p>
          ) : (
            <Table data-testid="visits">
              <THead>
                <TR>
                  <TH>{t("visit.name")}</TH>
                  <TH>{t("visit.due")}</TH>
                  <TH>{t("visit.window")}</TH>
                  <TH>{t("fields.visitDate")}</TH>
                  <TH>{t("participant.status")}</TH>
                  <TH>{tc("actions")}</TH>
                </TR>
              </THead>
              <TBody>
                {visits.map((v) => (
                  <TR key={v.id} data-testid={`visit-${v.code}`}>
                    <TD>
                      {v.code} · {localized(v, locale)}
                    </TD>
                    <TD>{v.dueOn}</TD>
                    <TD className="whitespace-nowrap">{t("visit.windowRange", { start: v.windowStart, end: v.windowEnd })}</TD>
                    <TD>{v.visitDate ?? ""}</TD>
                    <TD className="space-x-1">
                      <TimingBadge timing={v.timing} />
                      {v.verified ? <Badge variant="success">{t("visit.verified")}</Badge> : null}
                      {v.openQueries ? <Badge variant="warning">{t("visit.openQueries", { n: v.openQueries })}</Badge> : null}
                    </TD>
                    <TD>
                      <Link href={`${base}/visits/${v.id}`} className="text-primary underline underline-offset-2" aria-label={`${t("visit.view")} ${v.code}`}>
                        {t("visit.view")}
                      </Link>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="flex flex-row items-center justify-between">
          <CardTitle>{t("participant.aes")}</CardTitle>
          {p.canRecord ? (
            <Link href={`${base}/ae/new`} className={buttonVariants({ size: "sm" })}>
              {t("participant.newAe")}
            </Link>
          ) : null}
        </CardHeader>
        <CardContent>
          {aes.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("participant.noAes")}</p>
          ) : (
            <Table data-testid="aes">
              <THead>
                <TR>
                  <TH>{t("fields.term")}</TH>
                  <TH>{t("fields.grade")}</TH>
                  <TH>{t("fields.onsetOn")}</TH>
                  <TH>{t("participant.status")}</TH>
                  <TH>{tc("actions")}</TH>
                </TR>
              </THead>
              <TBody>
                {aes.map((a) => (
                  <TR key={a.id}>
                    <TD>{a.term}</TD>
                    <TD>{a.grade}</TD>
                    <TD>{a.onsetOn}</TD>
                    <TD className="space-x-1">
                      {a.serious ? <Badge variant="destructive">{t("ae.serious")}</Badge> : null}
                      {a.serious ? <Badge variant={a.reportLate ? "destructive" : "success"}>{a.reportLate ? t("ae.late") : t("ae.onTime")}</Badge> : null}
                      {a.verified ? <Badge variant="success">{t("visit.verified")}</Badge> : null}
                    </TD>
                    <TD>
                      <Link href={`${base}/ae/${a.id}`} className="text-primary underline underline-offset-2">
                        {t("ae.view")}
                      </Link>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("participant.queries")}</CardTitle>
        </CardHeader>
        <CardContent>
          <QueryList queries={queries} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("participant.enrolment")}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <p className="text-sm">
            {t("fields.yearOfBirth")}: {p.yearOfBirth} · {t("fields.sex")}: {t(`sex.${p.sex}`)}
          </p>
          {p.canRecord ? <CorrectParticipantForm participantId={p.id} yearOfBirth={p.yearOfBirth} sex={p.sex} /> : null}
          {p.canQuery ? <RaiseQueryForm entityType="participant" entityId={p.id} fields={QUERYABLE_FIELDS.participant} /> : null}
          <h3 className="text-sm font-medium">{t("participant.history")}</h3>
          <HistoryTable versions={history} />
        </CardContent>
      </Card>
    </div>
  );
}
