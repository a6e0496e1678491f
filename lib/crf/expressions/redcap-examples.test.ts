import { describe, expect, it } from "vitest";
import type { Catalogue } from "@/lib/crf/expressions/catalogue";
import { check } from "@/lib/crf/expressions/check";
import { calculationOrder } from "@/lib/crf/expressions/dependencies";
import { calculate, isShown } from "@/lib/crf/expressions/evaluate";
import { parse } from "@/lib/crf/expressions/parse";
import type { EvaluationContext, StoredValue } from "@/lib/crf/expressions/values";

/**
 * Branching logic and calculations as they are written in REDCap data dictionaries and in
 * REDCap's own help (BMI, age at a visit, eligibility, checkbox branching, longitudinal
 * references, questionnaire scores), each checked against its items, then evaluated.
 */
const catalogue: Catalogue = {
  items: {
    dob: { type: "date" },
    visit_date: { type: "date" },
    date_enrolled: { type: "date" },
    sex: { type: "radio", choices: ["0", "1"] },
    given_birth: { type: "yesno" },
    height: { type: "decimal" },
    weight: { type: "decimal", missingCodes: ["NA", "UNK"] },
    bmi: { type: "calc" },
    bsa: { type: "calc" },
    age: { type: "calc" },
    last_name: { type: "text" },
    consent: { type: "yesno" },
    ecog: { type: "radio", choices: ["0", "1", "2", "3", "4"] },
    race: { type: "checkbox", choices: ["1", "2", "3", "4", "5", "98"] },
    race_other: { type: "text" },
    meds: { type: "checkbox", choices: ["1", "2", "3"] },
    ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq${i + 1}`, { type: "radio" as const, choices: ["0", "1", "2", "3"] }])),
    phq9_total: { type: "calc" },
    phq9_severity: { type: "calc" },
    scr: { type: "decimal", missingCodes: ["ND"] },
    egfr: { type: "calc" },
    tl1_diam: { type: "integer" },
    tl2_diam: { type: "integer" },
    tl3_diam: { type: "integer" },
    sld: { type: "calc" },
    sld_change: { type: "calc" },
    hb: { type: "decimal", missingCodes: ["ND", "UNK"] },
    hb_reason: { type: "text" },
    bp_sys1: { type: "integer" },
    bp_sys2: { type: "integer" },
    bp_sys_mean: { type: "calc" },
  },
  events: {
    enrollment_arm_1: ["dob", "sex", "height", "weight", "tl1_diam", "tl2_diam", "tl3_diam", "sld", "date_enrolled"],
    visit_1_arm_1: ["visit_date", "weight", "tl1_diam", "tl2_diam", "tl3_diam", "sld", "sld_change"],
  },
};

function compiled(src: string, expect_: "condition" | "number") {
  const r = parse(src);
  if (!r.ast) throw new Error(`${src}: ${JSON.stringify(r.errors)}`);
  expect(check(r.ast, catalogue, { expect: expect_ })).toEqual([]);
  return r.ast;
}
const ctx = (values: Record<string, StoredValue>, more: Partial<EvaluationContext> = {}): EvaluationContext => ({ values, ...more });
const calc = (src: string, values: Record<string, StoredValue>, more?: Partial<EvaluationContext>) => calculate(compiled(src, "number"), ctx(values, more));
const shown = (src: string, values: Record<string, StoredValue>, more?: Partial<EvaluationContext>) => isShown(compiled(src, "condition"), ctx(values, more));

describe("calculations from REDCap dictionaries", () => {
  it("BMI, as REDCap's help writes it, and rounded to one place", () => {
    expect(calc("([weight]*10000)/(([height])^(2))", { weight: "70", height: "175" })).toBe("22.8571428571429");
    expect(calc("round(([weight]*10000)/(([height])^(2)),1)", { weight: "70", height: "175" })).toBe("22.9");
    expect(calc("round(([weight]*10000)/(([height])^(2)),1)", { weight: "", height: "175" })).toBe("");
    expect(calc("round(([weight]*10000)/(([height])^(2)),1)", { weight: { missing: "UNK" }, height: "175" })).toBe("");
  });

  it("age at the visit, and age today, in whole years", () => {
    expect(calc('rounddown(datediff([dob],[visit_date],"y","ymd"),0)', { dob: "1961-07-20", visit_date: "2026-07-19" })).toBe("64");
    expect(calc('rounddown(datediff([dob],[visit_date],"y","ymd"),0)', { dob: "1961-07-20", visit_date: "2026-07-21" })).toBe("65");
    expect(calc("rounddown(datediff([dob],'today','y'))", { dob: "2000-12-03" }, { today: "2026-12-02" })).toBe("25");
    expect(calc('datediff([dob],[visit_date],"y")', { dob: "", visit_date: "2026-07-19" })).toBe("");
  });

  it("days from enrolment to a visit, signed, across events", () => {
    const more = { event: "visit_1_arm_1", events: { enrollment_arm_1: { date_enrolled: "2026-03-01" } } };
    expect(calc('datediff([enrollment_arm_1][date_enrolled],[visit_date],"d","ymd",true)', { visit_date: "2026-02-25" }, more)).toBe("-4");
    expect(calc('datediff([enrollment_arm_1][date_enrolled],[visit_date],"d")', { visit_date: "2026-02-25" }, more)).toBe("4");
  });

  it("body surface area (Mosteller)", () => {
    expect(calc("round(sqrt(([height]*[weight])/3600),2)", { height: "170", weight: "65" })).toBe("1.75");
  });

  it("eGFR (MDRD) with negative powers and a sex factor", () => {
    const src = 'round(175 * ([scr] ^ -1.154) * ([age] ^ -0.203) * if([sex] = "0", 0.742, 1), 0)';
    expect(calc(src, { scr: "1", age: "50", sex: "1" })).toBe(String(Math.round(175 * 50 ** -0.203)));
    expect(calc(src, { scr: "1", age: "50", sex: "0" })).toBe(String(Math.round(175 * 50 ** -0.203 * 0.742)));
    expect(calc(src, { scr: { missing: "ND" }, age: "50", sex: "0" })).toBe("");
  });

  it("PHQ-9 total and severity band", () => {
    const total = "sum([phq1],[phq2],[phq3],[phq4],[phq5],[phq6],[phq7],[phq8],[phq9])";
    const answers = Object.fromEntries(["2", "3", "1", "2", "2", "1", "3", "2", "0"].map((v, i) => [`phq${i + 1}`, v]));
    expect(calc(total, answers)).toBe("16");
    const severity = "if([phq9_total] >= 20, 4, if([phq9_total] >= 15, 3, if([phq9_total] >= 10, 2, if([phq9_total] >= 5, 1, 0))))";
    expect(calc(severity, { phq9_total: "16" })).toBe("3");
    expect(calc(severity, { phq9_total: "4" })).toBe("0");
    // A plain sum with + is blank until every answer is in; sum() counts what is there.
    const plus = "[phq1]+[phq2]+[phq3]+[phq4]+[phq5]+[phq6]+[phq7]+[phq8]+[phq9]";
    expect(calc(plus, { ...answers, phq9: "" })).toBe("");
    expect(calc(total, { ...answers, phq9: "" })).toBe("16");
  });

  it("RECIST sum of diameters and its change from baseline", () => {
    expect(calc("sum([tl1_diam],[tl2_diam],[tl3_diam])", { tl1_diam: "32", tl2_diam: "18", tl3_diam: "" })).toBe("50");
    const more = { event: "visit_1_arm_1", events: { enrollment_arm_1: { sld: "50" } } };
    expect(calc("round(([sld] - [enrollment_arm_1][sld]) / [enrollment_arm_1][sld] * 100, 1)", { sld: "34" }, more)).toBe("-32");
  });

  it("the mean of two blood pressure readings, one of them missing", () => {
    expect(calc("round(mean([bp_sys1],[bp_sys2]),0)", { bp_sys1: "131", bp_sys2: "" })).toBe("131");
    expect(calc("round(mean([bp_sys1],[bp_sys2]),0)", { bp_sys1: "131", bp_sys2: "138" })).toBe("135");
  });

  it("REDCap's documented results of round, roundup and rounddown", () => {
    expect(calc("round(14.384,1)", {})).toBe("14.4");
    expect(calc("roundup(14.384,1)", {})).toBe("14.4");
    expect(calc("rounddown(14.384,1)", {})).toBe("14.3");
    expect(calc("round(14.384,2)", {})).toBe("14.38");
    expect(calc("if([weight] > 100, 44, 11)", { weight: "120" })).toBe("44");
  });

  it("a project's calculated items are computed in an order that respects their references", () => {
    const calcs = {
      sld_change: "round(([sld] - [enrollment_arm_1][sld]) / [enrollment_arm_1][sld] * 100, 1)",
      bmi: "round(([weight]*10000)/(([height])^(2)),1)",
      phq9_severity: "if([phq9_total] >= 20, 4, if([phq9_total] >= 15, 3, 0))",
      sld: "sum([tl1_diam],[tl2_diam],[tl3_diam])",
      phq9_total: "sum([phq1],[phq2],[phq3],[phq4],[phq5],[phq6],[phq7],[phq8],[phq9])",
    };
    const { order } = calculationOrder(Object.fromEntries(Object.entries(calcs).map(([k, v]) => [k, compiled(v, "number")])));
    expect(order).toEqual(["bmi", "sld", "sld_change", "phq9_total", "phq9_severity"]);
  });
});

describe("branching logic from REDCap dictionaries", () => {
  it("the pregnancy question of REDCap's branching guide", () => {
    const src = '[sex] = "0" and [given_birth] = "1"';
    expect(shown(src, { sex: "0", given_birth: "1" })).toBe(true);
    expect(shown(src, { sex: "1", given_birth: "1" })).toBe(false);
    expect(shown(src, { sex: "0", given_birth: "" })).toBe(false);
    expect(shown('([height] >= 170 or [weight] < 65) and [sex] = "1"', { height: "160", weight: "60", sex: "1" })).toBe(true);
    expect(shown('([height] >= 170 or [weight] < 65) and [sex] = "1"', { height: "160", weight: "70", sex: "1" })).toBe(false);
    expect(shown('[last_name] <> ""', { last_name: "Wang" })).toBe(true);
    expect(shown('[last_name] <> ""', { last_name: "" })).toBe(false);
  });

  it("eligibility: adult, ECOG 0–1, consent given", () => {
    const src = '[age] >= 18 and [age] <= 75 and ([ecog] = "0" or [ecog] = "1") and [consent] = "1"';
    expect(shown(src, { age: "64", ecog: "1", consent: "1" })).toBe(true);
    expect(shown(src, { age: "17", ecog: "0", consent: "1" })).toBe(false);
    expect(shown(src, { age: "64", ecog: "2", consent: "1" })).toBe(false);
    expect(shown(src, { age: "", ecog: "0", consent: "1" })).toBe(false);
    expect(shown(src, { age: "64", ecog: "0", consent: "0" })).toBe(false);
  });

  it("checkbox branching: a choice ticked, not ticked, any of several", () => {
    expect(shown('[race(98)] = "1"', { race: ["2", "98"] })).toBe(true);
    expect(shown('[race(98)] = "1"', { race: ["2"] })).toBe(false);
    expect(shown("[race(98)] = '1'", {})).toBe(false);
    expect(shown('[race(5)] = "0"', { race: ["2"] })).toBe(true);
    expect(shown('[meds(1)] = "1" or [meds(3)] = "1"', { meds: ["3"] })).toBe(true);
    expect(shown('[meds(1)] = "1" or [meds(3)] = "1"', { meds: ["2"] })).toBe(false);
    expect(shown("[race(1)] + [race(2)] + [race(3)] + [race(4)] + [race(5)] > 1", { race: ["1", "4"] })).toBe(true);
  });

  it("longitudinal: a question at a visit shown from an enrolment answer", () => {
    const more = { event: "visit_1_arm_1", events: { enrollment_arm_1: { sex: "0", weight: "80" } } };
    expect(shown('[enrollment_arm_1][sex] = "0"', {}, more)).toBe(true);
    expect(shown("[weight] < [enrollment_arm_1][weight] * 0.95", { weight: "75" }, more)).toBe(true);
    expect(shown("[weight] < [enrollment_arm_1][weight] * 0.95", { weight: "77" }, more)).toBe(false);
  });

  it("a reason asked for only when a lab value was not done or unknown", () => {
    const src = "isblankormissingcode([hb]) and not [hb] = ''";
    expect(shown(src, { hb: { missing: "ND" } })).toBe(true);
    expect(shown(src, { hb: "" })).toBe(false);
    expect(shown(src, { hb: "132" })).toBe(false);
    expect(shown('[hb] = "UNK" or [hb] = "ND"', { hb: { missing: "UNK" } })).toBe(true);
    expect(shown('[hb] = "UNK" or [hb] = "ND"', { hb: "120" })).toBe(false);
  });
});
