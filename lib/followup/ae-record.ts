import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { adverseEvents, type AdverseEvent, type Participant, type Study } from "@/db/schema";
import { fieldError, notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { lockOwnParticipant } from "@/lib/participants/participant-lock";
import { ctcaeGradeDefined, ctcaeTerm } from "@/lib/followup/ctcae/terms";
import type { AeValues } from "@/lib/followup/fields";
import { noticeSaeReported } from "@/lib/followup/sae-notices";
import { atOwnSite } from "@/lib/followup/scope";
import { appendVersion } from "@/lib/followup/versions";
import { networkDayOf, networkToday } from "@/lib/time/network-day";

export type AeAtSite = { ae: AdverseEvent; participant: Participant; study: Study };

/** An AE of a participant currently at the actor's own centre, locked; anything else is "not found". */
export async function lockAeAtOwnSite(tx: Db, actor: Pick<Actor, "role" | "centreId">, aeId: number): Promise<AeAtSite> {
  if (actor.role !== "site_staff") throw notFound();
  const [ref] = await tx
    .select({ participantId: adverseEvents.participantId })
    .from(adverseEvents)
    .where(and(eq(adverseEvents.id, aeId), sql`${adverseEvents.participantId} in (select p.id from participants p where ${atOwnSite(actor)})`));
  if (!ref) throw notFound();
  const { participant, study } = await lockOwnParticipant(tx, actor, ref.participantId);
  const [ae] = await tx.select().from(adverseEvents).where(and(eq(adverseEvents.id, aeId), eq(adverseEvents.participantId, participant.id))).for("update");
  if (!ae) throw notFound();
  return { ae, participant, study };
}

export function aeSnapshot(a: AdverseEvent): AeValues {
  return {
    term: a.term,
    meddraCode: a.meddraCode,
    category: a.category,
    grade: a.grade,
    onsetOn: a.onsetOn,
    endedOn: a.endedOn,
    seriousCriteria: [...a.seriousCriteria].sort() as AeValues["seriousCriteria"],
    relatedness: a.relatedness,
    actionTaken: a.actionTaken,
    outcome: a.outcome,
    awareAt: a.awareAt.toISOString(),
  };
}

/**
 * CTCAE grade 5 is death: it goes with a fatal outcome and the "death" seriousness criterion. A
 * picked CTCAE term is saved under its own name, at a grade the term defines.
 */
export function checkAe(input: AeValues, participant: Pick<Participant, "enrolledOn">, now = new Date()): AeValues {
  const v = withCtcaeTerm(input);
  const today = networkToday(now);
  if (v.onsetOn > today) throw fieldError("onsetOn", "followup.errors.future");
  if (v.endedOn && v.endedOn < v.onsetOn) throw fieldError("endedOn", "followup.errors.endBeforeOnset");
  if (v.endedOn && v.endedOn > today) throw fieldError("endedOn", "followup.errors.future");
  if (Date.parse(v.awareAt) > now.getTime() + 5 * 60_000) throw fieldError("awareAt", "followup.errors.future");
  if (networkDayOf(v.awareAt) < v.onsetOn) throw fieldError("awareAt", "followup.errors.awareBeforeOnset");
  if (v.onsetOn < participant.enrolledOn) throw fieldError("onsetOn", "followup.errors.beforeEnrolment");
  if (v.grade === 5 && v.outcome !== "fatal") throw fieldError("outcome", "followup.errors.grade5Fatal");
  if (v.outcome === "fatal" && !v.seriousCriteria.includes("death")) throw fieldError("seriousCriteria", "followup.errors.fatalIsSerious");
  return { ...v, seriousCriteria: [...new Set(v.seriousCriteria)].sort() as AeValues["seriousCriteria"] };
}

function withCtcaeTerm(v: AeValues): AeValues {
  if (v.meddraCode === null) return v;
  const term = ctcaeTerm(v.meddraCode);
  if (!term) throw fieldError("meddraCode", "followup.errors.ctcaeUnknown");
  if (!ctcaeGradeDefined(term, v.grade)) throw fieldError("grade", "followup.errors.ctcaeGradeUndefined");
  return { ...v, term: term.term };
}

function columns(v: AeValues) {
  return { ...v, awareAt: new Date(v.awareAt), serious: v.seriousCriteria.length > 0 };
}

/** Records a new AE (version 1). A serious one is reported now: late or not, the PI and hub are told. */
export async function createAe(tx: Db, actor: Pick<Actor, "id">, participant: Participant, study: Study, input: AeValues) {
  const values = checkAe(input, participant);
  const now = new Date();
  const serious = values.seriousCriteria.length > 0;
  const [ae] = await tx
    .insert(adverseEvents)
    .values({ ...columns(values), participantId: participant.id, studyId: study.id, reportedAt: serious ? now : null, recordedBy: actor.id })
    .returning();
  await appendVersion(tx, { entityType: "adverse_event", entityId: ae.id, studyId: study.id, participantId: participant.id }, values, actor.id, undefined);
  if (serious) await noticeSaeReported(tx, actor, ae, participant, study);
  return { ae, values };
}

/** Changes a saved AE (reason required). Becoming serious starts the report at this moment. */
export async function saveAe(tx: Db, actor: Pick<Actor, "id">, at: AeAtSite, input: AeValues, reason: string | null | undefined) {
  const values = checkAe(input, at.participant);
  const saved = await appendVersion(tx, { entityType: "adverse_event", entityId: at.ae.id, studyId: at.study.id, participantId: at.participant.id }, values, actor.id, reason);
  const serious = values.seriousCriteria.length > 0;
  const newlySerious = serious && at.ae.reportedAt === null;
  const [ae] = await tx
    .update(adverseEvents)
    .set({ ...columns(values), reportedAt: newlySerious ? new Date() : at.ae.reportedAt, version: saved.version, sdvBy: null, sdvAt: null, updatedAt: new Date() })
    .where(eq(adverseEvents.id, at.ae.id))
    .returning();
  if (newlySerious) await noticeSaeReported(tx, actor, ae, at.participant, at.study);
  return { ...saved, values, ae, newlySerious, sdvCleared: at.ae.sdvAt !== null };
}
