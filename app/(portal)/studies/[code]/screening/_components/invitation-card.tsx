import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { InvitationRow } from "@/lib/molecular/queries/invitations";
import { evidenceText } from "@/app/(portal)/molecular/matches/_components/biomarker-text";

/**
 * The invitation a screening is opened from (a biomarker match): the person by their pseudonymous
 * code (a participant's record in their own study, or the biobank's donor), and the biomarker
 * evidence of each criterion met, for the site to screen against the full criteria below.
 */
export async function InvitationCard({ inv }: { inv: InvitationRow }) {
  const t = await getTranslations("molecular");
  const href =
    inv.owner === "donor"
      ? `/biobank/donors?q=${encodeURIComponent(inv.code)}`
      : inv.ownStudyCode
        ? `/studies/${encodeURIComponent(inv.ownStudyCode)}/participants/${encodeURIComponent(inv.code)}`
        : null;
  return (
    <Card data-testid="invitation-card">
      <CardHeader>
        <CardTitle>{t("screeningFrom.title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-2 text-sm">
        <p>
          {inv.owner === "donor" ? t("page.donor") : t("page.subject")}:{" "}
          {href ? (
            <Link prefetch={false} href={href} className="font-mono text-primary hover:underline">
              {inv.code}
            </Link>
          ) : (
            <span className="font-mono">{inv.code}</span>
          )}
          {" · "}
          {t("screeningFrom.invited", { date: inv.invitedOn, site: inv.siteCentreCode, version: inv.protocolVersion })}
        </p>
        <ul className="space-y-1" data-testid="invitation-evidence">
          {inv.evidence.map((e) => (
            <li key={e.code} className="flex flex-wrap items-center gap-1">
              <Badge variant="muted">{e.code}</Badge>
              <span>{evidenceText(e, t)}</span>
            </li>
          ))}
        </ul>
        <p className="text-muted-foreground">{inv.screeningId === null ? t("screeningFrom.hint") : t("screeningFrom.screened")}</p>
      </CardContent>
    </Card>
  );
}
