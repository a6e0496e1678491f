import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, users, type NetworkRole } from "@/db/schema";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { NETWORK_WIDE_ROLES } from "@/lib/authz/permissions";
import { centreScope } from "@/lib/authz/scope";

type ManageActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;
type ScopeActor = Pick<Actor, "role" | "centreId" | "centrePath">;

/** Users an actor may see: those whose home centre lies in the actor's reach. */
export function visibleUsers(actor: ScopeActor): SQL {
  return centreScope(actor, users.centreId);
}

/** Centres an actor may give a user as home: active and inside the actor's reach. */
export function choosableHomeCentres(actor: ScopeActor): SQL {
  return and(eq(organisations.active, true), centreScope(actor, organisations.id)) as SQL;
}

/** Only a network admin hands out a role that reaches the whole network. */
export function mayGrantRole(actor: Pick<Actor, "role">, role: NetworkRole): boolean {
  return actor.role === "network_admin" || !NETWORK_WIDE_ROLES.includes(role);
}

/**
 * Loads and locks another user the actor may manage: their home centre must lie in the actor's
 * reach (the scope is in the WHERE). Nobody manages their own account here, and a coordinator
 * never touches a holder of a network-wide role.
 */
export async function loadManagedUser(tx: Db, actor: ManageActor, userId: number) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      centreId: users.centreId,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(and(eq(users.id, userId), visibleUsers(actor)))
    .for("update");
  if (!row) throw notFound();
  if (row.id === actor.id) throw new ActionError("users.errors.notSelf");
  if (!mayGrantRole(actor, row.role)) throw notFound();
  return row;
}

/** A centre a new user may call home: active and inside the actor's reach. */
export async function loadHomeCentre(tx: Db, actor: ManageActor, centreId: number) {
  const [row] = await tx
    .select({ id: organisations.id, code: organisations.code, active: organisations.active })
    .from(organisations)
    .where(and(eq(organisations.id, centreId), centreScope(actor, organisations.id)));
  if (!row) throw notFound();
  if (!row.active) throw fieldError("centreId", "users.errors.centreInactive");
  return row;
}
