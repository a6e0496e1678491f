import { NETWORK_TIME_ZONE, toNetworkLocal } from "@/lib/time/network-day";

/**
 * How a stored instant is shown to a person: the network's local time with its zone, e.g.
 * "2026-12-02 03:48 (UTC+8)" for 2026-12-01T19:48Z in Asia/Shanghai. One format in both
 * languages, so a time copied from a screen means the same thing to everyone. Browser-safe.
 */
export function formatNetworkInstant(at: Date | string | number): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return `${toNetworkLocal(d).replace("T", " ")} (${networkZoneLabel(d)})`;
}

const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: NETWORK_TIME_ZONE, timeZoneName: "shortOffset" });

/** The network zone's offset at an instant, as "UTC+8" ("UTC" when it is zero, "UTC+5:30" for half hours). */
export function networkZoneLabel(at: Date | string | number = new Date()): string {
  const name = offsetFormat.formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  return name.replace(/^GMT/, "UTC");
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A string that is an instant as JSON stores one ("2026-12-01T19:48:00.000Z"), not a bare day. */
export function isIsoInstant(v: string): boolean {
  return ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
}
