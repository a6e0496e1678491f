import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import type { Permission } from "@/lib/authz/permissions";

/** What every read needs of the actor: who, which role, where in the tree. */
export type ReadActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

type QueryOptions<Act extends ReadActor, A extends unknown[], R> = {
  /** The permission the actor needs; any one of a list will do. */
  permission: Permission | readonly Permission[];
  /** The read itself: it must put the actor's scope in its WHERE clause (lib/<domain>/scope.ts). */
  run: (actor: Act, ...args: A) => Promise<R>;
  /** What an actor without the permission gets: nothing (null, an empty list or page). */
  otherwise: (...args: A) => R;
};

export type Query<Act extends ReadActor, A extends unknown[], R> = (actor: Act, ...args: A) => Promise<R>;

const registry = new WeakSet<object>();

/** True for functions made by defineQuery (a test walks every lib/**\/queries file with it). */
export function isReadDoor(fn: unknown): boolean {
  return typeof fn === "function" && registry.has(fn);
}

/**
 * The read door: every exported data-layer read takes the actor first, checks its permission
 * (failing closed) and runs with the actor's scope in the WHERE. A refused actor gets
 * `otherwise`, which reveals nothing: not even whether a record exists.
 */
export function defineQuery<Act extends ReadActor, A extends unknown[], R>(opts: QueryOptions<Act, A, R>): Query<Act, A, R> {
  const permissions: readonly Permission[] = typeof opts.permission === "string" ? [opts.permission] : opts.permission;
  const query: Query<Act, A, R> = async (actor, ...args) => {
    if (!actor || !permissions.some((p) => can(actor, p))) return opts.otherwise(...args);
    return opts.run(actor, ...args);
  };
  registry.add(query);
  return query;
}
