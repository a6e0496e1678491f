import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CompletionCard } from "@/components/crf/completion-card";
import { getActor } from "@/lib/auth/actor";
import { studyCompletion } from "@/lib/crf/queries/completion";
import { centreOptionLabel } from "@/lib/network/centre-order";
import { localized, localizedPair } from "@/lib/i18n/localized";
import { siteCentreOptions, studySiteSummary } from "@/lib/studies/queries/sites";
import { getStudyPage, studyRecruitingGates } from "@/lib/studies/queries/studies";
import { designIsFixed, nextStudyStatuses } from "@/lib/studies/lifecycle";
import { routeParam } from "@/lib/http/route-param";
import { DetailsForm } from "@/app/(portal)/studies/_components/details-form";
import { StatusForm } from "@/app/(portal)/studies/_components/status-form";

export default async function StudyOverviewPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  // The data-entry figures stream in below the cards: one read, started now.
  const completion = studyCompletion(actor, study.id);
  const [t, locale] = [await getTranslations("studies"), await getLocale()];
  const [summary, gates, centres] = await Promise.all([
    studySiteSummary(actor, study.id),
    study.status === "ethics_review" || study.status === "draft" || study.status === "suspended" ? studyRecruitingGates(actor, study.code) : Promise.resolve([]),
    study.manage ? siteCentreOptions(actor) : Promise.resolve([]),
  ]);
  const next = nextStudyStatuses(study.status);
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const randomized = study.design === "randomized";
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <Card>
        <CardHeader>
          <CardTitle>{t("overview.details")}</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="divide-y divide-border" data-testid="study-details">
            {row(t("field.titleZh"), <span lang="zh-CN">{study.titleZh}</span>)}
            {row(t("field.titleEn"), <span lang="en">{study.titleEn}</span>)}
            {row(t("field.registryNo"), study.registryNo ?? t("overview.notRecorded"))}
            {row(t("field.phase"), t(`phase.${study.phase}`))}
            {row(t("field.design"), t(`design.${study.design}`))}
            {row(t("field.area"), t(`area.${study.area}`))}
            {row(t("overview.leadAndPi"), `${study.leadCode} · ${localizedPair(study.leadNameZh, study.leadNameEn, locale)} — ${study.piName}`)}
            {row(t("overview.dates"), `${study.plannedStart ?? "—"} → ${study.plannedEnd ?? "—"}`)}
            {randomized
              ? row(
                  t("overview.randomization"),
                  `${study.randomizationMethod ? t(`method.${study.randomizationMethod}`) : "—"} · ${study.blinding ? t(`blinding.${study.blinding}`) : "—"} · ${t("field.siteIsStratum")}: ${study.siteIsStratum ? "✓" : "✗"}`,
                )
              : null}
            {row(t("overview.ethics"), study.ethicsApprovalDate ? `${study.ethicsApprovalDate}${study.ethicsRef ? ` (${study.ethicsRef})` : ""}` : t("overview.notRecorded"))}
            {row(t("overview.protocolVersion"), t("protocol.version", { version: study.currentProtocolVersion }))}
            {row(t("overview.progress"), `${t("progressOf", { enrolled: summary.enrolled, target: study.targetEnrolment })} · ${t("sitesCount", { n: summary.sites })}`)}
          </dl>
          {study.manage && study.status !== "completed" && study.status !== "closed_to_accrual" ? (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-primary">{t("overview.edit")}</summary>
              <div className="pt-3">
                <DetailsForm
                  studyId={study.id}
                  designFixed={designIsFixed(study.status)}
                  centres={centres.map((c) => ({ value: String(c.id), label: centreOptionLabel(c, localized(c, locale)) }))}
                  v={study}
                />
              </div>
            </details>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("overview.lifecycle")}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          {gates.length ? (
            <div>
              <h3 className="text-sm font-medium">{t("overview.gatesTitle")}</h3>
              <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900" data-testid="open-gates">
                {gates.map((g) => (
                  <li key={g}>{t(g.replace(/^studies\./, ""))}</li>
                ))}
              </ul>
            </div>
          ) : study.status === "ethics_review" ? (
            <p className="text-sm text-green-800">{t("overview.gatesMet")}</p>
          ) : null}
          {study.manage ? (
            next.length ? (
              <StatusForm studyId={study.id} next={[...next]} />
            ) : (
              <p className="text-sm text-muted-foreground">{t("overview.noTransitions")}</p>
            )
          ) : null}
        </CardContent>
      </Card>
      <Suspense fallback={null}>
        <CompletionCard completion={completion} className="lg:col-span-2" testId="crf-completion" />
      </Suspense>
    </div>
  );
}
