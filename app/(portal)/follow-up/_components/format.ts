import { formatNetworkInstant } from "@/lib/time/network-instant";

/** A stored moment shown in the network's local time with its zone, as the sites read it ("2025-03-01 16:30 (UTC+8)"). */
export function networkTime(iso: string | null): string {
  if (!iso) return "";
  return formatNetworkInstant(iso);
}
