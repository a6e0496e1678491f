import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Card, CardContent } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { parseParticipantFilters } from "@/lib/participants/filters";
import { listMyParticipants } from "@/lib/participants/queries/participants";
import { ParticipantFiltersForm } from "@/app/(portal)/studies/[code]/participants/_components/participant-filters";
import { ParticipantTable } from "@/app/(portal)/studies/[code]/participants/_components/participant-table";

type SP = Promise<Record<string, string | string[] | undefined>>;

export default async function MyParticipantsPage({ searchParams }: { searchParams: SP }) {
  const actor = await getActor();
  if (!actor || !can(actor, "participant.read")) notFound();
  const sp = await searchParams;
  const filters = parseParticipantFilters({ status: sp.status, q: sp.q, page: sp.page });
  const result = await listMyParticipants(actor, filters);
  const t = await getTranslations("enrolment");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("participants.allTitle")}</h1>
        <p className="text-sm text-muted-foreground">{t("participants.allIntro")}</p>
      </div>
      <Card>
        <CardContent className="pt-4">
          <ParticipantFiltersForm action="/participants" values={filters} sites={[]} />
          {result.rows.length ? <ParticipantTable rows={result.rows} showStudy /> : <p className="text-sm text-muted-foreground">{t("participants.none")}</p>}
          <Pager basePath="/participants" params={{ status: filters.status, q: filters.q }} page={result.page} pages={result.pages} total={result.total} />
        </CardContent>
      </Card>
    </div>
  );
}
