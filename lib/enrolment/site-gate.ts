import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, studies, studySites, type Study, type StudySite } from "@/db/schema";
import { ActionError, notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { studyScope } from "@/lib/studies/scope";

export type SiteAtWork = { study: Study; site: StudySite; centreCode: string; centreNameZh: string; centreNameEn: string };

/**
 * The study and site a site-staff command works on, loaded with the actor's scope in the WHERE
 * (site staff work only at their own centre's site) and locked in one order everywhere:
 * study row, then site row. `update` for commands that change the counters (enrolment,
 * transfer); `share` for the rest, which only need the status not to change underneath them.
 * A site outside the actor's centre is "not found"; a study not recruiting or a site not
 * active is refused with its reason.
 */
export async function lockSiteAtWork(
  tx: Db,
  actor: Pick<Actor, "id" | "role" | "centreId" | "centrePath">,
  studyId: number,
  siteId: number,
  mode: "update" | "share",
): Promise<SiteAtWork> {
  if (actor.role !== "site_staff") throw notFound();
  const [study] = await tx.select().from(studies).where(and(eq(studies.id, studyId), studyScope(actor))).for(mode);
  if (!study) throw notFound();
  const [row] = await tx
    .select({ site: studySites, centreCode: organisations.code, centreNameZh: organisations.nameZh, centreNameEn: organisations.nameEn })
    .from(studySites)
    .innerJoin(organisations, eq(organisations.id, studySites.centreId))
    .where(and(eq(studySites.id, siteId), eq(studySites.studyId, study.id), eq(studySites.centreId, actor.centreId)))
    .for(mode, { of: studySites });
  if (!row) throw notFound();
  if (study.status !== "recruiting") throw new ActionError("enrolment.errors.notRecruiting");
  if (row.site.status !== "active") throw new ActionError("enrolment.errors.siteNotActive");
  return { study, ...row };
}
