import { describe, expect, it } from "vitest";
import { diffEntries } from "@/lib/audit/diff";

describe("diffEntries", () => {
  it("lists changed keys first, with both sides as compact JSON", () => {
    const d = diffEntries({ role: "pi", centreId: 4 }, { role: "monitor", centreId: 4 });
    expect(d).toEqual([
      { key: "role", before: "pi", after: "monitor", changed: true },
      { key: "centreId", before: "4", after: "4", changed: false },
    ]);
  });

  it("shows keys present on one side only", () => {
    expect(diffEntries(null, { code: "X1", active: true })).toEqual([
      { key: "code", before: null, after: "X1", changed: true },
      { key: "active", before: null, after: "true", changed: true },
    ]);
  });

  it("falls back to one entry for values that are not objects", () => {
    expect(diffEntries(null, [1, 2])).toEqual([{ key: "value", before: null, after: "[1,2]", changed: true }]);
    expect(diffEntries(null, null)).toEqual([]);
  });
});
