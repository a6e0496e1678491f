import { and, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { studies, type Study } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
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
