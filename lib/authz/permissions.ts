import type { NetworkRole } from "@/db/schema";

/**
 * The one role -> permission map. Each feature adds its permissions here; anything not listed
 * is refused (can() fails closed on unknown roles and permissions).
 */
export const PERMISSIONS = {
  "centre.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer"],
  "centre.manage": ["network_admin", "centre_coordinator"],
  "user.read": ["network_admin", "centre_coordinator"],
  "user.manage": ["network_admin", "centre_coordinator"],
  "audit.read": ["network_admin", "centre_coordinator"],
  "audit.verify": ["network_admin", "centre_coordinator"],
  "study.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer"],
  "study.create": ["network_admin", "pi"],
  /** Role gate only: the handler also requires the study's own PI (or a network admin). */
  "study.manage": ["network_admin", "pi"],
  "profile.update": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer"],
} as const satisfies Record<string, readonly NetworkRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES: readonly NetworkRole[] = [
  "network_admin",
  "centre_coordinator",
  "pi",
  "site_staff",
  "monitor",
  "biobank_manager",
  "viewer",
];

/** Roles whose reach is the whole network; only a network admin may grant them. */
export const NETWORK_WIDE_ROLES: readonly NetworkRole[] = ["network_admin", "viewer"];
