import { and, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { centreScope, subtreePattern } from "@/lib/authz/scope";
import { CENTRE_BOUND_ROLES, mayManageUser } from "@/lib/users/management";

type ManageActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;
type ScopeActor = Pick<Actor, "role" | "centreId" | "centrePath">;

/** Users an actor may see: those whose home centre lies in the actor's reach. */
export function visibleUsers(actor: ScopeActor): SQL {
  return centreScope(actor, users.centreId);
}

/**
 * Users an actor may manage (the SQL side of lib/users/management.ts): everyone but themself
 * for a network administrator; for a coordinator, site staff and biobank managers whose home is
 * in their subtree, and coordinators of centres strictly below their own; nobody for others.
 */
export function manageableUsers(actor: ManageActor): SQL {
  if (actor.role === "network_admin") return ne(users.id, actor.id);
  if (actor.role !== "centre_coordinator") return sql`false`;
  const below = sql`${users.centreId} in (select o.id from organisations o where o.path like ${subtreePattern(actor.centrePath)} and o.path <> ${actor.centrePath})`;
  return and(
    ne(users.id, actor.id),
    or(and(inArray(users.role, [...CENTRE_BOUND_ROLES]), centreScope(actor, users.centreId)), and(eq(users.role, "centre_coordinator"), below)),
  ) as SQL;
}

/** Centres an actor may give a user as home: active and inside the actor's reach. */
export function choosableHomeCentres(actor: ScopeActor): SQL {
  return and(eq(organisations.active, true), centreScope(actor, organisations.id)) as SQL;
}

/**
 * Loads and locks another user the actor may manage (the rule is in the WHERE). One's own account
 * is refused with its own message; an account out of reach (or a PI, monitor, viewer or network
 * administrator for a coordinator) is not found, as if it did not exist.
 */
export async function loadManagedUser(tx: Db, actor: ManageActor, userId: number) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      centreId: users.centreId,
      centrePath: organisations.path,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.centreId))
    .where(and(eq(users.id, userId), or(eq(users.id, actor.id), manageableUsers(actor))))
    .for("update", { of: users });
  if (!row) throw notFound();
  if (row.id === actor.id) throw new ActionError("users.errors.notSelf");
  // The same rule in code: the pages decide what to offer with it, and the two must agree.
  if (!mayManageUser(actor, row)) throw notFound();
  return row;
}

/** A centre a new user may call home: active and inside the actor's reach. */
export async function loadHomeCentre(tx: Db, actor: ManageActor, centreId: number) {
  const [row] = await tx
    .select({ id: organisations.id, code: organisations.code, path: organisations.path, active: organisations.active })
    .from(organisations)
    .where(and(eq(organisations.id, centreId), centreScope(actor, organisations.id)));
  if (!row) throw notFound();
  if (!row.active) throw fieldError("centreId", "users.errors.centreInactive");
  return row;
}
