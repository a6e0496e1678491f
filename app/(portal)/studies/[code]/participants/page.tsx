import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Card, CardContent } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { studyForEnrolmentPages } from "@/lib/enrolment/queries/enrolment-study";
import { studySiteOptions } from "@/lib/enrolment/queries/screenings";
import { localized } from "@/lib/i18n/localized";
import { parseParticipantFilters } from "@/lib/participants/filters";
import { listParticipants } from "@/lib/participants/queries/participants";
import { routeParam } from "@/lib/http/route-param";
import { ParticipantFiltersForm } from "@/app/(portal)/studies/[code]/participants/_components/participant-filters";
import { ParticipantTable } from "@/app/(portal)/studies/[code]/participants/_components/participant-table";

type SP = Promise<Record<string, string | string[] | undefined>>;

export default async function StudyParticipantsPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: SP }) {
  const code = routeParam((await params).code);
  const actor = await getActor();
  if (!actor || !can(actor, "participant.read")) notFound();
  const study = await studyForEnrolmentPages(actor, code);
  if (!study) notFound();
  const sp = await searchParams;
  const filters = parseParticipantFilters(sp);
  const [result, sites] = await Promise.all([listParticipants(actor, study.id, filters), studySiteOptions(actor, study.id)]);
  const [t, locale] = [await getTranslations("enrolment"), await getLocale()];
  const base = `/studies/${study.code}/participants`;
  return (
    <div className="space-y-6">
      <Card>
        <CardContent className="pt-4">
          <ParticipantFiltersForm action={base} values={filters} sites={sites.map((s) => ({ value: s.centreCode, label: `${s.centreCode} · ${localized(s, locale)}` }))} />
          {result.rows.length ? <ParticipantTable rows={result.rows} /> : <p className="text-sm text-muted-foreground">{t("participants.none")}</p>}
          <Pager basePath={base} params={{ site: filters.site, status: filters.status, q: filters.q }} page={result.page} pages={result.pages} total={result.total} />
        </CardContent>
      </Card>
    </div>
  );
}
