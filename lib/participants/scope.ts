import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";
import { subtreePattern } from "@/lib/authz/scope";
import { studyPiScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/** Study roles that see every participant of the study (a site PI sees their own centre; the PI is lib/studies/scope.ts's rule). */
const STUDY_WIDE_ROLES = sql.raw(`('co_investigator', 'monitor', 'data_manager')`);

/** The actor leads the study or holds a study-wide role on its active team. */
export function studyWide(actor: ScopeActor, studyId: SQL): SQL {
  return sql`(${studyPiScope(actor, studyId)}
    or exists (select 1 from study_team tw where tw.study_id = ${studyId} and tw.user_id = ${actor.id}
               and tw.removed_at is null and tw.study_role in ${STUDY_WIDE_ROLES}))`;
}

/** Centre part of the scope: coordinators their subtree, site staff their own centre. */
function centrePart(actor: ScopeActor, centreId: SQL): SQL {
  if (actor.role === "centre_coordinator") return sql`${centreId} in (select o.id from organisations o where o.path like ${subtreePattern(actor.centrePath)})`;
  if (actor.role === "site_staff") return sql`${centreId} = ${actor.centreId}`;
  return sql`false`;
}

/**
 * Participant rows an actor may read, as a WHERE condition over a participants alias `p`:
 * network admins all; the study's PI and study-wide team members their studies; coordinators
 * participants at centres in their subtree; site staff those at their own centre, and those
 * transferred away from it (both sites see a transfer). Viewers and anyone else: none.
 */
export function participantScope(actor: ScopeActor): SQL {
  if (actor.role === "viewer") return sql`false`;
  if (actor.role === "network_admin") return sql`true`;
  const byCentre = centrePart(actor, sql`p.centre_id`);
  const transferred =
    actor.role === "site_staff"
      ? sql` or exists (select 1 from participant_transfers pt where pt.participant_id = p.id and pt.from_centre_id = ${actor.centreId})`
      : sql``;
  return sql`(${studyWide(actor, sql`p.study_id`)} or ${byCentre}${transferred})`;
}

/** Screening rows an actor may read, over a screenings alias `sc` (same rules, no transfers). */
export function screeningScope(actor: ScopeActor): SQL {
  if (actor.role === "viewer") return sql`false`;
  if (actor.role === "network_admin") return sql`true`;
  return sql`(${studyWide(actor, sql`sc.study_id`)} or ${centrePart(actor, sql`sc.centre_id`)})`;
}

/** True when the actor sees every site of the study (the PI flag on duplicates shows to them). */
export function seesWholeStudySql(actor: ScopeActor, studyId: SQL): SQL {
  if (actor.role === "network_admin") return sql`true`;
  if (actor.role === "viewer") return sql`false`;
  return studyWide(actor, studyId);
}

/**
 * Site staff work at their own centre only: the rows whose centre column is the actor's centre
 * (the screenings they may enrol, the participants they may change). Anyone else: none.
 */
export function atOwnCentre(actor: Pick<Actor, "role" | "centreId">, centreId: SQL): SQL {
  if (actor.role !== "site_staff") return sql`false`;
  return sql`${centreId} = ${actor.centreId}`;
}
