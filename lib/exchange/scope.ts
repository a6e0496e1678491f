import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";
import { subtreePattern } from "@/lib/authz/scope";
import { participantScope, studyWide } from "@/lib/participants/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/**
 * Studies an actor may export, as a WHERE condition over a study id: those whose participants
 * the actor may read on the participant pages — network admins every study; the study's PI and
 * its study-wide team (co-investigators, monitors, data managers); coordinators a study with a
 * site in their subtree; site staff a study with a site at their centre. Viewers and anyone
 * else (a monitor outside the study): none.
 */
export function exportStudyScope(actor: ScopeActor, studyId: SQL): SQL {
  if (actor.role === "viewer") return sql`false`;
  if (actor.role === "network_admin") return sql`true`;
  let site = sql`false`;
  if (actor.role === "centre_coordinator") {
    site = sql`exists (select 1 from study_sites xs join organisations xo on xo.id = xs.centre_id where xs.study_id = ${studyId} and xo.path like ${subtreePattern(actor.centrePath)})`;
  } else if (actor.role === "site_staff") {
    site = sql`exists (select 1 from study_sites xs where xs.study_id = ${studyId} and xs.centre_id = ${actor.centreId})`;
  }
  return sql`(${studyWide(actor, studyId)} or ${site})`;
}

/** The participants whose rows an export holds, over a participants alias `p`: exactly the participant pages' scope. */
export function exportParticipantScope(actor: ScopeActor): SQL {
  return participantScope(actor);
}

/** A list of ids as SQL `(1, 2, 3)` (callers pass a non-empty list). */
export function idList(ids: readonly number[]): SQL {
  return sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
}
