import { describe, expect, it } from "vitest";
import { translate } from "@/lib/i18n/translate";
import { dictionaryToCsv, parseDictionaryCsv } from "@/lib/crf/dictionary/csv";
import { interpretDictionary } from "@/lib/crf/dictionary/interpret";
import { formsToRows } from "@/lib/crf/dictionary/to-rows";
import { DICTIONARY_KEYS, headerOf, type DictionaryRow } from "@/lib/crf/dictionary/columns";
import { SAMPLE_DICTIONARY, row } from "@/lib/testing/crf-dictionary";

const none = { items: {}, forms: [] };
const interpret = (rows: DictionaryRow[]) => interpretDictionary(rows, none);

describe("reading a REDCap data dictionary", () => {
  it("reads every field type the model covers, with bilingual labels, limits, units and missing codes", () => {
    const { rows, problems: csvProblems } = parseDictionaryCsv(SAMPLE_DICTIONARY);
    expect(csvProblems).toEqual([]);
    const { forms, problems } = interpret(rows);
    expect(problems).toEqual([]);
    expect(forms.map((f) => [f.name, f.items.length])).toEqual([
      ["demographics", 15],
      ["medical_history", 6],
    ]);
    const item = (name: string) => forms.flatMap((f) => f.items).find((i) => i.name === name)!;
    expect(item("sex")).toMatchObject({ type: "radio", required: true, choices: [{ code: "0", label: { zh: "女", en: "Female" } }, { code: "1", label: { zh: "男", en: "Male" } }] });
    expect(item("dob")).toMatchObject({ type: "date", validation: "date_dmy", softMin: "1900-01-01", softMax: "today", hardMin: null, identifier: true, label: { zh: "出生日期", en: "Date of birth" } });
    expect(item("weight")).toMatchObject({ type: "decimal", decimalPlaces: 1, unit: "kg", missingCodes: ["ND", "UNK"], annotation: null, section: { zh: "体征", en: "Vital signs" } });
    expect(item("height")).toMatchObject({ type: "integer", hardMin: "100", hardMax: "250", softMin: null, unit: "cm", annotation: "@FORCE-MINMAX" });
    expect(item("bmi")).toMatchObject({ type: "calc", calculation: "round([weight] * 10000 / ([height] ^ 2), 1)" });
    expect(item("given_birth")).toMatchObject({ type: "yesno", branchingLogic: '[sex] = "0"' });
    expect(item("pain")).toMatchObject({ type: "slider", sliderShowNumber: true, sliderLabels: [{ zh: "无", en: "None" }, { zh: "中", en: "Moderate" }, { zh: "最痛", en: "Worst" }] });
    expect(item("mh_diabetes")).toMatchObject({ matrixGroup: "mh_conditions", type: "radio" });
    expect(["email", "mobile", "notes", "consent_ok", "intro", "visit_time", "visit_dt", "smoking", "drugs"].map((n) => item(n).type)).toEqual([
      "text",
      "text",
      "longtext",
      "truefalse",
      "descriptive",
      "time",
      "datetime",
      "dropdown",
      "checkbox",
    ]);
    expect(item("mobile").validation).toBe("mobile_cn");
  });

  it("writes back what it read: rows → forms → rows is the identity, in order and content", () => {
    const { rows } = parseDictionaryCsv(SAMPLE_DICTIONARY);
    const again = formsToRows(interpret(rows).forms);
    expect(again).toEqual(rows);
    expect(parseDictionaryCsv(dictionaryToCsv(again)).rows).toEqual(rows);
  });

  it("refuses a header that is not REDCap's, naming the column", () => {
    const csv = SAMPLE_DICTIONARY.replace("Field Label", "Label");
    const { problems } = parseDictionaryCsv(csv);
    expect(problems).toEqual([expect.objectContaining({ row: 1, column: "Field Label", key: "crf.dictionary.problems.header" })]);
    expect(parseDictionaryCsv("").problems[0].key).toBe("crf.dictionary.problems.empty");
  });

  it("refuses file, signature and SQL fields per row with the reason, and unknown types", () => {
    const { problems } = interpret([
      row({ name: "record_id", form: "f", type: "text", label: "ID" }),
      row({ name: "scan", form: "f", type: "file", label: "Scan" }),
      row({ name: "sig", form: "f", type: "file", label: "Signature", validation: "signature" }),
      row({ name: "lookup", form: "f", type: "sql", label: "Lookup", choices: "select 1" }),
      row({ name: "odd", form: "f", type: "matrix", label: "?" }),
    ]);
    expect(problems.map((p) => [p.row, p.column, p.key])).toEqual([
      [3, "Field Type", "crf.dictionary.problems.refusedFile"],
      [4, "Field Type", "crf.dictionary.problems.refusedFile"],
      [5, "Field Type", "crf.dictionary.problems.refusedSql"],
      [6, "Field Type", "crf.dictionary.problems.unknownType"],
    ]);
  });

  it("reports every problem of every row by row and column", () => {
    const { problems } = interpret([
      row({ name: "Bad Name", form: "f", type: "text", label: "x" }),
      row({ name: "a", form: "f", type: "text", label: "A", validation: "postalcode_fr" }),
      row({ name: "a", form: "f", type: "radio", label: "again", choices: "1, Yes | 1, No" }),
      row({ name: "b", form: "f", type: "radio", label: "B", choices: "" }),
      row({ name: "c", form: "f", type: "text", validation: "integer", label: "C", min: "ten", max: "5.5" }),
      row({ name: "d", form: "f", type: "text", validation: "integer", label: "D", min: "9", max: "3", required: "maybe" }),
      row({ name: "e", form: "f", type: "yesno", label: "E", branching: "[nowhere] = 1" }),
      row({ name: "g", form: "f", type: "calc", label: "G", choices: "[c] +" }),
      row({ name: "h", form: "f", type: "text", label: "H", annotation: "@MISSING=ND,XX", alignment: "ZZ" }),
      row({ name: "i", form: "f", type: "text", label: "" }),
      row({ name: "j", form: "other", type: "text", label: "J" }),
      row({ name: "k", form: "f", type: "text", label: "K" }),
      row({ name: "date_bad", form: "other", type: "text", validation: "date_ymd", label: "D", min: "2024-02-30" }),
    ]);
    const at = (r: number) => problems.filter((p) => p.row === r).map((p) => [p.column, p.key.split(".").at(-1)]);
    expect(at(2)).toEqual([[headerOf("name"), "badName"]]);
    expect(at(3)).toEqual([[headerOf("validation"), "unknownValidation"]]);
    expect(at(4)).toEqual([
      [headerOf("name"), "duplicateName"],
      [headerOf("choices"), "duplicateChoice"],
    ]);
    expect(at(5)).toEqual([[headerOf("choices"), "choicesMissing"]]);
    expect(at(6)).toEqual([
      [headerOf("min"), "badLimit"],
      [headerOf("max"), "badLimit"],
    ]);
    expect(at(7)).toEqual([
      [headerOf("max"), "minAboveMax"],
      [headerOf("required"), "badFlag"],
    ]);
    expect(at(8)).toEqual([[headerOf("branching"), "unknownItem"]]);
    expect(at(9)).toEqual([[headerOf("choices"), "unexpectedEnd"]]);
    expect(at(10)).toEqual([
      [headerOf("annotation"), "unknownMissingCode"],
      [headerOf("alignment"), "badAlignment"],
    ]);
    expect(at(11)).toEqual([[headerOf("label"), "labelMissing"]]);
    expect(at(13)).toEqual([[headerOf("form"), "formNotContiguous"]]);
    expect(at(14)).toEqual([
      [headerOf("form"), "formNotContiguous"],
      [headerOf("min"), "badLimit"],
    ]);
  });

  it("keeps a matrix group's fields together with one type and one set of choices", () => {
    const radio = (name: string, choices = "1, Yes | 0, No", type = "radio") => row({ name, form: "f", type, label: name, choices, matrixGroup: "m" });
    const { problems } = interpret([
      radio("m1"),
      radio("m2", "1, Yes | 0, No | 9, Unknown"),
      row({ name: "between", form: "f", type: "text", label: "x" }),
      radio("m3"),
      row({ name: "t", form: "f", type: "text", label: "t", matrixGroup: "n" }),
    ]);
    expect(problems.map((p) => [p.row, p.key.split(".").at(-1)])).toEqual([
      [3, "matrixChoices"],
      [5, "matrixNotContiguous"],
      [6, "matrixType"],
    ]);
  });

  it("refuses names that the study already uses, and checks logic against the study's other items", () => {
    const existing = { items: { age: { type: "integer" as const } }, forms: ["baseline"] };
    const { problems } = interpretDictionary(
      [
        row({ name: "age", form: "baseline", type: "text", label: "Age" }),
        row({ name: "old", form: "f", type: "yesno", label: "Old", branching: "[age] > 65" }),
      ],
      existing,
    );
    expect(problems.map((p) => [p.row, p.key.split(".").at(-1)])).toEqual([
      [2, "nameInStudy"],
      [2, "formInStudy"],
    ]);
  });

  it("has a key for every column, and every problem it reports reads in both languages", () => {
    expect(DICTIONARY_KEYS).toHaveLength(18);
    const { problems } = interpret([
      row({ name: "Bad", form: "Bad Form", type: "file", label: "x" }),
      row({ name: "a", form: "f", type: "text", label: "", validation: "nope", min: "x", required: "q", alignment: "Q", annotation: "@MISSING=ZZ" }),
      row({ name: "b", form: "f", type: "radio", label: "B", choices: "1, | ?, x | 2, Two | 2, Again", matrixGroup: "m" }),
      row({ name: "c", form: "f", type: "yesno", label: "C", choices: "1, Yes", validation: "integer", matrixGroup: "m" }),
      row({ name: "d", form: "f", type: "slider", label: "D", choices: "a | b | c | d", validation: "yes" }),
      row({ name: "e", form: "f", type: "calc", label: "E" }),
      row({ name: "g", form: "f", type: "text", validation: "integer", label: "G", min: "5", max: "1", branching: "[zz] = 1" }),
      row({ name: "h", form: "f", type: "sql", label: "H" }),
      row({ name: "i", form: "f", type: "weird", label: "I", matrixGroup: "m" }),
      row({ name: "a", form: "f", type: "checkbox", label: "J", choices: "" }),
    ]);
    const keys = new Set(problems.map((p) => p.key));
    expect(keys.size).toBeGreaterThan(20);
    for (const p of problems) {
      for (const locale of ["zh-CN", "en"]) expect(translate(locale, p.key, p.params), `${locale} ${p.key}`).not.toBe(p.key);
    }
  });
});
