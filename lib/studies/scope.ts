import { and, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { studies, type Study } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { subtreePattern } from "@/lib/authz/scope";

export type StudyActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/** How an actor relates to one study: decides which controls a page shows. */
export type StudyAccess = {
  /** May change the protocol, sites, team and status (the study's PI or a network admin). */
  manage: boolean;
  /** The actor is on the active study team (any study role). */
  onTeam: boolean;
};

/**
 * THE rule for "PI of this study", for every domain (studies, participants, blinding,
 * follow-up, enrolment): the person the study names as its PI (`studies.pi_user_id`) while they
 * hold the network role "pi". The 'pi' row on the study team is written from that column when
 * the study is created; it is not a second source. Someone whose role was changed away from
 * "pi" is no longer the PI of the studies they led.
 */
export function isStudyPi(actor: Pick<Actor, "id" | "role">, study: Pick<Study, "piUserId">): boolean {
  return actor.role === "pi" && study.piUserId === actor.id;
}

/** The same rule as a WHERE condition over a study id (default `studies.id`; any column or SQL, e.g. p.study_id). */
export function studyPiScope(actor: Pick<Actor, "id" | "role">, studyId: SQL | AnyColumn = studies.id): SQL {
  if (actor.role !== "pi") return sql`false`;
  return sql`exists (select 1 from studies spi where spi.id = ${studyId} and spi.pi_user_id = ${actor.id})`;
}

/** Active team membership of the actor in the study column given (default `studies.id`). */
function teamMember(actor: StudyActor, studyId: SQL | AnyColumn): SQL {
  return sql`exists (select 1 from study_team tm where tm.study_id = ${studyId} and tm.user_id = ${actor.id} and tm.removed_at is null)`;
}

/**
 * The studies an actor may see, as a WHERE condition over `studies`:
 * network admins and viewers all; the PI and active team members their studies; site staff
 * also studies in which their own centre has a site; coordinators also studies with a site in
 * their subtree. Anything else matches no row.
 *
 * `studyIdColumn` lets other tables reuse it (e.g. participants.study_id).
 */
export function studyScope(actor: StudyActor, studyIdColumn: SQL | AnyColumn = studies.id): SQL {
  if (actor.role === "network_admin" || actor.role === "viewer") return sql`true`;
  const own = sql`(${studyPiScope(actor, studyIdColumn)} or ${teamMember(actor, studyIdColumn)})`;
  if (actor.role === "centre_coordinator") {
    return sql`(${own} or exists (select 1 from study_sites ss join organisations o on o.id = ss.centre_id
      where ss.study_id = ${studyIdColumn} and o.path like ${subtreePattern(actor.centrePath)}))`;
  }
  if (actor.role === "site_staff") {
    return sql`(${own} or exists (select 1 from study_sites ss where ss.study_id = ${studyIdColumn} and ss.centre_id = ${actor.centreId}))`;
  }
  return own;
}

/** The condition under which an actor may change a study: its PI, or any network admin. */
export function studyManageScope(actor: StudyActor): SQL {
  if (actor.role === "network_admin") return sql`true`;
  return studyPiScope(actor);
}

/** Same rule as studyManageScope for a study already loaded. */
export function canManageStudy(actor: StudyActor, study: Pick<Study, "piUserId">): boolean {
  return actor.role === "network_admin" || isStudyPi(actor, study);
}

/** A study by code within the actor's scope, or null (the page answers 404). */
export async function getStudyForActor(db: Db, actor: StudyActor, code: string): Promise<(Study & StudyAccess) | null> {
  const [row] = await db
    .select({ study: studies, onTeam: teamMember(actor, studies.id).mapWith(Boolean) })
    .from(studies)
    .where(and(eq(studies.code, code.toUpperCase()), studyScope(actor)))
    .limit(1);
  if (!row) return null;
  return { ...row.study, onTeam: row.onTeam, manage: canManageStudy(actor, row.study) };
}

/**
 * Loads and locks a study the actor may change (inside an action's transaction); null when it
 * is outside the actor's manage scope, so callers answer "not found" without revealing it.
 */
export async function lockManagedStudy(tx: Db, actor: StudyActor, studyId: number): Promise<Study | null> {
  const [row] = await tx
    .select()
    .from(studies)
    .where(and(eq(studies.id, studyId), studyManageScope(actor)))
    .for("update");
  return row ?? null;
}
