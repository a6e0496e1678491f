import { describe, expect, it } from "vitest";
import { parseParticipantFilters } from "@/lib/participants/filters";

describe("parseParticipantFilters", () => {
  it("keeps a known site code, status and search, upper-cased", () => {
    expect(parseParticipantFilters({ site: "R01", status: "withdrawn", q: " lc-203-r01 ", page: "2" })).toEqual({ site: "R01", status: "withdrawn", q: "LC-203-R01", page: 2 });
  });

  it("drops what is not a centre code, a participant status or a page; takes the first of repeated params", () => {
    expect(parseParticipantFilters({ site: "r01'; drop", status: "deleted", page: "-1" })).toEqual({ site: "", status: "", q: "", page: 1 });
    expect(parseParticipantFilters({ site: ["R20", "R01"], status: ["enrolled", "x"], q: ["a", "b"] })).toEqual({ site: "R20", status: "enrolled", q: "A", page: 1 });
    expect(parseParticipantFilters({ q: "x".repeat(500) }).q).toHaveLength(40);
  });
});
