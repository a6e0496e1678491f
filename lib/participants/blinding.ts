import { sql, type SQL } from "drizzle-orm";
import { studies } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";

/**
 * Who may see arms. Open studies: everyone who may see the participant row. Blinded studies:
 * only the people allowed to unblind — the study's PI and network admins — and only for a
 * participant that has been unblinded (emergency unblinding, with a reason, audited). Nobody
 * else ever sees a blinded arm, the unblinded ones included.
 */
export function mayUnblind(actor: Pick<Actor, "id" | "role">, study: { piUserId: number }): boolean {
  return actor.role === "network_admin" || (actor.role === "pi" && study.piUserId === actor.id);
}

/** The studies (over `studies`) whose participants the actor may unblind. */
export function unblindScope(actor: Pick<Actor, "id" | "role">): SQL {
  if (actor.role === "network_admin") return sql`true`;
  if (actor.role === "pi") return sql`${studies.piUserId} = ${actor.id}`;
  return sql`false`;
}

export function armVisible(
  actor: Pick<Actor, "id" | "role">,
  study: { piUserId: number; blinding: string | null },
  unblinded: boolean,
): boolean {
  if (study.blinding !== "blinded") return true;
  return unblinded && mayUnblind(actor, study);
}
