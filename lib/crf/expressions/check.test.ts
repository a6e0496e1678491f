import { describe, expect, it } from "vitest";
import type { Catalogue } from "@/lib/crf/expressions/catalogue";
import { check, type CheckOptions } from "@/lib/crf/expressions/check";
import { parse } from "@/lib/crf/expressions/parse";

const catalogue: Catalogue = {
  items: {
    weight: { type: "decimal", missingCodes: ["UNK"] },
    height: { type: "integer" },
    bmi: { type: "calc" },
    dob: { type: "date" },
    visit_date: { type: "date" },
    sampled_at: { type: "datetime" },
    dose_time: { type: "time" },
    initials: { type: "text" },
    notes: { type: "longtext" },
    sex: { type: "radio", choices: ["0", "1"], missingCodes: ["NASK"] },
    site_kind: { type: "dropdown", choices: ["urban", "rural"] },
    pregnant: { type: "yesno" },
    race: { type: "checkbox", choices: ["1", "2", "3", "4"], missingCodes: ["UNK"] },
    pain: { type: "slider" },
    intro: { type: "descriptive" },
  },
  events: {
    baseline: ["weight", "height", "dob", "sex", "race"],
    week_4: ["weight", "visit_date"],
  },
};

function errors(src: string, options?: CheckOptions) {
  const r = parse(src);
  if (!r.ast) throw new Error(`${src}: ${JSON.stringify(r.errors)}`);
  return check(r.ast, catalogue, options);
}
const codes = (src: string, options?: CheckOptions) => errors(src, options).map((e) => e.code);

describe("check: what a designer is told as they type", () => {
  it("accepts the issue's examples and typical logic", () => {
    for (const src of [
      "[weight] * 10000 / ([height] ^ 2)",
      '[sex] = "0" and [pregnant] = "1"',
      'datediff([dob], [visit_date], "y")',
      'round(datediff([dob], "today", "y", true), 1)',
      '[race(2)] = "1" or [race(UNK)] = "1"',
      "[baseline][weight] - [weight]",
      '[weight] = "UNK"',
      '[sex] = "NASK" or [sex] = ""',
      'if([pain] > 50, 1, 0) + sum([height], [bmi])',
      'isblankormissingcode([weight]) or not isnumber([initials])',
      '[visit_date] > "2024-01-01"',
      '[site_kind] = "rural"',
      'datediff([sampled_at], [dob], "h", "ymd", false)',
      'datediff([dose_time], "now", "m")',
    ])
      expect([src, errors(src)]).toEqual([src, []]);
  });

  it("names an unknown item, an unknown event and an item an event does not collect, where they are written", () => {
    expect(errors("[weigth] + 1")).toEqual([{ code: "unknownItem", start: 0, end: 8, params: { item: "weigth" } }]);
    expect(errors("[weight] + [week_12][weight]")).toEqual([{ code: "unknownEvent", start: 11, end: 28, params: { event: "week_12" } }]);
    expect(errors("[week_4][height]")).toEqual([{ code: "itemNotInEvent", start: 0, end: 16, params: { item: "height", event: "week_4" } }]);
    expect(codes("[constructor] = 1")).toEqual(["unknownItem"]);
    expect(codes("[baseline][toString] = 1")).toEqual(["unknownItem"]);
    expect(check(parse("[any_event][weight]").ast!, { items: catalogue.items })).toEqual([]);
  });

  it("checks checkbox choices", () => {
    expect(errors('[race] = "1"')).toEqual([{ code: "checkboxNeedsChoice", start: 0, end: 6, params: { item: "race" } }]);
    expect(errors('[race(5)] = "1"')).toEqual([{ code: "unknownChoice", start: 0, end: 9, params: { item: "race", choice: "5" } }]);
    expect(errors('[sex(1)] = "1"')).toEqual([{ code: "choiceOnNonCheckbox", start: 0, end: 8, params: { item: "sex" } }]);
    expect(errors('[race(1)] = "2"')).toEqual([{ code: "unknownCode", start: 12, end: 15, params: { item: "race", code: "2" } }]);
  });

  it("names a code a coded item does not have, accepting blank and its missing codes", () => {
    expect(errors('[sex] = "2"')).toEqual([{ code: "unknownCode", start: 8, end: 11, params: { item: "sex", code: "2" } }]);
    expect(errors('"3" <> [pregnant]')).toEqual([{ code: "unknownCode", start: 0, end: 3, params: { item: "pregnant", code: "3" } }]);
    expect(codes("[sex] = 1.0")).toEqual([]);
    expect(codes('[sex] = "UNK"')).toEqual(["unknownCode"]);
    expect(codes('[site_kind] = "Urban"')).toEqual(["unknownCode"]);
  });

  it("refuses dates and free text in arithmetic, and descriptive text anywhere", () => {
    expect(errors("[visit_date] - [dob]")).toEqual([
      { code: "dateInArithmetic", start: 0, end: 12 },
      { code: "dateInArithmetic", start: 15, end: 20 },
    ]);
    expect(codes("[sampled_at] + 1")).toEqual(["dateInArithmetic"]);
    expect(codes("-[dose_time]")).toEqual(["dateInArithmetic"]);
    expect(codes("[initials] * 2")).toEqual(["textInArithmetic"]);
    expect(codes('"abc" + 1')).toEqual(["textInArithmetic"]);
    expect(codes('"2" + 1')).toEqual([]);
    expect(codes("[site_kind] + 1")).toEqual(["textInArithmetic"]);
    expect(codes("[sex] + [pregnant] + [race(1)]")).toEqual([]);
    expect(codes('[intro] = ""')).toEqual(["notAValue"]);
    expect(codes("[dob] > 5")).toEqual(["comparesDateWithNumber"]);
    expect(codes("3 <= [sampled_at]")).toEqual(["comparesDateWithNumber"]);
  });

  it("refuses a date or text given to a numeric function", () => {
    expect(errors("round([dob], 1)")).toEqual([{ code: "notANumber", start: 6, end: 11, params: { name: "round" } }]);
    expect(codes("sum([weight], [notes])")).toEqual(["notANumber"]);
    expect(codes("max([dob], [visit_date])")).toEqual(["notANumber", "notANumber"]);
    expect(codes("abs([weight]) + sqrt([height])")).toEqual([]);
  });

  it("names an unknown function and a wrong number of arguments", () => {
    expect(errors("median2([weight])")).toEqual([{ code: "unknownFunction", start: 0, end: 7, params: { name: "median2" } }]);
    expect(errors("abs(1, 2)")).toEqual([{ code: "arityExact", start: 0, end: 9, params: { name: "abs", count: 1 } }]);
    expect(errors("if([a] = 1, 2)")[0]).toMatchObject({ code: "arityExact", params: { name: "if", count: 3 } });
    expect(errors("round()")).toEqual([{ code: "arityRange", start: 0, end: 7, params: { name: "round", min: 1, max: 2 } }]);
    expect(errors("sum()")).toEqual([{ code: "arityAtLeast", start: 0, end: 5, params: { name: "sum", count: 1 } }]);
    expect(codes('datediff([dob], [visit_date], "y", "ymd", true, 1)')).toEqual(["arityRange"]);
    // Arguments of a bad call are still checked.
    expect(codes("abs([nope], 2)")).toEqual(["arityExact", "unknownItem"]);
    expect(codes("foo([nope])")).toEqual(["unknownFunction", "unknownItem"]);
  });

  it("checks datediff's dates, unit, format and signed flag", () => {
    expect(errors('datediff([weight], [dob], "y")')).toEqual([{ code: "notADate", start: 9, end: 17, params: { name: "datediff" } }]);
    expect(codes('datediff("2024-13-01", [dob], "y")')).toEqual(["notADate"]);
    expect(codes('datediff("01-31-2024", [dob], "y", "mdy")')).toEqual([]);
    expect(codes('datediff("01-31-2024", [dob], "y")')).toEqual(["notADate"]);
    expect(errors('datediff([dob], [visit_date], "w")')).toEqual([{ code: "invalidDateUnit", start: 30, end: 33 }]);
    expect(codes('datediff([dob], [visit_date], [initials])')).toEqual(["invalidDateUnit"]);
    expect(codes('datediff([dob], [visit_date], "Y")')).toEqual(["invalidDateUnit"]);
    expect(codes('datediff([dob], [visit_date], "y", "iso")')).toEqual(["invalidDateFormat"]);
    expect(codes('datediff([dob], [visit_date], "y", true, true)')).toEqual(["invalidDateFormat"]);
    expect(codes('datediff([dob], [visit_date], "y", "dmy", "maybe")')).toEqual(["invalidSignedFlag"]);
    expect(codes('datediff([dob], [visit_date], "y", "dmy", "false")')).toEqual([]);
    for (const u of ["y", "M", "d", "h", "m", "s"]) expect(codes(`datediff([dob], [visit_date], "${u}")`)).toEqual([]);
  });

  it("asks branching logic for a condition and a calculation for a number", () => {
    expect(errors("[weight] + 1", { expect: "condition" })).toEqual([{ code: "expectedCondition", start: 0, end: 12 }]);
    expect(codes('[sex] = "1"', { expect: "condition" })).toEqual([]);
    expect(codes("isnumber([weight])", { expect: "condition" })).toEqual([]);
    expect(codes("[initials]", { expect: "number" })).toEqual(["expectedNumber"]);
    expect(codes("[dob]", { expect: "number" })).toEqual(["expectedNumber"]);
    expect(codes('if([sex] = "1", "a", "b")', { expect: "number" })).toEqual(["expectedNumber"]);
    expect(codes("if([sex] = 1, 1, 2)", { expect: "number" })).toEqual([]);
    expect(codes('if([sex] = 1, 1, "x")', { expect: "number" })).toEqual([]);
  });

  it("returns every error, in the order they are written", () => {
    const e = errors("[nope] + [visit_date] * foo(1) + [race]");
    expect(e.map((x) => [x.code, x.start])).toEqual([
      ["unknownItem", 0],
      ["dateInArithmetic", 9],
      ["unknownFunction", 24],
      ["checkboxNeedsChoice", 33],
    ]);
  });
});
