import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";
import { studyPiScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/** An active monitor on the study's team. */
export function isStudyMonitor(actor: Pick<Actor, "id">, studyId: SQL): SQL {
  return sql`exists (select 1 from study_team tmo where tmo.study_id = ${studyId} and tmo.user_id = ${actor.id} and tmo.removed_at is null and tmo.study_role = 'monitor')`;
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
