import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participantVisits, type Participant, type ParticipantVisit, type Study } from "@/db/schema";
import { fieldError, notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";
import type { VisitValues } from "@/lib/followup/fields";
import { atOwnSite } from "@/lib/followup/scope";
import { appendVersion } from "@/lib/followup/versions";
import { isInWindow } from "@/lib/studies/visit-windows";
import { networkToday } from "@/lib/time/network-day";

export type VisitAtSite = { visit: ParticipantVisit; participant: Participant; study: Study };

/** A visit of a participant currently at the actor's own centre, locked; anything else is "not found". */
export async function lockVisitAtOwnSite(tx: Db, actor: Pick<Actor, "role" | "centreId">, visitId: number): Promise<VisitAtSite> {
  if (actor.role !== "site_staff") throw notFound();
  const [ref] = await tx
    .select({ participantId: participantVisits.participantId })
    .from(participantVisits)
    .where(and(eq(participantVisits.id, visitId), sql`${participantVisits.participantId} in (select p.id from participants p where ${atOwnSite(actor)})`));
  if (!ref) throw notFound();
  const { participant, study } = await lockOwnParticipant(tx, actor, ref.participantId);
  const [visit] = await tx
    .select()
    .from(participantVisits)
    .where(and(eq(participantVisits.id, visitId), eq(participantVisits.participantId, participant.id)))
    .for("update");
  if (!visit) throw notFound();
  return { visit, participant, study };
}

/** The schedule facts of a visit as history stores them (the assessment is the visit_assessment form). */
export function visitSnapshot(v: ParticipantVisit): VisitValues {
  return {
    status: v.status === "missed" ? "missed" : "done",
    visitDate: v.visitDate,
    missedReason: v.missedReason,
  };
}

/** A done visit has a date (not in the future, not before enrolment); a missed one has a reason. */
export function checkVisit(values: VisitValues, participant: Pick<Participant, "enrolledOn">, today = networkToday()): VisitValues {
  if (values.status === "missed") {
    if (!values.missedReason) throw fieldError("missedReason", "followup.errors.missedReason");
    return { status: "missed", visitDate: null, missedReason: values.missedReason };
  }
  if (!values.visitDate) throw fieldError("visitDate", "validation.required");
  if (values.visitDate > today) throw fieldError("visitDate", "followup.errors.future");
  if (values.visitDate < participant.enrolledOn) throw fieldError("visitDate", "followup.errors.beforeEnrolment");
  return { ...values, missedReason: null };
}

/**
 * Writes a visit's values: the first save is version 1; any later change needs a reason and
 * clears source data verification.
 */
export async function saveVisit(tx: Db, actor: Pick<Actor, "id">, at: VisitAtSite, input: VisitValues, reason: string | null | undefined) {
  const values = checkVisit(input, at.participant);
  const saved = await appendVersion(
    tx,
    { entityType: "visit", entityId: at.visit.id, studyId: at.study.id, participantId: at.participant.id },
    values,
    actor.id,
    reason,
  );
  const outOfWindow = values.status === "done" && values.visitDate !== null && !isInWindow(values.visitDate, at.visit);
  await tx
    .update(participantVisits)
    .set({
      status: values.status,
      visitDate: values.visitDate,
      missedReason: values.missedReason,
      outOfWindow,
      version: saved.version,
      recordedBy: actor.id,
      recordedAt: new Date(),
      sdvBy: null,
      sdvAt: null,
      updatedAt: new Date(),
    })
    .where(eq(participantVisits.id, at.visit.id));
  return { ...saved, values, outOfWindow, sdvCleared: at.visit.sdvAt !== null };
}
