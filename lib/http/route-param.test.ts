import { describe, expect, it } from "vitest";
import { parseRouteParam, routeId, routeParam } from "@/lib/http/route-param";

/** What next/navigation's notFound() throws: Next renders the 404 page for it. */
function answers404(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    return String((e as { digest?: string }).digest ?? "").includes("404");
  }
}

describe("route parameters", () => {
  it("passes ordinary codes through, decoding an encoded segment once", () => {
    expect(routeParam("HCC-TL-02")).toBe("HCC-TL-02");
    expect(routeParam("LC-203-R01-0001")).toBe("LC-203-R01-0001");
    expect(routeParam("%E4%B8%AD")).toBe("中");
    expect(routeParam("abc", /^[a-z]+$/)).toBe("abc");
  });

  it("answers 404 for malformed escapes, NUL, control characters, broken text and over-long values", () => {
    for (const raw of ["%E0%A4%A", "%", "%zz", "%00", "\u0000", "a%00b", "%1B", "\u0007", "%ED%A0%80", "\uD800", "x".repeat(201), "%41".repeat(300), ""]) {
      expect(parseRouteParam(raw), JSON.stringify(raw).slice(0, 40)).toBeNull();
      expect(answers404(() => routeParam(raw)), JSON.stringify(raw).slice(0, 40)).toBe(true);
    }
    expect(parseRouteParam(undefined)).toBeNull();
    expect(parseRouteParam(["a", "b"])).toBeNull();
  });

  it("answers 404 for a value that does not match the page's pattern", () => {
    expect(answers404(() => routeParam("NB12", /^NB\d{9}$/))).toBe(true);
    expect(routeParam("NB000000012", /^NB\d{9}$/)).toBe("NB000000012");
  });

  it("ids: 1 … 2^31 − 1 only", () => {
    expect(routeId("12")).toBe(12);
    expect(routeId("2147483647")).toBe(2147483647);
    for (const raw of ["0", "-5", "abc", "2147483648", "99999999999", "1e3", "1.5", "%00", " 1"]) {
      expect(answers404(() => routeId(raw)), raw).toBe(true);
    }
  });
});
