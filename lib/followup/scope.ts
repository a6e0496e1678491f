import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";
import { studyPiScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/** A monitor's seat on the study's active team, for a user id given as SQL. */
function monitorSeat(userId: SQL, studyId: SQL): SQL {
  return sql`exists (select 1 from study_team tmo where tmo.study_id = ${studyId} and tmo.user_id = ${userId} and tmo.removed_at is null and tmo.study_role = 'monitor')`;
}

/** An active monitor on the study's team. */
export function isStudyMonitor(actor: Pick<Actor, "id">, studyId: SQL): SQL {
  return monitorSeat(sql`${actor.id}`, studyId);
}

/** Who may raise, close and re-open queries on a study: a monitor on its team or its PI. */
export function mayRaiseQueries(actor: ScopeActor, studyId: SQL): SQL {
  if (actor.role !== "monitor" && actor.role !== "pi") return sql`false`;
  return sql`(${isStudyMonitor(actor, studyId)} or ${studyPiScope(actor, studyId)})`;
}

/** Who may mark source data verified: a monitor on the study's team. */
export function mayVerify(actor: ScopeActor, studyId: SQL): SQL {
  if (actor.role !== "monitor") return sql`false`;
  return isStudyMonitor(actor, studyId);
}

/** Site staff work on participants currently at their own centre (alias `p`). */
export function atOwnSite(actor: Pick<Actor, "role" | "centreId">): SQL {
  if (actor.role !== "site_staff") return sql`false`;
  return sql`p.centre_id = ${actor.centreId}`;
}

/**
 * Who is told about a participant's records at a centre: its site staff, the people who record
 * and answer there (atOwnSite seen from the users' side). Over a users alias `u`.
 */
export function siteStaffOf(centreId: SQL): SQL {
  return sql`(u.role = 'site_staff' and u.centre_id = ${centreId})`;
}

/** The study's monitors as mayRaiseQueries and mayVerify see them (role and team seat), over a users alias `u`. */
export function monitorsOf(studyId: SQL): SQL {
  return sql`(u.role = 'monitor' and ${monitorSeat(sql`u.id`, studyId)})`;
}

/**
 * An overdue visit (aliases `v` visits, `p` participants): still expected after its window
 * closed, of a participant still enrolled. The overdue list and the overdue notices both use it.
 */
export function overdueVisit(today: string): SQL {
  return sql`(v.status = 'expected' and v.window_end < ${today}::date and p.status = 'enrolled')`;
}

/** The query list's "my site": the participant's current site is the actor's own centre (aliases `q`, `p`). */
export function queriesAtMySite(actor: Pick<Actor, "centreId">): SQL {
  return sql`p.centre_id = ${actor.centreId}`;
}

/** The query list's "mine": raised by the actor, or waiting for an answer at the actor's own centre. */
export function myQueries(actor: Pick<Actor, "id" | "centreId">): SQL {
  return sql`(q.raised_by = ${actor.id} or ${queriesAtMySite(actor)})`;
}
