import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, type Organisation } from "@/db/schema";
import { notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { centreReach, isWithin, subtreePattern } from "@/lib/authz/scope";

type ManageActor = Pick<Actor, "role" | "centreId" | "centrePath">;

/**
 * Centres an actor may list: everything for network-wide roles, the subtree for coordinators,
 * only their own centre for everyone else.
 */
export function listableCentres(actor: ManageActor): SQL {
  switch (centreReach(actor)) {
    case "network":
      return sql`true`;
    case "subtree":
      return sql`${organisations.path} like ${subtreePattern(actor.centrePath)}`;
    case "own":
      return eq(organisations.id, actor.centreId);
  }
}

/** The same rule for an ancestor shown in a breadcrumb: may the actor open its page? */
export function mayOpenCentre(actor: ManageActor, centre: Pick<Organisation, "id" | "path">): boolean {
  switch (centreReach(actor)) {
    case "network":
      return true;
    case "subtree":
      return isWithin(centre.path, actor.centrePath);
    case "own":
      return centre.id === actor.centreId;
  }
}

/**
 * Which centres an actor may change. Network admins: all. Coordinators: their subtree; with
 * `includeOwn: false` only what lies strictly below their own centre (they never change the
 * centre they hang from, nor anything above it). Everyone else: none.
 */
export function manageScope(actor: ManageActor, includeOwn: boolean): SQL {
  if (actor.role === "network_admin") return sql`true`;
  if (actor.role !== "centre_coordinator") return sql`false`;
  const inSubtree = sql`${organisations.path} like ${subtreePattern(actor.centrePath)}`;
  return includeOwn ? inSubtree : (and(inSubtree, ne(organisations.id, actor.centreId)) as SQL);
}

/** The same rule for a centre already loaded (to decide which controls a page shows). */
export function canManageCentre(actor: ManageActor, centre: Pick<Organisation, "id" | "path">, includeOwn: boolean): boolean {
  if (actor.role === "network_admin") return true;
  if (actor.role !== "centre_coordinator") return false;
  if (!isWithin(centre.path, actor.centrePath)) return false;
  return includeOwn || centre.id !== actor.centreId;
}

/** Loads and locks a centre the actor may change; anything else is "not found". */
export async function loadManagedCentre(tx: Db, actor: ManageActor, id: number, includeOwn: boolean): Promise<Organisation> {
  const [row] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id), manageScope(actor, includeOwn)))
    .for("update");
  if (!row) throw notFound();
  return row;
}

/** What an audit event records about a centre. */
export function centreSnapshot(o: Organisation) {
  return {
    code: o.code,
    nameZh: o.nameZh,
    nameEn: o.nameEn,
    level: o.level,
    parentId: o.parentId,
    path: o.path,
    province: o.province,
    city: o.city,
    active: o.active,
  };
}
