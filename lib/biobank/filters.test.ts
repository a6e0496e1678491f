import { describe, expect, it } from "vitest";
import { coarseFilters, filtersToQuery, parseFilters } from "@/lib/biobank/filters";

describe("specimen search filters", () => {
  it("round-trips through the URL", () => {
    const r = parseFilters(new URLSearchParams("barcode=nb000000001&type=plasma&centre=4&from=2020-01-01&page=2"));
    expect(r).toEqual({ ok: true, filters: { barcode: "NB000000001", type: "plasma", centre: 4, from: "2020-01-01", page: 2 } });
    if (r.ok) expect(filtersToQuery(r.filters)).toBe("barcode=NB000000001&type=plasma&centre=4&from=2020-01-01&page=2");
  });
  it("figures-only filters drop barcode and person codes", () => {
    expect(coarseFilters({ barcode: "NB000000001", code: "D0000001", type: "plasma" })).toEqual({ type: "plasma" });
  });
  it("refuses values outside the lists", () => {
    expect(parseFilters(new URLSearchParams("type=blood_orange")).ok).toBe(false);
    expect(parseFilters(new URLSearchParams("from=yesterday")).ok).toBe(false);
    expect(parseFilters(new URLSearchParams("centre=-3")).ok).toBe(false);
  });
});
