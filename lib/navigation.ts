import type { Permission } from "@/lib/authz/permissions";

/** The portal's navigation; an item shows only to roles holding its permission. */
export const NAV_ITEMS: { href: string; key: string; permission: Permission }[] = [
  { href: "/dashboard", key: "dashboard", permission: "dashboard.read" },
  { href: "/studies", key: "studies", permission: "study.read" },
  { href: "/participants", key: "participants", permission: "participant.read" },
  { href: "/centres", key: "centres", permission: "centre.read" },
  { href: "/users", key: "users", permission: "user.read" },
  { href: "/audit", key: "audit", permission: "audit.read" },
  { href: "/biobank", key: "biobank", permission: "biobank.read" },
  { href: "/molecular", key: "molecular", permission: "molecular.read" },
  { href: "/molecular/matches", key: "biomarkerMatches", permission: "participant.read" },
  { href: "/follow-up", key: "followUp", permission: "followup.read" },
  { href: "/notifications", key: "notifications", permission: "notification.read" },
];
