import { isRealDay } from "@/lib/time/network-day";

/** The audit trail's filters, as the URL carries them. */
export type AuditFilters = {
  entityType: string;
  entityId: string;
  actor: string;
  action: string;
  /** Network days (YYYY-MM-DD), both ends inclusive; "" = open. */
  from: string;
  to: string;
  page: number;
};

export function parseAuditFilters(sp: Partial<Record<Exclude<keyof AuditFilters, "page">, string>> & { page?: number }): AuditFilters {
  const text = (v: string | undefined, max = 100) => (v ?? "").trim().slice(0, max);
  const day = (v: string | undefined) => (v && isRealDay(v) ? v : "");
  return {
    entityType: text(sp.entityType, 60),
    entityId: text(sp.entityId, 60),
    actor: text(sp.actor),
    action: text(sp.action, 60),
    from: day(sp.from),
    to: day(sp.to),
    page: sp.page ?? 1,
  };
}
