import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

export { participantScope } from "@/lib/participants/scope";

/** The study's own PI (studies.pi_user_id or an active 'pi' team row). */
export function isStudyPi(actor: Pick<Actor, "id">, studyId: SQL): SQL {
  return sql`(exists (select 1 from studies sp where sp.id = ${studyId} and sp.pi_user_id = ${actor.id})
    or exists (select 1 from study_team tp where tp.study_id = ${studyId} and tp.user_id = ${actor.id} and tp.removed_at is null and tp.study_role = 'pi'))`;
}

/** An active monitor on the study's team. */
export function isStudyMonitor(actor: Pick<Actor, "id">, studyId: SQL): SQL {
  return sql`exists (select 1 from study_team tmo where tmo.study_id = ${studyId} and tmo.user_id = ${actor.id} and tmo.removed_at is null and tmo.study_role = 'monitor')`;
}

/** Who may raise, close and re-open queries on a study: a monitor on its team or its PI. */
export function mayRaiseQueries(actor: ScopeActor, studyId: SQL): SQL {
  if (actor.role !== "monitor" && actor.role !== "pi") return sql`false`;
  return sql`(${isStudyMonitor(actor, studyId)} or ${isStudyPi(actor, studyId)})`;
}

/** Who may mark source data verified: a monitor on the study's team. */
export function mayVerify(actor: ScopeActor, studyId: SQL): SQL {
  if (actor.role !== "monitor") return sql`false`;
  return isStudyMonitor(actor, studyId);
}

/** Site staff work on participants currently at their own centre (alias `p`). */
export function atOwnSite(actor: ScopeActor): SQL {
  if (actor.role !== "site_staff") return sql`false`;
  return sql`p.centre_id = ${actor.centreId}`;
}
