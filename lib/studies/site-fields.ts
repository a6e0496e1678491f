import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { studySites, studyTeam, users, type StudySite } from "@/db/schema";
import { fieldError, notFound } from "@/lib/actions/errors";

/** The site PI named by e-mail: an enabled account at the site's own centre. "" means none. */
export async function resolveSitePi(tx: Db, email: string | null, centreId: number): Promise<number | null> {
  if (!email) return null;
  const [u] = await tx
    .select({ id: users.id, centreId: users.centreId })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, eq(users.disabled, false)));
  if (!u) throw fieldError("sitePiEmail", "studies.errors.userUnknown");
  if (u.centreId !== centreId) throw fieldError("sitePiEmail", "studies.errors.sitePiCentre");
  return u.id;
}

/** A site PI is on the study team (role site_pi at that centre): that is what gives them access. */
export async function ensureSitePiOnTeam(tx: Db, studyId: number, userId: number, centreId: number): Promise<void> {
  await tx
    .insert(studyTeam)
    .values({ studyId, userId, studyRole: "site_pi", centreId })
    .onConflictDoUpdate({
      target: [studyTeam.studyId, studyTeam.userId, studyTeam.studyRole],
      set: { removedAt: null, centreId, updatedAt: new Date() },
    });
}

/** A site of a study already loaded in the actor's scope, locked; a crafted id elsewhere is "not found". */
export async function lockSite(tx: Db, studyId: number, siteId: number): Promise<StudySite> {
  const [site] = await tx
    .select()
    .from(studySites)
    .where(and(eq(studySites.id, siteId), eq(studySites.studyId, studyId)))
    .for("update");
  if (!site) throw notFound();
  return site;
}

export function siteSnapshot(s: StudySite) {
  return {
    centreId: s.centreId,
    target: s.target,
    sitePiUserId: s.sitePiUserId,
    ethicsApprovalDate: s.ethicsApprovalDate,
    status: s.status,
    allowOverEnrolment: s.allowOverEnrolment,
  };
}
