import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, participants, studySites } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";

/**
 * A request key seen before: the same enrol request submitted again (double click, retry).
 * Only a replay for the same study and site counts; the key used elsewhere is a crafted call.
 */
export async function findReplay(tx: Db, requestKey: string, studyId: number, siteId: number) {
  const [row] = await tx
    .select({ id: participants.id, subjectCode: participants.subjectCode, studyId: participants.studyId, siteId: participants.enrolSiteId })
    .from(participants)
    .where(eq(participants.requestKey, requestKey));
  if (!row) return null;
  if (row.studyId !== studyId || row.siteId !== siteId) throw new ActionError("enrolment.errors.requestKeyUsed");
  return row;
}

/** The site (centre) that already has this person in this study, if any. */
export async function existingEnrolment(tx: Db, studyId: number, nationalIdHash: string) {
  const [row] = await tx
    .select({ centreCode: organisations.code, centreNameZh: organisations.nameZh, centreNameEn: organisations.nameEn })
    .from(participants)
    .innerJoin(studySites, eq(studySites.id, participants.siteId))
    .innerJoin(organisations, eq(organisations.id, studySites.centreId))
    .where(and(eq(participants.studyId, studyId), eq(participants.nationalIdHash, nationalIdHash)))
    .limit(1);
  return row ?? null;
}
