import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { routeParam } from "@/lib/http/route-param";
import { localizedPair } from "@/lib/i18n/localized";
import { studyBiomarkerCriteria } from "@/lib/molecular/queries/criteria";
import { studyMatches } from "@/lib/molecular/queries/matches";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { criterionText } from "@/app/(portal)/molecular/matches/_components/biomarker-text";
import { InvitedNote } from "@/app/(portal)/molecular/matches/_components/invited-note";
import { MatchTable } from "@/app/(portal)/molecular/matches/_components/match-table";

export default async function StudyBiomarkerMatchesPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ invited?: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "participant.read") || !can(actor, "molecular.read")) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const [t, locale, sp] = [await getTranslations("molecular"), await getLocale(), await searchParams];
  const [criteria, groups] = [await studyBiomarkerCriteria(actor, study.id, study.currentProtocolVersion), await studyMatches(actor, study.id)];
  const mayInvite = can(actor, "participant.screen");
  const total = groups.reduce((n, g) => n + g.matches.length, 0);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h2 className="text-lg font-semibold">{t("matching.studyTitle")}</h2>
        <p className="text-sm text-muted-foreground">{t("matching.studyIntro")}</p>
      </div>
      <InvitedNote actor={actor} invited={sp.invited} />
      {criteria.length ? (
        <ol className="space-y-1 text-sm" data-testid="biomarker-criteria-summary">
          {criteria.map((c) => (
            <li key={c.code}>
              <span className="mr-2 font-mono">{c.code}</span>
              {criterionText(c, t)}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-muted-foreground">{t("matching.noCriteria")}</p>
      )}
      {study.status !== "recruiting" ? <p className="text-sm text-muted-foreground">{t("matching.notRecruiting")}</p> : null}
      <p className="text-sm" data-testid="match-count">
        {t("matching.count", { n: total })}
      </p>
      {groups.map((g) => (
        <Card key={g.centreId} data-testid={`centre-${g.centreCode}`}>
          <CardHeader>
            <CardTitle>
              <span className="mr-2 font-mono">{g.centreCode}</span>
              {localizedPair(g.centreNameZh, g.centreNameEn, locale)} · {t("matching.count", { n: g.matches.length })}
            </CardTitle>
          </CardHeader>
          <CardContent>
            <MatchTable
              rows={g.matches}
              showStudy={false}
              invite={(m) => mayInvite && m.centreId === actor.centreId}
              screenAt={(m) => mayInvite && m.siteCentreId === actor.centreId}
              from="study"
            />
          </CardContent>
        </Card>
      ))}
      <Link prefetch={false} href="/molecular/matches" className="inline-block text-sm text-primary hover:underline">
        {t("matching.title")}
      </Link>
    </div>
  );
}
