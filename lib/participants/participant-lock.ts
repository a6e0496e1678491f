import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, studies, type Participant, type Study } from "@/db/schema";
import { notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";

/**
 * Site staff change a participant only while the participant is at their own centre's site.
 * The study row is locked first (shared), as every enrolment command does, then the participant.
 */
export async function lockOwnParticipant(tx: Db, actor: Pick<Actor, "role" | "centreId">, participantId: number): Promise<{ participant: Participant; study: Study }> {
  if (actor.role !== "site_staff") throw notFound();
  const [study] = await tx
    .select()
    .from(studies)
    .where(sql`${studies.id} = (select p.study_id from participants p where p.id = ${participantId} and p.centre_id = ${actor.centreId})`)
    .for("share");
  if (!study) throw notFound();
  const [participant] = await tx
    .select()
    .from(participants)
    .where(and(eq(participants.id, participantId), eq(participants.studyId, study.id), eq(participants.centreId, actor.centreId)))
    .for("update");
  if (!participant) throw notFound();
  return { participant, study };
}
