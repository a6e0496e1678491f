import type { NetworkRole } from "@/lib/enums";
import type { Actor } from "@/lib/authz/actor";
import { isWithin } from "@/lib/authz/scope";

/**
 * Roles whose reach is their home centre: site staff and a centre's biobank manager see and
 * write only what belongs to that centre. A coordinator may manage them anywhere in their
 * subtree. PIs and monitors reach follows their studies (any centre of the study), viewers and
 * network administrators the whole network: only a network administrator manages those.
 */
export const CENTRE_BOUND_ROLES: readonly NetworkRole[] = ["site_staff", "biobank_manager", "molecular_lab"];

type Manager = Pick<Actor, "id" | "role" | "centrePath">;

/**
 * May `actor` give (or leave) `role` to an account whose home centre has `centrePath`? Only when
 * the account's reach stays inside the actor's own: a network administrator any role anywhere; a
 * coordinator the centre-bound roles anywhere in their subtree, and the coordinator role at a
 * centre strictly below their own (that coordinator's subtree lies inside theirs). A coordinator
 * never manages a peer at their own centre or anyone above it.
 */
export function mayHoldUnder(actor: Pick<Actor, "role" | "centrePath">, role: NetworkRole, centrePath: string): boolean {
  if (actor.role === "network_admin") return true;
  if (actor.role !== "centre_coordinator" || !isWithin(centrePath, actor.centrePath)) return false;
  if (CENTRE_BOUND_ROLES.includes(role)) return true;
  return role === "centre_coordinator" && centrePath !== actor.centrePath;
}

/** May `actor` manage this account (role, disabling, reset links)? Never their own. */
export function mayManageUser(actor: Manager, target: { id: number; role: NetworkRole; centrePath: string }): boolean {
  return target.id !== actor.id && mayHoldUnder(actor, target.role, target.centrePath);
}

/** The roles `actor` may choose for an account at `centrePath` (the role select on the user pages). */
export function grantableRoles(actor: Pick<Actor, "role" | "centrePath">, roles: readonly NetworkRole[], centrePath: string): NetworkRole[] {
  return roles.filter((r) => mayHoldUnder(actor, r, centrePath));
}

/** Roles a coordinator may grant somewhere in their subtree (the create form offers these). */
export function rolesGrantableSomewhere(actor: Pick<Actor, "role">, roles: readonly NetworkRole[]): NetworkRole[] {
  if (actor.role === "network_admin") return [...roles];
  if (actor.role !== "centre_coordinator") return [];
  return roles.filter((r) => CENTRE_BOUND_ROLES.includes(r) || r === "centre_coordinator");
}
