import { describe, expect, it } from "vitest";
import { formatNetworkInstant, isIsoInstant, networkZoneLabel } from "@/lib/time/network-instant";

describe("instants as people read them", () => {
  it("are the network's local time with its zone, in one format for both languages", () => {
    expect(formatNetworkInstant("2026-12-01T19:48:00.000Z")).toBe("2026-12-02 03:48 (UTC+8)");
    expect(formatNetworkInstant(new Date("2026-06-15T04:00:00Z"))).toBe("2026-06-15 12:00 (UTC+8)");
    expect(networkZoneLabel()).toBe("UTC+8");
  });

  it("tells a stored instant from a day or a word", () => {
    expect(isIsoInstant("2026-12-01T19:48:00.000Z")).toBe(true);
    expect(isIsoInstant("2026-12-01T19:48:00+08:00")).toBe(true);
    expect(isIsoInstant("2026-12-01")).toBe(false);
    expect(isIsoInstant("recovering")).toBe(false);
    expect(isIsoInstant("2026-13-01T19:48:00Z")).toBe(false);
  });
});
