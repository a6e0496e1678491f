import { describe, expect, it } from "vitest";
import { nationalIdFacts } from "@/lib/enrolment/national-id-facts";
import { normalizeNationalId } from "@/lib/pseudonyms/national-id";
import { demoNationalId } from "@/seed/enrolment-plan";

describe("demo national IDs", () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => demoNationalId(i + 1));

  it("are valid resident IDs and unique", () => {
    expect(ids.every((id) => normalizeNationalId(id).ok)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("state both sexes in about equal numbers, so the seed records both", () => {
    const male = ids.filter((id) => nationalIdFacts(id).sex === "male").length;
    expect(male / ids.length).toBeGreaterThan(0.4);
    expect(male / ids.length).toBeLessThan(0.6);
  });
});
