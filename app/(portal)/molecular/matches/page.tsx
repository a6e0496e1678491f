import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { sweepMatchNotices } from "@/lib/molecular/match-sweep";
import { siteMatches } from "@/lib/molecular/queries/matches";
import { MatchTable } from "@/app/(portal)/molecular/matches/_components/match-table";
import { InvitedNote } from "@/app/(portal)/molecular/matches/_components/invited-note";

/** Shown at most: a coordinator's or network admin's list can be long (the study pages split it by site). */
const MAX_ROWS = 300;

export default async function BiomarkerMatchesPage({ searchParams }: { searchParams: Promise<{ invited?: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "participant.read") || !can(actor, "molecular.read")) notFound();
  // Recruiting biomarker studies not yet announced are matched and announced first (once per study version).
  await sweepMatchNotices();
  const [t, rows, sp] = [await getTranslations("molecular.matching"), await siteMatches(actor), await searchParams];
  // Only the patient's own site staff invite (the command checks it again).
  const mayInvite = can(actor, "participant.screen");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-muted-foreground">{t("intro")}</p>
      <InvitedNote actor={actor} invited={sp.invited} />
      <p className="text-sm" data-testid="match-count">
        {t("count", { n: rows.length })}
        {rows.length > MAX_ROWS ? ` · ${t("shown", { shown: MAX_ROWS, n: rows.length })}` : null}
      </p>
      <MatchTable
        rows={rows.slice(0, MAX_ROWS)}
        showStudy
        invite={(m) => mayInvite && m.centreId === actor.centreId}
        screenAt={(m) => mayInvite && m.siteCentreId === actor.centreId}
        from="site"
      />
    </div>
  );
}
