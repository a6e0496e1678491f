import { describe, expect, it } from "vitest";
import { hmacNationalId, nationalIdCheckChar, normalizeNationalId } from "@/lib/pseudonyms/national-id";

// printf '%s' 11010519491231002X | openssl dgst -sha256 -hmac key
const EXPECTED_HMAC = "c702e187e6363f417304a7cb1ac993b0f8d3b0255ed35027ccd9ddc60b32b2d4";

describe("national ID normalization", () => {
  it("computes ISO 7064 MOD 11-2 check characters", () => {
    // The examples printed in GB 11643-1999 and widely reproduced.
    expect(nationalIdCheckChar("11010519491231002")).toBe("X");
    expect(nationalIdCheckChar("44052418800101001")).toBe("4");
    expect(nationalIdCheckChar("12010119901010123")).toBe("6");
    expect(nationalIdCheckChar("31011519720229000")).toBe("5");
  });

  it("accepts valid numbers, cleaning spaces, hyphens, full-width characters and lower-case x", () => {
    expect(normalizeNationalId("11010519491231002X")).toEqual({ ok: true, normalized: "11010519491231002X", legacy: false });
    expect(normalizeNationalId(" 110105 19491231 002x ")).toMatchObject({ ok: true, normalized: "11010519491231002X" });
    expect(normalizeNationalId("110105-1949-1231-002X")).toMatchObject({ ok: true, normalized: "11010519491231002X" });
    expect(normalizeNationalId("１２０１０１１９９０１０１０１２３６")).toMatchObject({ ok: true, normalized: "120101199010101236" });
    expect(normalizeNationalId("310115197202290005")).toMatchObject({ ok: true }); // 1972 is a leap year
  });

  it("upgrades 15-digit legacy numbers to the 18-character form of the same person", () => {
    expect(normalizeNationalId("110105491231002")).toEqual({ ok: true, normalized: "11010519491231002X", legacy: true });
    expect(normalizeNationalId("440524800101001")).toMatchObject({ ok: true, normalized: "440524198001010013" });
  });

  it("gives a reason code for invalid numbers", () => {
    expect(normalizeNationalId("   ")).toEqual({ ok: false, reason: "empty" });
    expect(normalizeNationalId("110105194912310021")).toEqual({ ok: false, reason: "check_digit" });
    expect(normalizeNationalId("440524188001010015")).toEqual({ ok: false, reason: "check_digit" });
    expect(normalizeNationalId("31011519730229000X")).toEqual({ ok: false, reason: "birth_date" }); // 1973 is not
    expect(normalizeNationalId("110105199013010012")).toEqual({ ok: false, reason: "birth_date" });
    expect(normalizeNationalId("110105491331002")).toEqual({ ok: false, reason: "birth_date" });
    expect(normalizeNationalId("1101051949123100")).toEqual({ ok: false, reason: "format" });
    expect(normalizeNationalId("X1010519491231002")).toEqual({ ok: false, reason: "format" });
    expect(normalizeNationalId("01010519491231002X")).toEqual({ ok: false, reason: "format" });
    expect(normalizeNationalId("1101051949123100X2")).toEqual({ ok: false, reason: "format" });
  });
});

describe("national ID HMAC", () => {
  const KEY = "test-key";
  it("is stable, hex SHA-256 sized, and the same for the legacy and current number of one person", () => {
    const h = hmacNationalId("11010519491231002X", KEY);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hmacNationalId("11010519491231002X", KEY)).toBe(h);
    const legacy = normalizeNationalId("110105491231002");
    expect(legacy.ok && hmacNationalId(legacy.normalized, KEY)).toBe(h);
  });

  it("depends on the key and on the number", () => {
    const h = hmacNationalId("11010519491231002X", KEY);
    expect(hmacNationalId("11010519491231002X", "other-key")).not.toBe(h);
    expect(hmacNationalId("440524188001010014", KEY)).not.toBe(h);
  });

  it("matches an independently computed HMAC-SHA256", () => {
    expect(hmacNationalId("11010519491231002X", "key")).toBe(EXPECTED_HMAC);
  });

  it("refuses unnormalized input and an empty key", () => {
    expect(() => hmacNationalId("11010519491231002x", KEY)).toThrow(RangeError);
    expect(() => hmacNationalId("110105 19491231002X", KEY)).toThrow(RangeError);
    expect(() => hmacNationalId("11010519491231002X", "")).toThrow(RangeError);
  });
});
