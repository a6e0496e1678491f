import { describe, expect, it } from "vitest";
import { parsePath, pathsAfterRowRemoved, sameAnswers, valueAt, withRowAdded, withRowRemoved, withValue } from "@/components/crf/entry-values";
import { formBlocks } from "@/components/crf/layout";
import type { ItemDef } from "@/lib/crf/design";
import { crfItem } from "@/lib/testing/crf-items";

const item = (name: string, extra: Partial<ItemDef> = {}): ItemDef => crfItem(name, { label: { zh: name, en: name }, ...extra });

describe("answers being edited, by path", () => {
  it("reads and writes a form item and a group row's item", () => {
    let v = withValue({}, "weight", "70");
    v = withValue(v, "lesions.2.diameter", "15");
    expect(v).toEqual({ weight: "70", lesions: [{}, { diameter: "15" }] });
    expect(valueAt(v, "lesions.2.diameter")).toBe("15");
    expect(valueAt(v, "lesions.1.diameter")).toBeUndefined();
    expect(parsePath("lesions.2.diameter")).toEqual({ item: "diameter", group: { name: "lesions", row: 2 } });
  });

  it("removes an answer set blank, and an empty checkbox", () => {
    const v = withValue(withValue({ weight: "70", symptoms: ["1"] }, "weight", ""), "symptoms", []);
    expect(v).toEqual({});
  });

  it("adds and removes rows; keys of later rows move up, the removed row's go", () => {
    let v = withRowAdded(withRowAdded({}, "lesions"), "lesions");
    v = withValue(withValue(v, "lesions.1.site", "liver"), "lesions.2.site", "lung");
    expect(withRowRemoved(v, "lesions", 1)).toEqual({ lesions: [{ site: "lung" }] });
    expect(pathsAfterRowRemoved({ "lesions.1.site": "UNK", "lesions.3.site": "ND", weight: "NA" }, "lesions", 2)).toEqual({ "lesions.1.site": "UNK", "lesions.2.site": "ND", weight: "NA" });
    expect(pathsAfterRowRemoved({ "lesions.2.site": "UNK" }, "lesions", 2)).toEqual({});
  });

  it("sees no change when only blanks or key order differ, and sees a changed value", () => {
    expect(sameAnswers({ values: { a: "1", b: "" }, missing: {} }, { missing: {}, values: { a: "1" } })).toBe(true);
    expect(sameAnswers({ values: { a: "1" } }, { values: { a: "2" } })).toBe(false);
    expect(sameAnswers({ values: { g: [{ x: "1" }] } }, { values: { g: [{ x: "1" }, {}] } })).toBe(false);
  });
});

describe("form layout", () => {
  it("places a section heading before its first item and a group once, where its first item stands", () => {
    const items = [item("a", { section: { zh: "一", en: "One" } }), item("site"), item("b"), item("diameter"), item("c", { section: { zh: "二", en: "Two" } })];
    const blocks = formBlocks({ name: "f", label: { zh: "f", en: "f" }, items, groups: [{ name: "lesions", label: { zh: "病灶", en: "Lesions" }, maxRows: 5, items: ["site", "diameter"] }] });
    expect(blocks.map((b) => (b.kind === "item" ? b.item.name : b.kind === "group" ? `group:${b.items.map((i) => i.name).join("+")}` : `section:${b.label.en}`))).toEqual([
      "section:One",
      "a",
      "group:site+diameter",
      "b",
      "section:Two",
      "c",
    ]);
  });
});

describe("values as readers see them", () => {
  const yesNo = { yes: "Yes", no: "No", true: "True", false: "False" };
  it("shows choice labels in the reader's language, numbers with their unit, ticked codes joined", async () => {
    const { valueText, rangeText } = await import("@/components/crf/value-text");
    const sex = item("sex", { type: "radio", choices: [{ code: "0", label: { zh: "女", en: "Female" } }, { code: "1", label: { zh: "男", en: "Male" } }] });
    expect(valueText(sex, "0", "en", yesNo)).toBe("Female");
    expect(valueText(sex, "1", "zh-CN", yesNo)).toBe("男");
    expect(valueText(item("w", { type: "decimal", unit: "kg" }), "61.5", "en", yesNo)).toBe("61.5 kg");
    expect(valueText(item("y", { type: "yesno" }), "0", "en", yesNo)).toBe("No");
    const sym = item("sym", { type: "checkbox", choices: [{ code: "1", label: { zh: "咳嗽", en: "Cough" } }, { code: "2", label: { zh: "发热", en: "Fever" } }] });
    expect(valueText(sym, ["1", "2"], "zh-CN", yesNo)).toBe("咳嗽、发热");
    expect(valueText(sym, [], "en", yesNo)).toBe("");
    expect(rangeText("115", "175")).toBe("115–175");
    expect(rangeText(null, "5")).toBe("≤ 5");
    expect(rangeText(null, null)).toBe("");
  });
});
