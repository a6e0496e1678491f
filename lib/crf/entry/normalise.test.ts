import { describe, expect, it } from "vitest";
import type { ItemDef } from "@/lib/crf/design";
import { checkLimits } from "@/lib/crf/entry/limits";
import { normaliseValue } from "@/lib/crf/entry/normalise";
import { crfChoices, crfItem } from "@/lib/testing/crf-items";

const ok = (item: ItemDef, raw: unknown) => {
  const r = normaliseValue(item, raw);
  if ("error" in r) throw new Error(`${JSON.stringify(raw)}: ${r.error.key}`);
  return r.value;
};
const bad = (item: ItemDef, raw: unknown) => {
  const r = normaliseValue(item, raw);
  return "error" in r ? r.error.key.replace("crf.entry.errors.", "") : `accepted ${JSON.stringify(r.value)}`;
};
const text = (validation: ItemDef["validation"]) => crfItem("x", { validation });

describe("normaliseValue: every validation type", () => {
  it("integers and numbers, with decimal places padded and bounded", () => {
    expect(ok(text("integer"), " -007 ")).toBe("-7");
    expect(ok(text("integer"), "-0")).toBe("0");
    expect(bad(text("integer"), "7.0")).toBe("integer");
    expect(ok(text("number"), "+.5")).toBe("0.5");
    expect(ok(text("number"), "12.")).toBe("12");
    expect(bad(text("number"), "1e3")).toBe("number");
    expect(ok(text("number_2dp"), "3.1")).toBe("3.10");
    expect(bad(text("number_1dp"), "3.14")).toBe("decimals");
    expect(ok(crfItem("d", { type: "decimal", decimalPlaces: 2 }), "70")).toBe("70.00");
    expect(ok(crfItem("d", { type: "decimal" }), "70.125")).toBe("70.125");
  });

  it("dates, date-times and times in REDCap's orders, stored as Y-M-D and H:M", () => {
    expect(ok(text("date_ymd"), "2024-2-9")).toBe("2024-02-09");
    expect(ok(text("date_dmy"), "09/02/2024")).toBe("2024-02-09");
    expect(ok(text("date_mdy"), "02-09-2024")).toBe("2024-02-09");
    expect(bad(text("date_ymd"), "09/02/2024")).toBe("date");
    expect(bad(text("date_ymd"), "2023-02-29")).toBe("date");
    expect(ok(text("datetime_ymd"), "2024-02-09T08:05")).toBe("2024-02-09 08:05");
    expect(bad(text("datetime_ymd"), "2024-02-09 08:05:30")).toBe("datetime");
    expect(ok(text("datetime_seconds_dmy"), "09-02-2024 8:05")).toBe("2024-02-09 08:05:00");
    expect(ok(text("time"), "8:30")).toBe("08:30");
    expect(bad(text("time"), "24:00")).toBe("time");
    expect(ok(text("time_mm_ss"), "59:59")).toBe("59:59");
    expect(bad(text("time_mm_ss"), "10:60")).toBe("time");
    expect(ok(crfItem("d", { type: "datetime" }), "2024-02-09 23:59")).toBe("2024-02-09 23:59");
  });

  it("e-mail, mainland mobile, phone, postcode, letters only", () => {
    expect(ok(text("email"), "li.wei+crf@hospital.org.cn")).toBe("li.wei+crf@hospital.org.cn");
    expect(bad(text("email"), "li wei@hospital.cn")).toBe("email");
    expect(bad(text("email"), "li@hospital")).toBe("email");
    expect(ok(text("mobile_cn"), "138 0013 8000")).toBe("13800138000");
    expect(ok(text("mobile_cn"), "+8615912345678")).toBe("15912345678");
    expect(bad(text("mobile_cn"), "1380013800")).toBe("mobileCn");
    expect(bad(text("mobile_cn"), "12800138000")).toBe("mobileCn");
    expect(ok(text("phone"), "(022) 2334-0123")).toBe("(022) 2334-0123");
    expect(bad(text("phone"), "call me")).toBe("phone");
    expect(ok(text("zipcode"), "300060")).toBe("300060");
    expect(bad(text("zipcode"), "3000")).toBe("zipcode");
    expect(ok(text("alpha_only"), "Zhang张")).toBe("Zhang张");
    expect(bad(text("alpha_only"), "Zhang 3")).toBe("alphaOnly");
  });

  it("choices, yes/no, sliders, checkboxes; blanks; wrong shapes and control characters", () => {
    const radio = crfItem("r", { type: "radio", choices: crfChoices("1", "2") });
    expect(ok(radio, "2")).toBe("2");
    expect(bad(radio, "3")).toBe("choice");
    expect(ok(crfItem("y", { type: "yesno" }), "0")).toBe("0");
    expect(bad(crfItem("y", { type: "truefalse" }), "yes")).toBe("choice");
    expect(ok(crfItem("s", { type: "slider" }), "100")).toBe("100");
    expect(bad(crfItem("s", { type: "slider" }), "101")).toBe("slider");
    const cb = crfItem("c", { type: "checkbox", choices: crfChoices("a", "b", "c") });
    expect(ok(cb, ["c", "a"])).toEqual(["a", "c"]);
    expect(ok(cb, [])).toBeNull();
    expect(bad(cb, "a")).toBe("invalid");
    expect(ok(text(null), "   ")).toBeNull();
    expect(ok(text(null), " two  words ")).toBe("two words");
    expect(ok(crfItem("l", { type: "longtext" }), " line 1\nline 2 ")).toBe("line 1\nline 2");
    expect(bad(text(null), "a\u0000b")).toBe("invalid");
    expect(bad(text(null), 5)).toBe("invalid");
    expect(bad(text(null), "x".repeat(2001))).toBe("tooLong");
    expect(ok(crfItem("d", { type: "descriptive" }), "anything")).toBeNull();
  });
});

describe("checkLimits", () => {
  const clock = { today: "2026-12-02", now: "2026-12-02 10:00" };
  it("compares numbers as numbers, days and times as their text, with today and now", () => {
    const n = crfItem("n", { type: "integer", hardMin: "10", hardMax: "100", softMin: "20", softMax: "80" });
    expect(checkLimits(n, "9", clock).hard?.key).toBe("crf.entry.errors.hardLimit");
    expect(checkLimits(n, "50", clock)).toEqual({});
    expect(checkLimits(n, "85", clock).soft?.params).toEqual({ min: "20", max: "80" });
    const dt = crfItem("dt", { type: "datetime", hardMax: "now" });
    expect(checkLimits(dt, "2026-12-02 10:01", clock).hard).toBeDefined();
    expect(checkLimits(dt, "2026-12-02 09:59", clock)).toEqual({});
    const day = crfItem("d", { type: "datetime", softMin: "2026-01-01" });
    expect(checkLimits(day, "2025-12-31 23:59", clock).soft).toBeDefined();
    expect(checkLimits(day, "2026-01-01 00:00", clock)).toEqual({});
    const t = crfItem("t", { type: "time", hardMin: "08:00", hardMax: "18:00" });
    expect(checkLimits(t, "07:59", clock).hard).toBeDefined();
    expect(checkLimits(text("number_1dp"), "5", clock)).toEqual({});
    expect(checkLimits(crfItem("x", { validation: "number", hardMax: "1.5" }), "1.6", clock).hard).toBeDefined();
  });
});
