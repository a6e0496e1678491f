"use server";

import { defineAction } from "@/lib/actions/define-action";
import { inviteToScreeningCommand } from "@/lib/molecular/commands/invite-to-screening";

const paths = (d: { studyCode: string }) => ["/molecular/matches", `/studies/${d.studyCode}/biomarker-matches`];

/** From the site's match list, and from a study's: each returns to its list, which names the invitation made. */
export const inviteFromSiteListAction = defineAction(inviteToScreeningCommand, { revalidate: paths, redirectTo: (d) => `/molecular/matches?invited=${d.id}` });
export const inviteFromStudyListAction = defineAction(inviteToScreeningCommand, {
  revalidate: paths,
  redirectTo: (d) => `/studies/${encodeURIComponent(d.studyCode)}/biomarker-matches?invited=${d.id}`,
});
