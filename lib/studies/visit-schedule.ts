import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { participantVisits, protocolVersions, studies, visitDefinitions, type Participant, type VisitDefinition } from "@/db/schema";
import { visitWindow } from "@/lib/studies/visit-windows";

export async function scheduleOf(tx: Db, protocolVersionId: number): Promise<VisitDefinition[]> {
  return tx.select().from(visitDefinitions).where(eq(visitDefinitions.protocolVersionId, protocolVersionId)).orderBy(asc(visitDefinitions.ordinal));
}

/**
 * The participant's expected visits, from the visit schedule of the protocol version in force
 * (the study's current version at enrolment). Call it inside the enrolment transaction, after
 * the participant row is written. Idempotent: a visit already generated is left alone.
 */
export async function generateExpectedVisits(tx: Db, participant: Pick<Participant, "id" | "studyId" | "enrolledOn">): Promise<number> {
  const [pv] = await tx
    .select({ id: protocolVersions.id })
    .from(protocolVersions)
    .innerJoin(studies, and(eq(studies.id, protocolVersions.studyId), eq(studies.currentProtocolVersion, protocolVersions.version)))
    .where(eq(studies.id, participant.studyId));
  if (!pv) return 0;
  const defs = await scheduleOf(tx, pv.id);
  if (defs.length === 0) return 0;
  const rows = defs.map((d) => ({
    participantId: participant.id,
    studyId: participant.studyId,
    visitDefinitionId: d.id,
    ...visitWindow(participant.enrolledOn, d.targetDay, d.windowDays),
  }));
  const inserted = await tx.insert(participantVisits).values(rows).onConflictDoNothing().returning({ id: participantVisits.id });
  return inserted.length;
}

/**
 * Bulk form for participants enrolled before any visit was generated (the demo seed): each gets
 * the schedule of the version in force on their enrolment date (the latest version effective on
 * or before it, else version 1). Same window rule as visitWindow().
 */
export async function generateMissingVisits(db: Db): Promise<void> {
  await db.execute(sql`
    with pv_in_force as (
      select p.id as participant_id, p.study_id, p.enrolled_on,
        coalesce(
          (select pv.id from protocol_versions pv where pv.study_id = p.study_id and pv.effective_date <= p.enrolled_on order by pv.version desc limit 1),
          (select pv.id from protocol_versions pv where pv.study_id = p.study_id order by pv.version asc limit 1)
        ) as pv_id
      from participants p
      where not exists (select 1 from participant_visits v where v.participant_id = p.id)
    )
    insert into participant_visits (participant_id, study_id, visit_definition_id, due_on, window_start, window_end)
    select f.participant_id, f.study_id, d.id,
      f.enrolled_on + d.target_day,
      greatest(f.enrolled_on, f.enrolled_on + d.target_day - d.window_days),
      f.enrolled_on + d.target_day + d.window_days
    from pv_in_force f join visit_definitions d on d.protocol_version_id = f.pv_id
    -- Visit ids follow participants and the schedule on every engine (the demo derives choices from them).
    order by f.participant_id, d.ordinal
    on conflict do nothing`);
}

/** An amendment carries the visit schedule over to the new protocol version. */
export async function copyVisitSchedule(tx: Db, fromVersionId: number, toVersionId: number): Promise<void> {
  await tx.execute(sql`insert into visit_definitions (protocol_version_id, ordinal, code, name_zh, name_en, target_day, window_days)
    select ${toVersionId}, ordinal, code, name_zh, name_en, target_day, window_days from visit_definitions where protocol_version_id = ${fromVersionId} order by ordinal`);
}
