import { PERMISSIONS, type Permission } from "@/lib/authz/permissions";
import type { Actor } from "@/lib/authz/actor";

/** Fails closed: an unknown permission or role is a no. */
export function can(actor: Pick<Actor, "role"> | null | undefined, permission: Permission | string): boolean {
  if (!actor) return false;
  const allowed = (PERMISSIONS as Record<string, readonly string[]>)[permission];
  if (!Array.isArray(allowed)) return false;
  return allowed.includes(actor.role);
}
