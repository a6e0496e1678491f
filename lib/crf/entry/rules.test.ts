import { describe, expect, it } from "vitest";
import { applyRules } from "@/lib/crf/entry/rules";
import type { EntryFormDef, RulesInput } from "@/lib/crf/entry/types";
import { crfChoices, crfItem } from "@/lib/testing/crf-items";

const item = crfItem;
const choices = crfChoices;

const vitals: EntryFormDef = {
  name: "vitals",
  label: { zh: "生命体征", en: "Vitals" },
  items: [
    item("sex", { type: "radio", choices: choices("1", "2"), required: true }),
    item("pregnant", { type: "yesno", branchingLogic: '[sex] = "2"', required: true }),
    item("weight", { type: "decimal", decimalPlaces: 1, hardMin: "1", hardMax: "400", softMin: "30", softMax: "200", missingCodes: ["ND", "UNK"] }),
    item("height", { type: "integer", hardMin: "50", hardMax: "250" }),
    item("bmi", { type: "calc", calculation: "round([weight] * 10000 / ([height] ^ 2), 1)" }),
    item("obese_note", { type: "longtext", branchingLogic: "[bmi] >= 30" }),
    item("visit_date", { type: "date", hardMax: "today" }),
    item("symptoms", { type: "checkbox", choices: choices("1", "2", "3") }),
    item("email", { validation: "email" }),
    item("mobile", { validation: "mobile_cn" }),
  ],
};

const run = (values: Record<string, unknown>, extra: Partial<RulesInput> = {}) => applyRules(vitals, { values, today: "2026-12-02", ...extra });

describe("applyRules: branching, calculations, limits", () => {
  it("drops the value of an item branching hides, and keeps it when shown", () => {
    const hidden = run({ sex: "1", pregnant: "1" });
    expect(hidden.values).toEqual({ sex: "1" });
    expect(hidden.dropped).toEqual(["pregnant"]);
    expect(hidden.visible).not.toContain("pregnant");
    const shown = run({ sex: "2", pregnant: "0" });
    expect(shown.values).toEqual({ sex: "2", pregnant: "0" });
    expect(shown.visible).toContain("pregnant");
  });

  it("recomputes a calculation and ignores a submitted one; the calculation can show an item", () => {
    const r = run({ weight: "95", height: "170", bmi: "12", obese_note: " heavy " });
    expect(r.values.bmi).toBe("32.9");
    expect(r.values.weight).toBe("95.0");
    expect(r.values.obese_note).toBe("heavy");
    const thin = run({ weight: "60", height: "170", obese_note: "x" });
    expect(thin.values.bmi).toBe("20.8");
    expect(thin.values.obese_note).toBeUndefined();
    expect(thin.dropped).toEqual(["obese_note"]);
    expect(run({ weight: "60" }).values.bmi).toBeUndefined();
  });

  it("refuses a hard-limit breach and asks to confirm a soft one", () => {
    expect(run({ weight: "401" }).errors.weight).toEqual({ key: "crf.entry.errors.hardLimit", params: { min: "1", max: "400" } });
    const soft = run({ weight: "250" });
    expect(soft.errors.weight.key).toBe("crf.entry.errors.softLimit");
    expect(soft.softBreaches.weight.params).toEqual({ min: "30", max: "200" });
    const ok = run({ weight: "250" }, { confirmedSoft: ["weight"] });
    expect(ok.errors).toEqual({});
    expect(ok.softBreaches.weight).toBeDefined();
    expect(run({ visit_date: "2026-12-03" }).errors.visit_date.key).toBe("crf.entry.errors.hardLimit");
    expect(run({ visit_date: "2026-12-02" }).errors).toEqual({});
  });

  it("checks required items only when the form is complete, with a missing code as an answer", () => {
    expect(run({}).errors).toEqual({});
    expect(Object.keys(run({}, { complete: true }).errors)).toEqual(["sex"]);
    expect(Object.keys(run({ sex: "2" }, { complete: true }).errors)).toEqual(["pregnant"]);
    expect(run({ sex: "1" }, { complete: true }).errors).toEqual({});
  });

  it("keeps missing codes apart from values, only those the item allows, and reads them as blank in calculations", () => {
    const r = run({ height: "170" }, { missing: { weight: "UNK" } });
    expect(r.missing).toEqual({ weight: "UNK" });
    expect(r.values.bmi).toBeUndefined();
    expect(run({}, { missing: { weight: "NA" } }).errors.weight.key).toBe("crf.entry.errors.missingNotAllowed");
    expect(run({}, { missing: { height: "ND" } }).errors.height.key).toBe("crf.entry.errors.missingNotAllowed");
    expect(run({ weight: "70" }, { missing: { weight: "ND" } }).errors.weight.key).toBe("crf.entry.errors.valueAndMissing");
    expect(run({ sex: "1" }, { missing: { pregnant: "ND" } }).missing).toEqual({});
  });

  it("refuses items that are not in the form and badly shaped values", () => {
    const r = run({ nowhere: "1", symptoms: "1", sex: ["1"], __proto__x: "1" });
    expect(r.errors.nowhere.key).toBe("crf.entry.errors.notInForm");
    expect(r.errors.symptoms.key).toBe("crf.entry.errors.invalid");
    expect(r.errors.sex.key).toBe("crf.entry.errors.invalid");
    expect(run({}, { missing: { nowhere: "ND" } }).errors.nowhere.key).toBe("crf.entry.errors.notInForm");
  });

  it("normalises values by type and validation", () => {
    const r = run({ symptoms: ["3", "1", "1"], height: "+0170", email: "a.b@example.cn", mobile: "+86 138-0013-8000", visit_date: "2026-1-5" });
    expect(r.values).toMatchObject({ symptoms: ["1", "3"], height: "170", email: "a.b@example.cn", mobile: "13800138000", visit_date: "2026-01-05" });
    const bad = run({ height: "1.5", weight: "70.25", email: "nope", mobile: "12800138000", visit_date: "2026-02-30", symptoms: ["9"], sex: "3" });
    expect(Object.fromEntries(Object.entries(bad.errors).map(([k, e]) => [k, e.key.replace("crf.entry.errors.", "")]))).toEqual({
      height: "integer",
      weight: "decimals",
      email: "email",
      mobile: "mobileCn",
      visit_date: "date",
      symptoms: "choice",
      sex: "choice",
    });
  });

  it("reads another event's values in logic", () => {
    const form: EntryFormDef = { name: "fu", label: vitals.label, items: [item("w", { type: "decimal" }), item("change", { type: "calc", calculation: "[w] - [baseline][weight]" })] };
    expect(applyRules(form, { values: { w: "68" }, today: "2026-12-02", event: "week6", otherEvents: { baseline: { weight: "70.5" } } }).values.change).toBe("-2.5");
    expect(applyRules(form, { values: { w: "68" }, today: "2026-12-02", event: "week6", otherEvents: { baseline: { weight: { missing: "UNK" } } } }).values.change).toBeUndefined();
  });
});

describe("applyRules: repeating groups", () => {
  const tumour: EntryFormDef = {
    name: "tumour",
    label: { zh: "肿瘤评估", en: "Tumour assessment" },
    items: [
      item("assessed", { type: "yesno", required: true }),
      item("site", { type: "dropdown", choices: choices("lung", "liver", "node"), required: true }),
      item("diameter", { type: "integer", unit: "mm", hardMin: "1", hardMax: "500", softMax: "200", missingCodes: ["ND"], required: true }),
      item("short_axis", { type: "integer", branchingLogic: '[site] = "node"' }),
      item("sum_diameters", { type: "calc", calculation: "sum([diameter])" }),
    ],
    groups: [{ name: "lesions", label: { zh: "靶病灶", en: "Target lesions" }, maxRows: 5, items: ["site", "diameter", "short_axis"] }],
  };
  const run2 = (values: Record<string, unknown>, extra: Partial<RulesInput> = {}) => applyRules(tumour, { values, today: "2026-12-02", ...extra });

  it("evaluates branching per row and sums a group item over the rows", () => {
    const r = run2({
      assessed: "1",
      lesions: [
        { site: "lung", diameter: "25", short_axis: "9" },
        { site: "node", diameter: "0012", short_axis: "11" },
      ],
    });
    expect(r.values.lesions).toEqual([
      { site: "lung", diameter: "25" },
      { site: "node", diameter: "12", short_axis: "11" },
    ]);
    expect(r.dropped).toEqual(["lesions.1.short_axis"]);
    expect(r.values.sum_diameters).toBe("37");
    expect(r.visible).toEqual(["assessed", "lesions.1.site", "lesions.1.diameter", "lesions.2.site", "lesions.2.diameter", "lesions.2.short_axis", "sum_diameters"]);
  });

  it("reports errors by row path, missing codes per row, required per row, too many rows", () => {
    const r = run2({ lesions: [{ site: "lung", diameter: "600" }, { site: "liver" }, { diameter: "250", colour: "red" }] }, { missing: { "lesions.2.diameter": "ND" }, complete: true });
    expect(r.errors["lesions.1.diameter"].key).toBe("crf.entry.errors.hardLimit");
    expect(r.errors["lesions.2.diameter"]).toBeUndefined();
    expect(r.missing).toEqual({ "lesions.2.diameter": "ND" });
    expect(r.errors["lesions.3.diameter"].key).toBe("crf.entry.errors.softLimit");
    expect(r.errors["lesions.3.colour"].key).toBe("crf.entry.errors.notInForm");
    expect(r.errors["lesions.3.site"].key).toBe("crf.entry.errors.required");
    expect(r.errors.assessed.key).toBe("crf.entry.errors.required");
    expect(run2({ lesions: Array.from({ length: 6 }, () => ({ site: "lung" })) }).errors.lesions.key).toBe("crf.entry.errors.tooManyRows");
    expect(run2({ diameter: "5" }).errors.diameter.key).toBe("crf.entry.errors.notInForm");
    expect(run2({}, { missing: { "lesions.9.diameter": "ND" } }).errors["lesions.9.diameter"].key).toBe("crf.entry.errors.notInForm");
    expect(run2({ lesions: [] }).values.sum_diameters).toBeUndefined();
  });
});

describe("applyRules: the event's other forms", () => {
  it("reads another form of the same event by plain [item], this form's items first", () => {
    const form: EntryFormDef = { name: "preg", label: vitals.label, items: [item("test_done", { type: "yesno", branchingLogic: '[sex] = "2"' }), item("sex", { type: "text" })] };
    const base = { today: "2026-12-02", event: "baseline", otherEvents: { baseline: { sex: "2" } } };
    expect(applyRules({ ...form, items: [form.items[0]] }, { values: { test_done: "1" }, ...base }).values).toEqual({ test_done: "1" });
    expect(applyRules(form, { values: { test_done: "1" }, ...base }).values).toEqual({});
  });
});

describe("applyRules: calculations inside a group", () => {
  it("computes a group's calculated item per row, and an aggregate of it outside", () => {
    const form: EntryFormDef = {
      name: "doses",
      label: vitals.label,
      items: [
        item("dose_mg", { type: "decimal" }),
        item("days", { type: "integer" }),
        item("total_mg", { type: "calc", calculation: "[dose_mg] * [days]" }),
        item("long_course", { type: "yesno", branchingLogic: "[days] > 10" }),
        item("grand_total", { type: "calc", calculation: "sum([total_mg])" }),
        item("max_days", { type: "calc", calculation: "max([days])" }),
      ],
      groups: [{ name: "courses", label: vitals.label, maxRows: 3, items: ["dose_mg", "days", "total_mg", "long_course"] }],
    };
    const r = applyRules(form, { values: { courses: [{ dose_mg: "2.5", days: "4", long_course: "1" }, { dose_mg: "10", days: "14", long_course: "1" }] }, today: "2026-12-02" });
    expect(r.values).toEqual({
      courses: [
        { dose_mg: "2.5", days: "4", total_mg: "10" },
        { dose_mg: "10", days: "14", total_mg: "140", long_course: "1" },
      ],
      grand_total: "150",
      max_days: "14",
    });
    expect(r.dropped).toEqual(["courses.1.long_course"]);
  });
});
