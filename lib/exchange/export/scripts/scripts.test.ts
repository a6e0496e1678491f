import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Column, ExportFile } from "@/lib/exchange/export/columns";
import { packageNames, type ScriptInput } from "@/lib/exchange/export/scripts/common";
import { rScript } from "@/lib/exchange/export/scripts/r";
import { SAS_MAX_NAME, sasScript } from "@/lib/exchange/export/scripts/sas";
import { SPSS_MAX_NAME, spssScript } from "@/lib/exchange/export/scripts/spss";
import { STATA_MAX_NAME, stataScript } from "@/lib/exchange/export/scripts/stata";

const HOSTILE = `It's "quoted" & 100% $HOME \`x' 体重（公斤）`;
const col = (name: string, kind: Column["kind"], o: Partial<Column> = {}): Column => ({ name, kind, label: { zh: `${name} 中文`, en: HOSTILE }, choices: [], seconds: false, item: name, code: null, ...o });
const LONG = "baseline_visit_with_a_long_name__systolic_blood_pressure__missing";
const files: ExportFile[] = [
  {
    path: "forms/vitals.csv",
    dataset: "vitals",
    label: { zh: "生命体征", en: "Vital 'signs'" },
    columns: [
      col("subject", "text", { item: null }),
      col("repeat", "integer", { item: null }),
      col("in", "number"),
      col("to", "text"),
      col("visit_date", "date"),
      col("seen_at", "datetime"),
      col("seen_at_s", "datetime", { seconds: true }),
      col("took_at", "time"),
      col("sex", "choice", { choices: [{ code: "1", label: { zh: "男", en: "Male" } }, { code: "2", label: { zh: "女", en: `Fe"male'` } }] }),
      col("site_code", "choice", { choices: [{ code: "lung", label: { zh: "肺", en: "Lung" } }, { code: "node", label: { zh: "淋巴结", en: "Node $1" } }] }),
      col("sym___1", "checked", { choices: [{ code: "1", label: { zh: "已勾选", en: "Checked" } }, { code: "0", label: { zh: "未勾选", en: "Unchecked" } }] }),
      col(LONG, "missing", { choices: [{ code: "ND", label: { zh: "未做", en: "Not done" } }] }),
      col(`${LONG}__r2`, "number"),
    ],
  },
];
const input = (lang: "zh" | "en"): ScriptInput => ({ studyCode: "ST-1", lang, files, timeZone: "Asia/Shanghai" });

/** Removes string literals (and comments) by a language's rules; throws on one left open. */
function strip(text: string, lang: "sas" | "spss" | "stata" | "r"): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (lang === "stata" && c === "`" && text[i + 1] === '"') {
      const end = text.indexOf("\"'", i + 2);
      if (end < 0) throw new Error(`open compound string at ${i}`);
      out += "S";
      i = end + 2;
    } else if ((lang === "sas" || lang === "spss") && (c === "'" || c === '"')) {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Error(`open string at ${i}`);
        if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      out += "S";
      i = j + 1;
    } else if (lang === "r" && c === '"') {
      let j = i + 1;
      while (text[j] !== '"') {
        if (j >= text.length) throw new Error(`open string at ${i}`);
        j += text[j] === "\\" ? 2 : 1;
      }
      out += "S";
      i = j + 1;
    } else if (lang === "stata" && c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new Error(`open string at ${i}`);
      out += "S";
      i = end + 1;
    } else if (lang === "sas" && c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw new Error("open comment");
      i = end + 2;
    } else if ((lang === "r" && c === "#") || ((lang === "stata" || lang === "spss") && c === "*" && (i === 0 || text[i - 1] === "\n"))) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function balanced(code: string) {
  let depth = 0;
  for (const c of code) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
}

const allNames = files[0].columns.map((c) => c.name);

describe("reading scripts: syntax", () => {
  it("names every variable within each package's limits, reserved words avoided, all unique", () => {
    for (const [max, reserved] of [[SAS_MAX_NAME, new Set<string>()], [SPSS_MAX_NAME, new Set(["to", "in"])], [STATA_MAX_NAME, new Set(["in"])]] as const) {
      const names = packageNames(allNames, max, reserved);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      for (const n of names) {
        expect(n.length).toBeLessThanOrEqual(max);
        expect(reserved.has(n)).toBe(false);
      }
    }
    expect(packageNames([LONG, `${LONG}__r2`], 32, new Set())).toEqual([`${LONG.slice(0, 30)}_1`, `${LONG.slice(0, 30)}_2`]);
  });

  it("SAS: strings closed, one statement per semicolon, every variable read, labelled and formatted; Chinese labels verbatim", () => {
    const text = sasScript(input("zh"));
    const code = strip(text, "sas");
    balanced(code);
    expect(code.match(/\bdata work\./g)).toHaveLength(1);
    expect(code.match(/\brun;/g)).toHaveLength(2);
    const names = packageNames(allNames, SAS_MAX_NAME, new Set());
    for (const n of names) {
      expect(text).toContain(`  informat ${n} `);
      expect(text).toContain(`  label ${n} = `);
      expect(text).toMatch(new RegExp(`\\n    ${n}( \\$)?\\n`));
    }
    expect(text).toContain("label sex = 'sex 中文';");
    expect(text).toContain("informat visit_date yymmdd10.;");
    expect(text).toContain("format visit_date yymmdd10.;");
    expect(text).toMatch(/encoding="utf-8"/);
    const en = sasScript(input("en"));
    expect(en).toContain(`'It''s "quoted" & 100% $HOME \`x'' 体重（公斤）'`);
    expect(en).toContain(`'2' = 'Fe"male'''`);
    expect(() => strip(en, "sas")).not.toThrow();
  });

  it("SPSS: strings closed, every command ends with a period, every variable in GET DATA and VARIABLE LABELS", () => {
    const text = spssScript(input("en"));
    const code = strip(text, "spss");
    balanced(code);
    // A command starts at column 0; the line before the next command (or the end) closes it with a period.
    const lines = code.split("\n").filter((l) => l.trim() !== "");
    lines.forEach((l, k) => {
      const next = lines[k + 1];
      // A period alone on the next line also ends the command (GET DATA's variable list).
      if (next === undefined || (!/^\s/.test(next) && next.trim() !== ".")) expect({ line: l, ends: l.trimEnd().endsWith(".") }).toEqual({ line: l, ends: true });
    });
    const names = packageNames(allNames, SPSS_MAX_NAME, new Set(["all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"]));
    expect(names).toContain("to_");
    for (const n of names) expect(text).toMatch(new RegExp(`\\n  /?${n} `));
    expect(text).toContain("visit_date SDATE10");
    expect(text).toContain("seen_at YMDHMS16");
    expect(text).toContain(`'2' 'Fe"male'''`);
    expect(text).toContain("/ENCODING='UTF8'");
  });

  it("Stata: compound strings closed, macros escaped, every variable renamed, labelled and ordered", () => {
    const text = stataScript(input("en"));
    const code = strip(text, "stata");
    balanced(code);
    expect(code).not.toMatch(/[`']/);
    const names = packageNames(allNames, STATA_MAX_NAME, new Set(["in"]));
    expect(names).toContain("in_");
    const renamed = [...text.matchAll(/rename \(([^)]*)\) \(([^)]*)\)/g)].flatMap((m) => m[2].split(" "));
    expect(renamed).toEqual(names);
    for (const n of names) expect(text).toContain(`label variable ${n} `);
    expect(text).toContain('generate double _ncrc_tmp = date(visit_date, "YMD")');
    expect(text).toContain("\\$HOME \\`x'");
    // Codes that are not whole numbers are numbered, the numbers labelled.
    expect(text).toContain(`quietly replace _ncrc_tmp = 2 if site_code == \`"node"'`);
    expect(text).toMatch(/label define L\d+ 1 `"Male"' 2 `"Fe"male'"'/);
  });

  it("R: parses (Rscript), every column converted or labelled by its quoted name", () => {
    const text = rScript(input("zh"));
    strip(text, "r");
    for (const n of allNames) expect(text).toContain(`attr(data_vitals[["${n}"]], "label")`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ncrc-r-parse-"));
    try {
      fs.writeFileSync(path.join(dir, "read_r.R"), text);
      const out = execFileSync("Rscript", ["--vanilla", "-e", 'e <- parse("read_r.R", encoding = "UTF-8"); cat(length(e))'], { cwd: dir, encoding: "utf8" });
      expect(Number(out)).toBeGreaterThan(allNames.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
