"use server";

import { defineAction } from "@/lib/actions/define-action";
import { inviteToScreeningCommand } from "@/lib/molecular/commands/invite-to-screening";

const paths = (d: { studyCode: string }) => ["/molecular/matches", `/studies/${d.studyCode}/biomarker-matches`];

/** The invited site's screening form, pre-filled from the invitation, when that site is the actor's own. */
const screeningForm = (d: { id: number; studyCode: string; atOwnSite: boolean }) => (d.atOwnSite ? `/studies/${encodeURIComponent(d.studyCode)}/screening?invitation=${d.id}` : null);

/** From the site's match list, and from a study's: the screening form opens, or (invited elsewhere) each returns to its list, which names the invitation made. */
export const inviteFromSiteListAction = defineAction(inviteToScreeningCommand, { revalidate: paths, redirectTo: (d) => screeningForm(d) ?? `/molecular/matches?invited=${d.id}` });
export const inviteFromStudyListAction = defineAction(inviteToScreeningCommand, {
  revalidate: paths,
  redirectTo: (d) => screeningForm(d) ?? `/studies/${encodeURIComponent(d.studyCode)}/biomarker-matches?invited=${d.id}`,
});
