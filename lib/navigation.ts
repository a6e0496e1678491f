import type { Permission } from "@/lib/authz/permissions";

/** The portal's navigation; an item shows only to roles holding its permission. */
export const NAV_ITEMS: { href: string; key: string; permission: Permission }[] = [
  { href: "/centres", key: "centres", permission: "centre.read" },
  { href: "/users", key: "users", permission: "user.read" },
  { href: "/audit", key: "audit", permission: "audit.read" },
];
