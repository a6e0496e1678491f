import type { Column } from "@/lib/exchange/export/columns";
import { integerCodes, labelIn, oneLine, packageNames, type ScriptInput } from "@/lib/exchange/export/scripts/common";

/** A Stata string in compound double quotes; "$" and "`" escaped so that no macro expands. */
export function stataString(s: string): string {
  return `\`"${s.replace(/\$/g, "\\$").replace(/`/g, "\\`")}"'`;
}

/** Stata names: 32 characters, none of its reserved words. */
export const STATA_MAX_NAME = 32;
const STATA_RESERVED = new Set([
  "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_pi", "_pred", "_rc", "_se", "_skip", "str", "strl", "using", "with",
  "e", "_n", "_N",
]);

const TMP = "_ncrc_tmp";

/** Replaces a string variable by a numeric one made by `expr` (a function of the string), keeping its name. */
function converted(name: string, expr: string, format: string | null): string[] {
  return [`quietly generate double ${TMP} = ${expr}`, `quietly drop ${name}`, `rename ${TMP} ${name}`, ...(format ? [`format ${name} ${format}`] : [])];
}

function convert(c: Column, name: string, labelName: string | null, lang: ScriptInput["lang"]): string[] {
  switch (c.kind) {
    case "integer":
    case "number":
      return [`quietly destring ${name}, replace`];
    case "date":
      return converted(name, `date(${name}, "YMD")`, "%tdCCYY-NN-DD");
    case "datetime":
      return converted(name, `clock(${name}, "${c.seconds ? "YMDhms" : "YMDhm"}")`, c.seconds ? "%tcCCYY-NN-DD_HH:MM:SS" : "%tcCCYY-NN-DD_HH:MM");
    case "choice":
    case "checked":
    case "missing": {
      const codes = c.choices.map((k) => k.code);
      const define = [`label define ${labelName} ${c.choices.map((k, i) => `${integerCodes(codes) ? k.code : i + 1} ${stataString(oneLine(labelIn(k.label, lang)))}`).join(" ")}, replace`];
      if (integerCodes(codes)) return [...define, `quietly destring ${name}, replace`, `label values ${name} ${labelName}`];
      // Codes that are not whole numbers: numbered 1, 2, … in the order of the choices.
      return [
        ...define,
        `quietly generate long ${TMP} = .`,
        ...codes.map((code, i) => `quietly replace ${TMP} = ${i + 1} if ${name} == ${stataString(code)}`),
        `quietly drop ${name}`,
        `rename ${TMP} ${name}`,
        `label values ${name} ${labelName}`,
      ];
    }
    default:
      return [];
  }
}

/**
 * The Stata do-file that reads every file of the export and saves it as `<file>.dta` (as
 * REDCap's: import delimited with UTF-8, label define / label values, label variable, dates
 * with date(…, "YMD")). Columns are read by position and renamed, so every CSV column arrives
 * whatever its length; the variable label keeps the full name's meaning.
 */
export function stataScript(input: ScriptInput): string {
  const out: string[] = [
    `* ${input.studyCode}: analysis export, read into Stata (14 or later) with labels.`,
    "* Run it with the folder the zip was unpacked into as the working directory (cd).",
    "version 14",
    "set more off",
    "",
  ];
  let labels = 0;
  for (const f of input.files) {
    const names = packageNames(f.columns.map((c) => c.name), STATA_MAX_NAME, STATA_RESERVED);
    out.push(
      `* ${oneLine(labelIn(f.label, input.lang))}`,
      `import delimited using ${stataString(f.path)}, varnames(nonames) rowrange(2) delimiters(",") bindquotes(strict) stripquotes(yes) encoding("utf-8") stringcols(_all) clear`,
    );
    // Rename v1 … vN by position, a few at a time (short lines read well and stay under every limit).
    for (let i = 0; i < names.length; i += 20) {
      const part = names.slice(i, i + 20);
      out.push(`rename (${part.map((_, k) => `v${i + k + 1}`).join(" ")}) (${part.join(" ")})`);
    }
    f.columns.forEach((c, i) => {
      const labelName = c.choices.length ? `L${++labels}` : null;
      out.push(...convert(c, names[i], labelName, input.lang));
      out.push(`label variable ${names[i]} ${stataString(oneLine(labelIn(c.label, input.lang)).slice(0, 80))}`);
    });
    const rows = Array.from({ length: Math.ceil(names.length / 20) }, (_, k) => names.slice(k * 20, k * 20 + 20).join(" "));
    out.push(`order ${rows.join(" ///\n  ")}`);
    out.push(`label data ${stataString(oneLine(labelIn(f.label, input.lang)).slice(0, 80))}`, `save ${stataString(`${f.dataset}.dta`)}, replace`, "");
  }
  return out.join("\n");
}
