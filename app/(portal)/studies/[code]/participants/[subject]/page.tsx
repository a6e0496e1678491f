import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { studyForEnrolmentPages } from "@/lib/enrolment/queries/enrolment-study";
import { getParticipant } from "@/lib/participants/queries/participant-detail";
import { studySiteOptions } from "@/lib/enrolment/queries/screenings";
import { localized, localizedPair } from "@/lib/i18n/localized";
import { networkToday } from "@/lib/time/network-day";
import { routeParam } from "@/lib/http/route-param";
import { TransferForm, UnblindForm, WithdrawForm } from "@/app/(portal)/studies/[code]/participants/[subject]/_components/participant-forms";
import { ParticipantTimeline } from "@/app/(portal)/studies/[code]/participants/[subject]/_components/participant-timeline";
import { ParticipantFormGrid } from "@/app/(portal)/studies/[code]/participants/[subject]/_components/participant-form-grid";
import { participantFormGrid } from "@/lib/crf/queries/form-entry";

export default async function ParticipantPage({ params }: { params: Promise<{ code: string; subject: string }> }) {
  const [code, subject] = [routeParam((await params).code), routeParam((await params).subject)];
  const actor = await getActor();
  if (!actor || !can(actor, "participant.read")) notFound();
  const study = await studyForEnrolmentPages(actor, code);
  if (!study) notFound();
  const p = await getParticipant(actor, study.id, subject.toUpperCase());
  if (!p) notFound();
  const [t, locale] = [await getTranslations("enrolment"), await getLocale()];
  const mayChange = p.atActorsSite && p.status === "enrolled";
  const sites = mayChange && study.status === "recruiting" ? (await studySiteOptions(actor, study.id)).filter((s) => s.status === "active" && s.id !== p.siteId) : [];
  const today = networkToday();
  const formGrid = can(actor, "crf.read") ? await participantFormGrid(actor, p.id) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-mono text-2xl font-semibold" data-testid="subject-code">
          {p.subjectCode}
        </h2>
        <Badge variant={p.status === "withdrawn" ? "warning" : "success"}>{t(`status.${p.status}`)}</Badge>
        {p.inOtherStudy ? (
          <Badge variant="warning" title={t("participants.otherStudyHint")}>
            {t("participants.otherStudy")}
          </Badge>
        ) : null}
      </div>
      {p.inOtherStudy ? <p className="text-sm text-amber-900">{t("participants.otherStudyHint")}</p> : null}
      {can(actor, "followup.read") ? <Link prefetch={false} href={`/follow-up/${p.subjectCode}`} className="text-sm text-primary underline underline-offset-2" data-testid="followup-link">{(await getTranslations("studies"))("links.followUp")} →</Link> : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.allocation")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-2 text-sm" data-testid="allocation">
            {p.armCode ? (
              <p className="text-lg font-semibold" data-testid="allocated-arm">
                {p.armCode} · {localizedPair(p.armNameZh ?? p.armCode, p.armNameEn, locale)}
              </p>
            ) : p.blinded ? (
              <p>
                <Badge variant="muted">{t("participants.blinded")}</Badge> {t("detail.blindedNote")}
              </p>
            ) : (
              <p>{t("participants.notRandomized")}</p>
            )}
            {p.randomizedAt ? <p className="text-muted-foreground">{`${t("detail.randomized")}: ${p.randomizedAt}`}</p> : null}
            {p.unblindings.map((u, i) => (
              <p key={i} className="rounded-md bg-red-50 px-2 py-1 text-red-900" data-testid="unblinding-record">
                {t("detail.unblindedBy", { at: u.at, name: u.byName, reason: u.reason })}
              </p>
            ))}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.profile")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
              <dt className="text-muted-foreground">{t("participants.site")}</dt>
              <dd>
                <code className="text-xs">{p.centreCode}</code> {localizedPair(p.centreNameZh, p.centreNameEn, locale)}
              </dd>
              <dt className="text-muted-foreground">{t("detail.enrolSite")}</dt>
              <dd>
                <code className="text-xs">{p.enrolCentreCode}</code>
              </dd>
              <dt className="text-muted-foreground">{t("detail.yob")}</dt>
              <dd>{p.yearOfBirth}</dd>
              <dt className="text-muted-foreground">{t("detail.sex")}</dt>
              <dd>{t(`enrol.${p.sex}`)}</dd>
              <dt className="text-muted-foreground">{t("detail.consent")}</dt>
              <dd>
                {p.consentLabel} · {p.consentDate} · {p.specimensFutureUse ? t("detail.specimensYes") : t("detail.specimensNo")}
              </dd>
              {Object.entries(p.strata).map(([f, l]) => (
                <div key={f} className="contents">
                  <dt className="text-muted-foreground">{f}</dt>
                  <dd>{l}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>

      <ParticipantTimeline p={p} />
      {formGrid ? <ParticipantFormGrid base={`/studies/${study.code}/participants/${p.subjectCode}`} events={formGrid.events} /> : null}

      {mayChange ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>{t("detail.withdrawTitle")}</CardTitle>
            </CardHeader>
            <CardContent>
              <WithdrawForm participantId={p.id} today={today} />
            </CardContent>
          </Card>
          {sites.length ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("detail.transferTitle")}</CardTitle>
              </CardHeader>
              <CardContent>
                <TransferForm participantId={p.id} today={today} sites={sites.map((s) => ({ value: String(s.id), label: `${s.centreCode} · ${localized(s, locale)}` }))} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      ) : null}
      {p.canUnblind ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.unblindTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            <UnblindForm participantId={p.id} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
