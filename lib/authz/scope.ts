import { sql, type SQL, type AnyColumn } from "drizzle-orm";
import type { Actor } from "@/lib/authz/actor";

/** How far an actor reaches in the centre tree. */
export type CentreReach = "network" | "subtree" | "own";

export function centreReach(actor: Pick<Actor, "role">): CentreReach {
  switch (actor.role) {
    case "network_admin":
    case "viewer":
      return "network";
    case "centre_coordinator":
      return "subtree";
    default:
      return "own";
  }
}

/** Viewers see figures, never participant-level rows. */
export function seesParticipantRows(actor: Pick<Actor, "role">): boolean {
  return actor.role !== "viewer";
}

/**
 * A WHERE condition that keeps rows whose centre column lies in the actor's reach.
 * An actor with no reach matches no row.
 */
export function centreScope(actor: Pick<Actor, "role" | "centreId" | "centrePath">, centreColumn: AnyColumn | SQL): SQL {
  switch (centreReach(actor)) {
    case "network":
      return sql`true`;
    case "subtree":
      return sql`${centreColumn} in (select o.id from organisations o where o.path like ${subtreePattern(actor.centrePath)})`;
    case "own":
      return sql`${centreColumn} = ${actor.centreId}`;
  }
}

/** LIKE pattern for a path's subtree (paths hold only digits and slashes: nothing to escape). */
export function subtreePattern(path: string): string {
  if (!/^(\/\d+)+\/$/.test(path)) throw new Error(`malformed centre path: ${path}`);
  return `${path}%`;
}

/** True when `path` lies inside the subtree rooted at `rootPath` (itself included). */
export function isWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}
