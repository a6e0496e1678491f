import { describe, expect, it } from "vitest";
import { calculate, evaluate, isShown } from "@/lib/crf/expressions/evaluate";
import { parse } from "@/lib/crf/expressions/parse";
import type { EvaluationContext, StoredValue } from "@/lib/crf/expressions/values";

function ast(src: string) {
  const r = parse(src);
  if (!r.ast) throw new Error(`${src}: ${JSON.stringify(r.errors)}`);
  return r.ast;
}

type Values = Record<string, StoredValue>;
const ev = (src: string, values: Values = {}, ctx: Partial<EvaluationContext> = {}) => evaluate(ast(src), { values, ...ctx });
const calc = (src: string, values: Values = {}, ctx: Partial<EvaluationContext> = {}) => calculate(ast(src), { values, ...ctx });
const shown = (src: string, values: Values = {}, ctx: Partial<EvaluationContext> = {}) => isShown(ast(src), { values, ...ctx });

describe("arithmetic", () => {
  it("computes every operator on numbers and numeric strings", () => {
    expect(ev("[a] + [b]", { a: "2", b: "3" })).toBe(5);
    expect(ev("[a] - [b]", { a: "2", b: "3" })).toBe(-1);
    expect(ev("[a] * [b]", { a: "2", b: "3.5" })).toBe(7);
    expect(ev("[a] / [b]", { a: "3", b: "4" })).toBe(0.75);
    expect(ev("[a] ^ [b]", { a: "2", b: "10" })).toBe(1024);
    expect(ev("-[a]", { a: "4" })).toBe(-4);
    expect(ev("+[a]", { a: "4" })).toBe(4);
    expect(ev('"1.5" * 2')).toBe(3);
  });

  it("follows precedence and right-associative powers", () => {
    expect(ev("2 + 3 * 4")).toBe(14);
    expect(ev("(2 + 3) * 4")).toBe(20);
    expect(ev("10 - 4 - 3")).toBe(3);
    expect(ev("64 / 4 / 2")).toBe(8);
    expect(ev("2 ^ 3 ^ 2")).toBe(512);
    expect(ev("-2 ^ 2")).toBe(-4);
    expect(ev("(-2) ^ 2")).toBe(4);
    expect(ev("2 ^ -1")).toBe(0.5);
    expect(ev("[a] + 1 > 2 * [b]", { a: "4", b: "2" })).toBe(true);
  });

  it("is blank when an input is blank, a missing code or not a number", () => {
    expect(ev("[a] + 1", { a: "" })).toBe("");
    expect(ev("[a] + 1", {})).toBe("");
    expect(ev("[a] * 2", { a: { missing: "UNK" } })).toBe("");
    expect(ev("-[a]", { a: { missing: "NA" } })).toBe("");
    expect(ev("[a] + 1", { a: "abc" })).toBe("");
    expect(calc("[weight] * 10000 / ([height] ^ 2)", { weight: "70", height: "" })).toBe("");
    expect(calc("[weight] * 10000 / ([height] ^ 2)", { weight: "70", height: { missing: "NASK" } })).toBe("");
  });

  it("is blank on division by zero and on a power with no real value", () => {
    expect(ev("[a] / 0", { a: "1" })).toBe("");
    expect(ev("(-8) ^ 0.5")).toBe("");
    expect(calc("1 / ([a] - [a])", { a: "3" })).toBe("");
    expect(ev("10 ^ 400")).toBe("");
    expect(ev("[a] * 10", { a: "1e308" })).toBe("");
  });

  it("counts true as 1 and false as 0, as REDCap scores do", () => {
    expect(ev('([a] = "1") + ([b] = "1") + ([c] = "1")', { a: "1", b: "0", c: "1" })).toBe(2);
  });

  it("stores a calculated number plainly", () => {
    expect(calc("0.1 + 0.2")).toBe("0.3");
    expect(calc("1 / 3")).toBe("0.333333333333333");
    expect(calc("10 ^ 21")).toBe("1000000000000000000000");
    expect(calc("-(10 ^ 22)")).toBe("-10000000000000000000000");
    expect(calc("1 / 10 ^ 21")).toBe("0.000000000000000000001");
    expect(calc("-1.5 / 10 ^ 8")).toBe("-0.000000015");
    expect(calc("1.25 * 10 ^ 22")).toBe("12500000000000000000000");
    expect(calc("1 / 10 ^ 7")).toBe("0.0000001");
    expect(calc("-0 * 5")).toBe("0");
    expect(calc('"x"')).toBe("");
    expect(calc("[a] > 1", { a: "2" })).toBe("1");
  });
});

describe("comparisons", () => {
  it("compares numerically when both sides look numeric, as text otherwise", () => {
    expect(ev('[a] = "1"', { a: "1.0" })).toBe(true);
    expect(ev("[a] = 1", { a: "01" })).toBe(true);
    expect(ev("[a] > 9", { a: "10" })).toBe(true);
    expect(ev('[a] > "9"', { a: "10" })).toBe(true);
    expect(ev('[a] = "abc"', { a: "abc" })).toBe(true);
    expect(ev('[a] = "ABC"', { a: "abc" })).toBe(false);
    expect(ev('[a] < "b"', { a: "a" })).toBe(true);
    expect(ev('[d] >= "2024-01-01"', { d: "2024-03-05" })).toBe(true);
    expect(ev('[d] < "2024-01-01"', { d: "2024-03-05" })).toBe(false);
  });

  it("evaluates every operator", () => {
    const v = { a: "5" };
    const table: [string, boolean][] = [
      ["[a] = 5", true],
      ["[a] <> 5", false],
      ["[a] != 4", true],
      ["[a] < 5", false],
      ["[a] <= 5", true],
      ["[a] > 4.9", true],
      ["[a] >= 6", false],
    ];
    for (const [src, want] of table) expect([src, ev(src, v)]).toEqual([src, want]);
  });

  it('tests blank with = "" and <> "", and never finds a blank below or above a number', () => {
    expect(ev('[a] = ""', {})).toBe(true);
    expect(ev('[a] = ""', { a: "" })).toBe(true);
    expect(ev('[a] = ""', { a: "0" })).toBe(false);
    expect(ev('[a] <> ""', { a: "0" })).toBe(true);
    expect(ev("[a] = 0", { a: "" })).toBe(false);
    expect(ev("[a] <> 0", { a: "" })).toBe(true);
    for (const op of ["<", "<=", ">", ">="]) {
      expect(ev(`[a] ${op} 5`, { a: "" })).toBe(false);
      expect(ev(`5 ${op} [a]`, { a: "" })).toBe(false);
    }
  });

  it("keeps missing codes apart: equal to their code, not blank, not ordered", () => {
    const v = { a: { missing: "UNK" } };
    expect(ev('[a] = "UNK"', v)).toBe(true);
    expect(ev('[a] = "NA"', v)).toBe(false);
    expect(ev('[a] = ""', v)).toBe(false);
    expect(ev('[a] <> ""', v)).toBe(true);
    expect(ev("[a] = 0", v)).toBe(false);
    expect(ev("[a] > 0", v)).toBe(false);
    expect(ev("[a] < 0", v)).toBe(false);
    expect(ev("[a] = [b]", { a: { missing: "NA" }, b: { missing: "NA" } })).toBe(true);
    // A stored answer that happens to read "UNK" is an answer, and equals a code only by text.
    expect(ev("[a] = [b]", { a: { missing: "UNK" }, b: "UNK" })).toBe(true);
  });

  it("compares booleans with their number", () => {
    expect(ev("([a] > 1) = true", { a: "2" })).toBe(true);
    expect(ev("([a] > 1) = 0", { a: "0" })).toBe(true);
  });
});

describe("and, or, not", () => {
  it("combines conditions", () => {
    expect(ev("[a] = 1 and [b] = 1", { a: "1", b: "1" })).toBe(true);
    expect(ev("[a] = 1 and [b] = 1", { a: "1", b: "0" })).toBe(false);
    expect(ev("[a] = 1 or [b] = 1", { a: "0", b: "1" })).toBe(true);
    expect(ev("[a] = 1 or [b] = 1", { a: "0", b: "0" })).toBe(false);
    expect(ev("not [a] = 1", { a: "0" })).toBe(true);
    expect(ev("not [a] = 1", { a: "1" })).toBe(false);
    expect(ev("not ([a] = 1 or [b] = 1)", { a: "0", b: "0" })).toBe(true);
  });

  it("reads blanks, missing codes and zeros as false, other values as true", () => {
    expect(ev("[a] or false", { a: "" })).toBe(false);
    expect(ev("[a] or false", { a: { missing: "NA" } })).toBe(false);
    expect(ev("[a] or false", { a: "0" })).toBe(false);
    expect(ev("[a] and true", { a: "2" })).toBe(true);
    expect(ev("[a] and true", { a: "yes" })).toBe(true);
    expect(ev("not [a]", {})).toBe(true);
  });
});

describe("references", () => {
  it("reads another event's item, and the current event's under its own name", () => {
    const ctx = { event: "week_4", events: { baseline: { weight: "80" } } };
    expect(ev("[weight] - [baseline][weight]", { weight: "76" }, ctx)).toBe(-4);
    expect(ev("[week_4][weight]", { weight: "76" }, ctx)).toBe("76");
    expect(ev("[week_8][weight]", { weight: "76" }, ctx)).toBe("");
    expect(ev("[baseline][height]", {}, ctx)).toBe("");
    expect(ev("[baseline][weight]", {}, { event: "week_4" })).toBe("");
  });

  it('reads a checkbox choice as "1" when ticked and "0" otherwise, never blank', () => {
    const v = { race: ["1", "4"] };
    expect(ev("[race(1)]", v)).toBe("1");
    expect(ev("[race(2)]", v)).toBe("0");
    expect(ev("[race(2)]", {})).toBe("0");
    expect(ev("[race(2)]", { race: [] })).toBe("0");
    expect(ev("[race(1)] + [race(2)] + [race(4)]", v)).toBe(2);
    expect(ev("[baseline][race(4)] = '1'", {}, { events: { baseline: v } })).toBe(true);
    // The checkbox's own missing code is one more of its choices.
    expect(ev("[race(UNK)]", { race: { missing: "UNK" } })).toBe("1");
    expect(ev("[race(1)]", { race: { missing: "UNK" } })).toBe("0");
  });

  it("reads only the items given, never the prototype of the record", () => {
    for (const name of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(ev(`[${name}]`, {})).toBe("");
      expect(ev(`[${name}] + 1`, {})).toBe("");
      expect(ev(`[${name}][weight]`, {}, { events: {} })).toBe("");
      expect(ev(`[baseline][${name}]`, {}, { events: { baseline: {} } })).toBe("");
    }
    expect(ev("[constructor]", { constructor: "5" })).toBe("5");
  });

  it("gives no value for a checkbox without a choice or a choice of a plain item", () => {
    expect(ev("[race]", { race: ["1"] })).toBe("");
    expect(ev("[sex(1)]", { sex: "1" })).toBe("");
  });
});

describe("functions", () => {
  it("round, roundup and rounddown to n places (0 by default), halves away from zero", () => {
    expect(ev("round(2.5)")).toBe(3);
    expect(ev("round(-2.5)")).toBe(-3);
    expect(ev("round(1.005, 2)")).toBe(1.01);
    expect(ev("round(24.2187, 1)")).toBe(24.2);
    expect(ev("round(1234.5, -2)")).toBe(1200);
    expect(ev("roundup(1.21, 1)")).toBe(1.3);
    expect(ev("roundup(-1.29, 1)")).toBe(-1.2);
    expect(ev("roundup(3)")).toBe(3);
    expect(ev("rounddown(1.29, 1)")).toBe(1.2);
    expect(ev("rounddown(-1.21, 1)")).toBe(-1.3);
    expect(ev("rounddown(32.99)")).toBe(32);
    expect(ev("round([a], 1)", { a: "" })).toBe("");
    expect(ev("round(1.25, [n])", { n: "" })).toBe("");
    expect(ev("round(1.25, 0.5)")).toBe("");
  });

  it("if() picks a branch and evaluates only that one", () => {
    expect(ev('if([a] > 1, "big", "small")', { a: "2" })).toBe("big");
    expect(ev('if([a] > 1, "big", "small")', { a: "" })).toBe("small");
    expect(ev("if([a] = 1, 10, [b] * 2)", { a: "0", b: "4" })).toBe(8);
    expect(ev("if([a] = 1, 1 / 0, 5)", { a: "0" })).toBe(5);
    expect(ev("if(1, 2)")).toBe("");
  });

  it("sum, mean, median, min and max leave blanks, missing codes and text out", () => {
    const v = { a: "2", b: "", c: "7", d: { missing: "UNK" }, e: "x" };
    expect(ev("sum([a], [b], [c], [d], [e])", v)).toBe(9);
    expect(ev("mean([a], [b], [c], [d])", v)).toBe(4.5);
    expect(ev("median([a], [c], 3)", v)).toBe(3);
    expect(ev("median([a], [c], 3, 100)", v)).toBe(5);
    expect(ev("min([a], [b], [c], -1)", v)).toBe(-1);
    expect(ev("max([a], [b], [c])", v)).toBe(7);
    expect(ev("sum([b], [d])", v)).toBe("");
    expect(ev("mean([b])", v)).toBe("");
    expect(ev("max([b], [d], [e])", v)).toBe("");
    expect(ev("sum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)")).toBe(55);
  });

  it("abs and sqrt", () => {
    expect(ev("abs(-3.5)")).toBe(3.5);
    expect(ev("abs([a])", { a: "" })).toBe("");
    expect(ev("sqrt(16)")).toBe(4);
    expect(ev("sqrt(-1)")).toBe("");
    expect(ev("sqrt([a])", { a: { missing: "NA" } })).toBe("");
  });

  it("isnumber, isinteger and isblankormissingcode", () => {
    expect(ev("isnumber([a])", { a: "12.5" })).toBe(true);
    expect(ev("isnumber([a])", { a: "-3" })).toBe(true);
    expect(ev("isnumber([a])", { a: "12a" })).toBe(false);
    expect(ev("isnumber([a])", { a: "" })).toBe(false);
    expect(ev("isnumber([a])", { a: { missing: "UNK" } })).toBe(false);
    expect(ev("isnumber(1 + 1)")).toBe(true);
    expect(ev("isinteger([a])", { a: "12" })).toBe(true);
    expect(ev("isinteger([a])", { a: "12.5" })).toBe(false);
    expect(ev("isinteger(4 / 2)")).toBe(true);
    expect(ev("isblankormissingcode([a])", { a: "" })).toBe(true);
    expect(ev("isblankormissingcode([a])", {})).toBe(true);
    expect(ev("isblankormissingcode([a])", { a: { missing: "NASK" } })).toBe(true);
    expect(ev("isblankormissingcode([a])", { a: "0" })).toBe(false);
  });

  it("an unknown function or a wrong number of arguments gives blank, not an exception", () => {
    expect(ev("eval(1)")).toBe("");
    expect(ev("abs(1, 2)")).toBe("");
    expect(ev("datediff([a])", { a: "2020-01-01" })).toBe("");
  });
});

describe("datediff", () => {
  const d = (src: string, values: Values = {}, ctx: Partial<EvaluationContext> = {}) => ev(src, values, ctx);

  it("counts in every unit, REDCap's year and month lengths, unrounded", () => {
    const v = { a: "2024-01-01", b: "2024-03-01" };
    expect(d('datediff([a], [b], "d")', v)).toBe(60);
    expect(d('datediff([a], [b], "h")', v)).toBe(1440);
    expect(d('datediff([a], [b], "m")', v)).toBe(86_400);
    expect(d('datediff([a], [b], "s")', v)).toBe(5_184_000);
    expect(d('datediff([a], [b], "M")', v)).toBeCloseTo(60 / 30.44, 12);
    expect(d('datediff([a], [b], "y")', v)).toBeCloseTo(60 / 365.2425, 12);
    expect(d('rounddown(datediff("1990-06-15", "2024-06-14", "y"))')).toBe(33);
    expect(d('rounddown(datediff("1990-06-15", "2024-06-16", "y"))')).toBe(34);
  });

  it("is unsigned unless returnSignedValue is true, in fourth or fifth place", () => {
    const v = { a: "2024-03-01", b: "2024-01-01" };
    expect(d('datediff([a], [b], "d")', v)).toBe(60);
    expect(d('datediff([a], [b], "d", true)', v)).toBe(-60);
    expect(d('datediff([a], [b], "d", false)', v)).toBe(60);
    expect(d('datediff([a], [b], "d", "ymd", true)', v)).toBe(-60);
    expect(d('datediff([b], [a], "d", "ymd", true)', v)).toBe(60);
    expect(d('datediff([a], [b], "d", "true")', v)).toBe(-60);
  });

  it("reads date-times and times, and mixes a date with a date-time", () => {
    expect(d('datediff([a], [b], "h", true)', { a: "2024-01-01 08:00", b: "2024-01-02 07:30" })).toBe(23.5);
    expect(d('datediff([a], [b], "m")', { a: "2024-01-01T08:00:00", b: "2024-01-01 08:00:45" })).toBe(0.75);
    expect(d('datediff([a], [b], "h")', { a: "2024-01-01", b: "2024-01-01 12:00" })).toBe(12);
    expect(d('datediff([a], [b], "m", true)', { a: "09:15", b: "08:45" })).toBe(-30);
    expect(d('datediff([a], [b], "m")', { a: "09:15", b: "2024-01-01" })).toBe("");
  });

  it('takes "today" and "now" from the network clock the caller passes', () => {
    const ctx = { today: "2026-12-02", now: "2026-12-02 12:00" };
    expect(d('datediff([dob], "today", "d")', { dob: "2026-11-02" }, ctx)).toBe(30);
    expect(d("datediff('TODAY', [dob], 'd', true)", { dob: "2026-11-02" }, ctx)).toBe(-30);
    expect(d('datediff([t], "now", "h")', { t: "2026-12-02 09:00" }, ctx)).toBe(3);
    expect(d('datediff([dob], "today", "d")', { dob: "2026-11-02" })).toBe("");
  });

  it("reads literal dates in the stated format", () => {
    expect(d('datediff("12-31-2023", "2024-01-31", "d", "mdy")')).toBe(31);
    expect(d('datediff("31/12/2023", "2024-01-31", "d", "dmy", true)')).toBe(31);
    expect(d('datediff("12-31-2023", "2024-01-31", "d")')).toBe("");
  });

  it("is blank for a blank, missing or impossible date and for an unknown unit or flag", () => {
    expect(d('datediff([a], "2024-01-01", "d")', { a: "" })).toBe("");
    expect(d('datediff([a], "2024-01-01", "d")', { a: { missing: "UNK" } })).toBe("");
    expect(d('datediff("2023-02-29", "2024-01-01", "d")')).toBe("");
    expect(d('datediff("2024-01-01 25:00", "2024-01-01", "h")')).toBe("");
    expect(d('datediff("2024-01-01", "2024-01-02", "w")')).toBe("");
    expect(d('datediff("2024-01-01", "2024-01-02", "d", "ydm")')).toBe("");
    expect(d('datediff("2024-01-01", "2024-01-02", "d", "ymd", "yes")')).toBe("");
    expect(d('datediff("2024-01-01", "2024-01-02", "d", 1)')).toBe("");
  });

  it("counts leap days as calendar days", () => {
    expect(d('datediff("2024-02-28", "2024-03-01", "d")')).toBe(2);
    expect(d('datediff("2023-02-28", "2023-03-01", "d")')).toBe(1);
  });
});

describe("isShown", () => {
  it("shows an item only when its logic is true", () => {
    expect(shown('[sex] = "0"', { sex: "0" })).toBe(true);
    expect(shown('[sex] = "0"', { sex: "1" })).toBe(false);
    expect(shown('[sex] = "0"', {})).toBe(false);
  });
});
