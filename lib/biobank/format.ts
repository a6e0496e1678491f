import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

/** PostgreSQL's text form of timestamptz ("2025-01-05 08:30:00+00") → Date. */
export function parsePgTime(v: string): Date {
  const iso = v.includes("T") ? v : v.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  return new Date(iso);
}

const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "zh-CN");

/** Shown in the network's time zone, as staff read it on the tube. */
export function formatDateTime(v: string | null, locale: string): string {
  if (!v) return "";
  const d = parsePgTime(v);
  if (Number.isNaN(d.getTime())) return v;
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: NETWORK_TIME_ZONE, dateStyle: "medium", timeStyle: "short" }).format(d);
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
