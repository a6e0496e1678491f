import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { localizedPair } from "@/lib/i18n/localized";
import type { Match } from "@/lib/molecular/queries/matches";
import { evidenceText } from "@/app/(portal)/molecular/matches/_components/biomarker-text";
import { InviteButton } from "@/app/(portal)/molecular/matches/_components/invite-button";

/**
 * Matches as a table: the person's code (subject code, or donor code for a biobank donor), study,
 * why (each criterion met and its evidence), the site to refer to. `invite` shows the button to
 * those who may invite (the person's own site staff); a match already invited shows the invitation
 * instead, with the screening form's link for the invited site's staff (`screenAt`).
 */
export async function MatchTable({
  rows,
  showStudy,
  invite,
  screenAt,
  from,
}: {
  rows: Match[];
  showStudy: boolean;
  invite: (m: Match) => boolean;
  screenAt: (m: Match) => boolean;
  from: "site" | "study";
}) {
  const [t, locale] = [await getTranslations("molecular"), await getLocale()];
  return (
    <div className="overflow-x-auto">
      <Table data-testid="match-table">
        <THead>
          <tr>
            <TH>{t("matching.col.subject")}</TH>
            {showStudy ? <TH>{t("matching.col.study")}</TH> : null}
            <TH>{t("matching.col.evidence")}</TH>
            <TH>{t("matching.col.site")}</TH>
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 ? (
            <TR>
              <TD colSpan={showStudy ? 4 : 3} className="text-muted-foreground">
                {t("matching.none")}
              </TD>
            </TR>
          ) : null}
          {rows.map((m) => (
            <TR key={`${m.key}-${m.studyId}`} data-testid={`match-${m.code}-${m.studyCode}`}>
              <TD className="min-w-28 font-mono">
                {m.code}
                <span className="block text-xs text-muted-foreground">
                  {m.centreCode}
                  {m.owner === "donor" ? <span className="font-sans"> · {t("matching.donor")}</span> : null}
                </span>
              </TD>
              {showStudy ? (
                <TD className="min-w-32">
                  <Link prefetch={false} href={`/studies/${encodeURIComponent(m.studyCode)}/protocol`} className="font-mono text-primary hover:underline">
                    {m.studyCode}
                  </Link>
                  <span className="line-clamp-2 text-xs text-muted-foreground">{localizedPair(m.titleZh, m.titleEn, locale)}</span>
                </TD>
              ) : null}
              <TD className="min-w-32">
                <ul className="space-y-1 text-sm">
                  {m.evidence.map((e) => (
                    <li key={e.code} className="flex flex-wrap items-center gap-1">
                      <Badge variant="muted">{e.code}</Badge>
                      <span>{evidenceText(e, t)}</span>
                    </li>
                  ))}
                </ul>
              </TD>
              <TD className="min-w-40 space-y-2">
                <div>
                  <span className="font-mono">{m.siteCentreCode}</span> {localizedPair(m.siteNameZh, m.siteNameEn, locale)}
                  <span className="block text-xs text-muted-foreground">{t(`matching.nearness.${m.nearness}`)}</span>
                </div>
                {m.invitation ? (
                  <p className="text-xs" data-testid={`invitation-${m.code}-${m.studyCode}`}>
                    {t("matching.invitedOn", { date: m.invitation.invitedOn })}
                    {screenAt(m) ? (
                      <Link
                        prefetch={false}
                        href={`/studies/${encodeURIComponent(m.studyCode)}/screening?invitation=${m.invitation.id}`}
                        className="ml-2 text-primary hover:underline"
                      >
                        {t("matching.openScreening")}
                      </Link>
                    ) : null}
                  </p>
                ) : invite(m) ? (
                  <InviteButton owner={m.owner} ownerId={m.ownerId} studyId={m.studyId} from={from} testId={`invite-${m.code}-${m.studyCode}`} />
                ) : null}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
