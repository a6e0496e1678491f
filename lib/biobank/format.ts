import { formatNetworkInstant } from "@/lib/time/network-instant";

/** PostgreSQL's text form of timestamptz ("2025-01-05 08:30:00+00") → Date. */
export function parsePgTime(v: string): Date {
  const iso = v.includes("T") ? v : v.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  return new Date(iso);
}

/** Shown in the network's local time with its zone, the one instant format of the portal ("2025-01-05 16:30 (UTC+8)"). */
export function formatDateTime(v: string | null): string {
  if (!v) return "";
  const d = parsePgTime(v);
  if (Number.isNaN(d.getTime())) return v;
  return formatNetworkInstant(d);
}

/** "3.000" → "3", "0.250" → "0.25". */
export function formatQuantity(q: string): string {
  return String(Number(q));
}

export function statusVariant(s: string): "success" | "warning" | "destructive" | "muted" {
  if (s === "available" || s === "received" || s === "approved") return "success";
  if (s === "in_transit" || s === "reserved" || s === "pending" || s === "created" || s === "quarantined") return "warning";
  if (s === "missing" || s === "destroyed" || s === "damaged" || s === "rejected") return "destructive";
  return "muted";
}
