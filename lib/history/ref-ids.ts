import { AUDIT_FIELDS } from "@/lib/audit/audit-fields";
import type { AuditRefs } from "@/lib/audit/diff";

export type RefIds = { centreIds: number[]; userIds: number[] };

export type RefNames = { centres: Record<number, string>; users: Record<number, string> };

/** Ids of centres and people named in events' payloads (AUDIT_FIELDS says which fields hold them). */
export function refIdsOf(events: { before: unknown; after: unknown }[]): RefIds {
  const centres = new Set<number>();
  const people = new Set<number>();
  const walk = (v: unknown, key: string | null) => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key));
    if (v && typeof v === "object") return Object.entries(v as Record<string, unknown>).forEach(([k, x]) => walk(x, k));
    if (key === null || typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 2 ** 31 - 1) return;
    const kind = AUDIT_FIELDS[key]?.kind;
    if (kind === "centre") centres.add(v);
    else if (kind === "user") people.add(v);
  };
  for (const e of events) {
    walk(e.before, null);
    walk(e.after, null);
  }
  return { centreIds: [...centres].sort((a, b) => a - b), userIds: [...people].sort((a, b) => a - b) };
}

/** The names as the formatter looks them up. */
export function auditRefs(names: RefNames): AuditRefs {
  return { centre: (id) => names.centres[id], user: (id) => names.users[id] };
}
