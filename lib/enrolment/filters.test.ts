import { describe, expect, it } from "vitest";
import { parseScreeningFilters } from "@/lib/enrolment/filters";

describe("parseScreeningFilters", () => {
  it("keeps a known site code and outcome", () => {
    expect(parseScreeningFilters({ site: "R01", outcome: "screen_failed", page: "3" })).toEqual({ site: "R01", outcome: "screen_failed", page: 3 });
  });

  it("drops anything else, and takes the first of repeated params", () => {
    expect(parseScreeningFilters({ site: "<b>", outcome: "enrolled", page: "1e9" })).toEqual({ site: "", outcome: "", page: 1 });
    expect(parseScreeningFilters({ site: ["R20", "R01"], outcome: ["eligible", "screen_failed"] })).toEqual({ site: "R20", outcome: "eligible", page: 1 });
  });
});
