import { describe, expect, it } from "vitest";
import { formatDateTime, parsePgTime } from "@/lib/biobank/format";

describe("biobank times", () => {
  it("reads PostgreSQL's text form of timestamptz", () => {
    expect(parsePgTime("2025-01-05 08:30:00+00").toISOString()).toBe("2025-01-05T08:30:00.000Z");
  });
  it("shows an instant in the network's local time with its zone, the portal's one format", () => {
    expect(formatDateTime("2026-12-01 19:48:00+00")).toBe("2026-12-02 03:48 (UTC+8)");
    expect(formatDateTime("2026-12-01T19:48:00.000Z")).toBe("2026-12-02 03:48 (UTC+8)");
  });
  it("shows nothing for no time and an unreadable value as it is", () => {
    expect(formatDateTime(null)).toBe("");
    expect(formatDateTime("not a time")).toBe("not a time");
  });
});
