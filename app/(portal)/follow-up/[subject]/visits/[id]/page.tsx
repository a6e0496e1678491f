import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { listQueriesOnParticipant, listVisits, recordHistory } from "@/lib/followup/queries/followup";
import { localized } from "@/lib/i18n/localized";
import { TUMOUR_RESPONSES } from "@/lib/enums";
import { routeId } from "@/lib/http/route-param";
import { loadParticipantPage } from "@/app/(portal)/follow-up/_components/load";
import { ParticipantHeader } from "@/app/(portal)/follow-up/_components/participant-header";
import { RecordHistory, RecordQueries } from "@/app/(portal)/follow-up/_components/record-panels";
import { SdvButton } from "@/app/(portal)/follow-up/_components/sdv-button";
import { TimingBadge } from "@/app/(portal)/follow-up/_components/timing-badge";
import { VisitForm } from "@/app/(portal)/follow-up/_components/visit-form";

export default async function VisitPage({ params }: { params: Promise<{ subject: string; id: string }> }) {
  const { actor, participant: p } = await loadParticipantPage(params);
  const id = String(routeId((await params).id));
  const visit = (await listVisits(actor, p.id)).find((v) => String(v.id) === id);
  if (!visit) notFound();
  const [t, locale] = [await getTranslations("followup"), await getLocale()];
  const [history, queries] = await Promise.all([recordHistory(actor, "visit", visit.id), listQueriesOnParticipant(actor, p.id)]);
  const recorded = visit.version > 0;
  const assessment = visit.assessment;
  return (
    <div className="space-y-6">
      <ParticipantHeader p={p} back />
      <Card>
        <CardHeader>
          <CardTitle>{t("visit.heading", { name: `${visit.code} · ${localized(visit, locale)}` })}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            {t("visit.due")}: {visit.dueOn} · {t("visit.window")}: {t("visit.windowRange", { start: visit.windowStart, end: visit.windowEnd })}
            <TimingBadge timing={visit.timing} />
            {recorded ? <Badge variant="muted">{t("visit.version", { n: visit.version })}</Badge> : <Badge variant="muted">{t("visit.notRecorded")}</Badge>}
            <Badge variant={visit.verified ? "success" : "muted"} data-testid="sdv-state">
              {visit.verified ? t("sdv.verified") : t("sdv.notVerified")}
            </Badge>
          </p>
          {recorded ? (
            <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="visit-values">
              {visit.status === "done" ? (
                <>
                  <dt className="text-muted-foreground">{t("fields.visitDate")}</dt>
                  <dd data-testid="value-visitDate">{visit.visitDate}</dd>
                  <dt className="text-muted-foreground">{t("fields.ecog")}</dt>
                  <dd data-testid="value-ecog">{assessment?.ecog ?? ""}</dd>
                  <dt className="text-muted-foreground">{t("fields.weightKg")}</dt>
                  <dd data-testid="value-weightKg">{assessment?.weightKg ?? ""}</dd>
                  <dt className="text-muted-foreground">{t("fields.tumourResponse")}</dt>
                  <dd>{assessment?.recist && isResponse(assessment.recist) ? t(`response.${assessment.recist}`) : (assessment?.recist ?? "")}</dd>
                </>
              ) : (
                <>
                  <dt className="text-muted-foreground">{t("fields.missedReason")}</dt>
                  <dd>{visit.missedReason}</dd>
                </>
              )}
            </dl>
          ) : null}
          {p.canRecord ? (
            <VisitForm
              visitId={visit.id}
              recorded={recorded}
              initial={{
                status: visit.status,
                visitDate: visit.visitDate ?? "",
                missedReason: visit.missedReason ?? "",
              }}
            />
          ) : null}
          {p.canVerify && recorded && !visit.verified ? <SdvButton entityType="visit" entityId={visit.id} /> : null}
          {assessment && (visit.status === "done" || assessment.status) ? (
            <p className="text-sm">
              <Link
                prefetch={false}
                className="font-medium underline underline-offset-4"
                data-testid="assessment-link"
                href={`/studies/${encodeURIComponent(p.studyCode)}/participants/${encodeURIComponent(p.subjectCode)}/forms/${assessment.eventId}/${assessment.formId}`}
              >
                {p.canRecord && assessment.status !== "verified" ? t("visit.assessmentEnter") : t("visit.assessmentOpen")}
              </Link>
              <span className="ml-2 text-muted-foreground">{assessment.status ? t(`visit.assessmentStatus.${assessment.status}`) : t("visit.assessmentNone")}</span>
            </p>
          ) : null}
        </CardContent>
      </Card>
      <RecordQueries queries={queries} entityType="visit" entityId={visit.id} canRaise={p.canQuery && recorded} />
      <RecordHistory versions={history} />
    </div>
  );
}

const isResponse = (code: string): code is (typeof TUMOUR_RESPONSES)[number] => (TUMOUR_RESPONSES as readonly string[]).includes(code);
