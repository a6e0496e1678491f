import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { toNetworkLocal } from "@/lib/time/network-day";
import { listAdverseEvents, listQueriesOnParticipant, recordHistory } from "@/lib/followup/queries/followup";
import { isSaeFollowupDue, saeFollowupDueAt } from "@/lib/followup/sae-followup";
import { routeId } from "@/lib/http/route-param";
import { AeForm } from "@/app/(portal)/follow-up/_components/ae-form";
import { networkTime } from "@/app/(portal)/follow-up/_components/format";
import { loadParticipantPage } from "@/app/(portal)/follow-up/_components/load";
import { ParticipantHeader } from "@/app/(portal)/follow-up/_components/participant-header";
import { RecordHistory, RecordQueries } from "@/app/(portal)/follow-up/_components/record-panels";
import { SdvButton } from "@/app/(portal)/follow-up/_components/sdv-button";

export default async function AePage({ params }: { params: Promise<{ subject: string; id: string }> }) {
  const { actor, participant: p } = await loadParticipantPage(params);
  const id = String(routeId((await params).id));
  const ae = (await listAdverseEvents(actor, p.id)).find((a) => String(a.id) === id);
  if (!ae) notFound();
  const t = await getTranslations("followup");
  const [history, queries] = await Promise.all([recordHistory(actor, "adverse_event", ae.id), listQueriesOnParticipant(actor, p.id)]);
  // The next follow-up report of an unresolved SAE: counted from its last report (the latest saved version).
  const lastReport = Math.max(...[ae.reportedAt, history.at(-1)?.changedAt].filter((x): x is string => Boolean(x)).map((x) => Date.parse(x)));
  const followup = { serious: ae.serious && ae.reportedAt !== null, outcome: ae.outcome, seriousCriteria: ae.seriousCriteria, lastReportAt: new Date(lastReport) };
  const followupDue = saeFollowupDueAt(followup);
  const followupLate = isSaeFollowupDue(followup, new Date());
  return (
    <div className="space-y-6">
      <ParticipantHeader p={p} back />
      <Card>
        <CardHeader>
          <CardTitle>{t("ae.heading", { term: ae.term })}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="ae-status">
            {t("fields.grade")}: {ae.grade} · {t(`category.${ae.category}`)} · {t("fields.onsetOn")}: {ae.onsetOn}
            {ae.serious ? <Badge variant="destructive">{t("ae.serious")}</Badge> : null}
            {ae.serious ? (
              <Badge variant={ae.reportLate ? "destructive" : "success"} data-testid="report-state">
                {ae.reportLate ? t("ae.late") : t("ae.onTime")}
              </Badge>
            ) : null}
            {ae.reportedAt ? <span>{t("ae.reportedAt", { at: networkTime(ae.reportedAt) })}</span> : null}
            {followupDue ? (
              <Badge variant={followupLate ? "destructive" : "warning"} data-testid="sae-followup">
                {t(followupLate ? "ae.followupOverdue" : "ae.followupDue", { at: networkTime(followupDue.toISOString()) })}
              </Badge>
            ) : null}
            <Badge variant={ae.verified ? "success" : "muted"}>{ae.verified ? t("sdv.verified") : t("sdv.notVerified")}</Badge>
          </p>
          {p.canRecord ? (
            <AeForm
              aeId={ae.id}
              reported={ae.reportedAt !== null}
              initial={{
                term: ae.term,
                meddraCode: ae.meddraCode,
                category: ae.category,
                grade: String(ae.grade),
                onsetOn: ae.onsetOn,
                endedOn: ae.endedOn ?? "",
                seriousCriteria: ae.seriousCriteria,
                relatedness: ae.relatedness,
                actionTaken: ae.actionTaken,
                outcome: ae.outcome,
                awareAt: toNetworkLocal(ae.awareAt),
              }}
            />
          ) : null}
          {p.canVerify && !ae.verified ? <SdvButton entityType="adverse_event" entityId={ae.id} /> : null}
        </CardContent>
      </Card>
      <RecordQueries queries={queries} entityType="adverse_event" entityId={ae.id} canRaise={p.canQuery} />
      <RecordHistory versions={history} />
    </div>
  );
}
