import { NETWORK_ROLES, type NetworkRole } from "@/lib/enums";
import { isCentreCode } from "@/lib/network/centre-code";

export type UserFilters = { q: string; role: NetworkRole | ""; centre: string; page: number };

const isRole = (v: string): v is NetworkRole => (NETWORK_ROLES as readonly string[]).includes(v);

/** The user list's filters from the URL: anything unknown falls back to "no filter". */
export function parseUserFilters(sp: { q?: string; role?: string; centre?: string; page?: number }): UserFilters {
  const role = isRole(sp.role ?? "") ? (sp.role as NetworkRole) : "";
  const centre = isCentreCode(sp.centre ?? "") ? sp.centre! : "";
  return { q: (sp.q ?? "").slice(0, 100), role, centre, page: sp.page ?? 1 };
}
