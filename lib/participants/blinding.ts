import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { studies, type Study } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { isStudyPi, studyPiScope } from "@/lib/studies/scope";

/**
 * Who may see arms. Open studies: everyone who may see the participant row. Blinded studies:
 * only the people allowed to unblind — the study's PI and network admins — and only for a
 * participant that has been unblinded (emergency unblinding, with a reason, audited). Nobody
 * else ever sees a blinded arm, the unblinded ones included.
 */
export function mayUnblind(actor: Pick<Actor, "id" | "role">, study: Pick<Study, "piUserId">): boolean {
  return actor.role === "network_admin" || isStudyPi(actor, study);
}

/**
 * The same rule in SQL: the studies whose participants the actor may unblind, over a study id
 * (`studies.id` by default; `s.id` in raw reads).
 */
export function unblindScope(actor: Pick<Actor, "id" | "role">, studyId: SQL | AnyColumn = studies.id): SQL {
  if (actor.role === "network_admin") return sql`true`;
  return studyPiScope(actor, studyId);
}

/**
 * Whether the actor sees the arm of participant `p` (in study `s`): open studies yes; blinded
 * ones only for the study PI / a network admin after an emergency unblinding of `p`.
 */
export function armVisibleSql(actor: Pick<Actor, "id" | "role">): SQL {
  return sql`(s.blinding is distinct from 'blinded' or (${unblindScope(actor, sql`s.id`)} and exists (select 1 from unblindings ub where ub.participant_id = p.id)))`;
}
