import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { centreScope, seesParticipantRows } from "@/lib/authz/scope";
import { participantScope, screeningScope } from "@/lib/participants/scope";
import { studyScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/**
 * Entity types of a study's own record: its fields, protocol versions, sites and team. Anyone
 * who sees the study sees these events. Every other event of a study's trail is about a
 * participant (their screening, enrolment, allocation, unblinding, visits, AEs, queries,
 * record versions, specimens and releases) and is read through the participant scope. A type
 * not listed here counts as participant-level, so a new kind of event stays hidden until it is
 * classified.
 */
export const STUDY_LEVEL_ENTITIES = ["study", "protocol_version", "study_site", "study_team"] as const;

/** Entity types whose record names one participant (the id column of the table behind it). */
const PARTICIPANT_OF: Record<string, string> = {
  participant: "select p0.id from participants p0 where p0.id",
  visit: "select v0.participant_id from participant_visits v0 where v0.id",
  adverse_event: "select ae0.participant_id from adverse_events ae0 where ae0.id",
  query: "select q0.participant_id from queries q0 where q0.id",
  specimen: "select sp0.participant_id from specimens sp0 where sp0.id",
};

/** The event's entity id as an integer; null when it is not one (ids are stored as text). */
const entityInt = sql`(case when ${auditEvents.entityId} ~ '^[0-9]{1,9}$' then ${auditEvents.entityId}::int end)`;

/** The participant an event is about, for the entity types that name one; null otherwise. */
const eventParticipant = sql`(case ${auditEvents.entityType} ${sql.join(
  Object.entries(PARTICIPANT_OF).map(([type, select]) => sql`when ${type} then (${sql.raw(select)} = ${entityInt})`),
  sql` `,
)} end)`;

/**
 * A participant-level event the actor may read, by the participant scope
 * (lib/participants/scope.ts): the participant's own row where the event names one, the
 * screening row for a screening, and otherwise the study and centre the event belongs to, as
 * if it were a participant there. Viewers (and anyone without participant rows) match none.
 */
export function participantEventScope(actor: ScopeActor): SQL {
  if (!seesParticipantRows(actor)) return sql`false`;
  return sql`(case
    when ${auditEvents.entityType} = 'screening' then exists (select 1 from screenings sc where sc.id = ${entityInt} and ${screeningScope(actor)})
    when ${eventParticipant} is not null then exists (select 1 from participants p where p.id = ${eventParticipant} and ${participantScope(actor)})
    else exists (select 1 from (values (${auditEvents.studyId}, ${auditEvents.centreId}, null::int)) as p (study_id, centre_id, id) where ${participantScope(actor)})
  end)`;
}

/**
 * One study's change history as the actor may read it: the study within the actor's study
 * scope; its own events (protocol, sites, team, status) for everyone who sees the study;
 * participant-level events only through the participant scope.
 */
export function studyHistoryScope(actor: ScopeActor, studyId: number): SQL {
  return and(
    eq(auditEvents.studyId, studyId),
    studyScope(actor, auditEvents.studyId),
    or(inArray(auditEvents.entityType, [...STUDY_LEVEL_ENTITIES]), participantEventScope(actor)),
  ) as SQL;
}

/** The network audit trail: every event for network-wide roles, otherwise events of centres in the actor's reach. */
export function auditTrailScope(actor: ScopeActor): SQL {
  return centreScope(actor, auditEvents.centreId);
}
