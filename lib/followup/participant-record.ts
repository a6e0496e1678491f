import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participants, recordVersions, type Participant, type Study } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import type { ParticipantValues } from "@/lib/followup/fields";
import { appendVersion, latestVersion } from "@/lib/followup/versions";

export function participantSnapshot(p: Participant): ParticipantValues {
  return { yearOfBirth: p.yearOfBirth, sex: p.sex };
}

/**
 * Corrects enrolment data (year of birth, sex) with a reason. The values as enrolled become
 * version 1 (by whoever enrolled, when they did) the first time anything is corrected.
 */
export async function saveParticipantData(tx: Db, actor: Pick<Actor, "id">, participant: Participant, study: Study, input: ParticipantValues, reason: string | null | undefined) {
  const target = { entityType: "participant" as const, entityId: participant.id, studyId: study.id, participantId: participant.id };
  if (!(await latestVersion(tx, target))) {
    await tx.insert(recordVersions).values({ ...target, version: 1, values: participantSnapshot(participant), changedBy: participant.enrolledBy, changedAt: participant.createdAt });
  }
  const saved = await appendVersion(tx, target, input, actor.id, reason);
  await tx.update(participants).set({ yearOfBirth: input.yearOfBirth, sex: input.sex, updatedAt: new Date() }).where(eq(participants.id, participant.id));
  return { ...saved, values: input };
}
