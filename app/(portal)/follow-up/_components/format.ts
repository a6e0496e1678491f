import { toNetworkLocal } from "@/lib/time/network-day";

/** A stored moment shown in the network's local time, as the sites read it ("2025-03-01 16:30"). */
export function networkTime(iso: string | null): string {
  if (!iso) return "";
  if (Number.isNaN(Date.parse(iso))) return iso;
  return toNetworkLocal(iso).replace("T", " ");
}

/** A history value for display: lists joined, empty shown as a dash-like placeholder. */
export function displayValue(v: unknown, empty: string): string {
  if (v === null || v === undefined || v === "") return empty;
  if (Array.isArray(v)) return v.length ? v.join(", ") : empty;
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v)) return networkTime(v);
  return String(v);
}
