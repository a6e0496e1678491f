import { and, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { studies, type Study } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { atOwnCentre, participantScope } from "@/lib/participants/scope";
import { studyPiScope, studyScope, type StudyActor } from "@/lib/studies/scope";

/**
 * Who designs a study's forms, as a WHERE condition over a study id (default `studies.id`):
 * the study's PI (the one rule, lib/studies/scope.ts) or a data manager on its active team.
 * Anyone else matches no row.
 */
export function crfDesignScope(actor: Pick<Actor, "id" | "role">, studyId: SQL | AnyColumn = studies.id): SQL {
  const dataManager = sql`exists (select 1 from study_team dm where dm.study_id = ${studyId} and dm.user_id = ${actor.id}
    and dm.study_role = 'data_manager' and dm.removed_at is null)`;
  return sql`(${studyPiScope(actor, studyId)} or ${dataManager})`;
}

/** Who reads a study's form definitions (no participant data): whoever sees the study. */
export function crfReadScope(actor: StudyActor, studyId: SQL | AnyColumn = studies.id): SQL {
  return studyScope(actor, studyId);
}

/** The study row, locked for the change, when the actor designs its forms; null otherwise (answered "not found"). */
export async function lockDesignableStudy(tx: Db, actor: Pick<Actor, "id" | "role">, studyId: number): Promise<Study | null> {
  const [row] = await tx
    .select()
    .from(studies)
    .where(and(eq(studies.id, studyId), crfDesignScope(actor)))
    .for("update");
  return row ?? null;
}

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/**
 * Participants whose form data an actor reads, over a participants alias `p`: the participant
 * scope of every other participant-level read (lib/participants/scope.ts: site staff their
 * site, the PI and monitors their studies, coordinators their subtree). Viewers: none (they see
 * completion counts only).
 */
export function crfParticipantScope(actor: ScopeActor): SQL {
  return participantScope(actor);
}

/**
 * Participants an actor enters form data for, over `p`: site staff those currently at their own
 * centre, the study's PI those of the study. Anyone else: none.
 */
export function crfEntryScope(actor: ScopeActor): SQL {
  if (actor.role === "site_staff") return atOwnCentre(actor, sql`p.centre_id`);
  if (actor.role === "pi") return studyPiScope(actor, sql`p.study_id`);
  return sql`false`;
}

/**
 * Who verifies forms and raises queries on their items: an active monitor on the study's team,
 * or the study's PI (the same people as follow-up queries; follow-up ranks above crf).
 */
export function crfMonitorScope(actor: Pick<Actor, "id" | "role">, studyId: SQL | AnyColumn): SQL {
  const pi = studyPiScope(actor, studyId);
  if (actor.role === "pi") return pi;
  if (actor.role !== "monitor") return sql`false`;
  return sql`exists (select 1 from study_team cm where cm.study_id = ${studyId} and cm.user_id = ${actor.id} and cm.removed_at is null and cm.study_role = 'monitor')`;
}

/** Studies whose completion figures (counts only, no participant values) an actor reads: whoever sees the study. */
export function crfFiguresScope(actor: StudyActor, studyId: SQL | AnyColumn = studies.id): SQL {
  return studyScope(actor, studyId);
}

/** Who reviews a study's data queries: its active monitors and its PI (active users holding those roles). */
export async function queryReviewers(tx: Db, studyId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select u.id from users u where not u.disabled and (
          (u.role = 'monitor' and exists (select 1 from study_team t where t.study_id = ${studyId} and t.user_id = u.id and t.removed_at is null and t.study_role = 'monitor'))
          or (u.role = 'pi' and exists (select 1 from studies s where s.id = ${studyId} and s.pi_user_id = u.id)))
        order by u.id`,
  );
  return rows.map((r) => Number(r.id));
}
