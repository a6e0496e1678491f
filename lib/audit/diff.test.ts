import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { auditFormatter, diffEntries, type ReadableEntry, type RootTranslator } from "@/lib/audit/diff";
import { messages } from "@/messages";

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

/** The screens' formatter, with the real message files (issue 12, item 12: no stored codes, no UTC strings). */
describe("auditFormatter", () => {
  const formatterFor = (locale: "zh-CN" | "en", entityType?: string, refs?: Parameters<typeof auditFormatter>[1]["refs"]) =>
    auditFormatter(createTranslator({ locale, messages: messages[locale] }) as unknown as RootTranslator, { locale, entityType, refs });
  const line = (e: ReadableEntry) => `${e.label}: ${e.before !== null && e.changed ? `${e.before} → ` : ""}${e.after ?? ""}`;
  const read = (locale: "zh-CN" | "en", before: unknown, after: unknown, entityType?: string) => formatterFor(locale, entityType).diff(before, after).map(line);

  it("names an AE's fields and values instead of codes, and gives the awareness time in Beijing time with its zone", () => {
    const after = { term: "Febrile neutropenia", category: "blood_lymphatic", outcome: "recovering", seriousCriteria: ["hospitalisation", "life_threatening"], awareAt: "2026-12-01T19:48:00.000Z", sdvCleared: true };
    expect(read("zh-CN", null, after, "adverse_event")).toEqual([
      "事件名称: Febrile neutropenia",
      "类别: 血液及淋巴系统",
      "转归: 恢复中",
      "严重性标准: 住院或延长住院；危及生命",
      "研究中心获知时间: 2026-12-02 03:48 (UTC+8)",
      "原始数据核查标记已清除: 是",
    ]);
    expect(read("en", null, after, "adverse_event")).toEqual([
      "Term: Febrile neutropenia",
      "Category: Blood and lymphatic",
      "Outcome: Recovering",
      "Seriousness criteria: Hospitalisation or prolonged; Life-threatening",
      "Date and time the site became aware: 2026-12-02 03:48 (UTC+8)",
      "SDV mark cleared: Yes",
    ]);
  });

  it("reads a status by the record it belongs to", () => {
    expect(read("zh-CN", { status: "draft" }, { status: "recruiting" }, "study")).toEqual(["状态: 草稿 → 招募中"]);
    expect(read("en", { status: "draft" }, { status: "recruiting" }, "study")).toEqual(["Status: Draft → Recruiting"]);
    expect(read("en", { status: "active" }, { status: "suspended" }, "study_site")).toEqual(["Status: Active → Suspended"]);
    expect(read("en", { status: "open" }, { status: "answered" }, "query")).toEqual(["Status: Open → Answered"]);
  });

  it("shows protocol rows by code and name in the reader's language, not as JSON", () => {
    const arms = [
      { ordinal: 1, code: "A", nameZh: "靶向治疗", nameEn: "Targeted therapy", ratio: 2 },
      { ordinal: 2, code: "B", nameZh: "化疗", nameEn: "Chemotherapy", ratio: 1 },
    ];
    expect(read("en", null, { version: 1, arms }, "study")).toEqual(["Version: 1", "Arms: A Targeted therapy (Ratio: 2); B Chemotherapy (Ratio: 1)"]);
    expect(read("zh-CN", null, { version: 1, arms }, "study")).toEqual(["版本: 1", "研究组别: A 靶向治疗 (分配比例: 2)；B 化疗 (分配比例: 1)"]);
  });

  it("names roles, levels, languages and a query's field; yes/no for booleans; ids as references", () => {
    expect(read("zh-CN", { role: "pi" }, { role: "monitor" })).toEqual(["角色: 主要研究者 → 监查员"]);
    expect(read("en", { locale: "zh-CN" }, { locale: "en" })).toEqual(["Language: Chinese → English"]);
    expect(read("en", null, { entityType: "adverse_event", entityId: 12, field: "grade", question: "Check" }, "query")).toEqual([
      "Record type: Adverse event",
      "Record no.: #12",
      "Field: CTCAE grade",
      "Question: Check",
    ]);
    expect(read("zh-CN", { active: true }, { active: false }, "organisation")).toEqual(["启用: 是 → 否"]);
  });

  it("leaves out internal fields and ids that the payload also gives readably, and resolves centre ids it is given", () => {
    const f = formatterFor("en", "organisation", { centre: (id) => ({ 4: "R01", 2: "SC01" })[id] });
    expect(f.diff({ parentId: 2, parentCode: "SC01", path: "/1/2/4/" }, { parentId: 3, parentCode: "SC02", path: "/1/3/4/" }).map(line)).toEqual(["Parent centre: SC01 → SC02"]);
    expect(f.diff(null, { centreId: 4, target: 20 }).map(line)).toEqual(["Centre: R01", "Target: 20"]);
    expect(formatterFor("en").diff(null, { centreId: 99 }).map(line)).toEqual(["Centre: #99"]);
  });

  it("formats days as they are stored and empty values as a dash", () => {
    expect(read("en", { endedOn: null }, { endedOn: "2026-12-01" }, "adverse_event")).toEqual(["End date: — → 2026-12-01"]);
    expect(formatterFor("zh-CN").value("seriousCriteria", [])).toBe("—");
  });

  it("names record types", () => {
    expect(formatterFor("zh-CN").entity("adverse_event")).toBe("不良事件");
    expect(formatterFor("en").entity("study_site")).toBe("Study site");
  });
});
