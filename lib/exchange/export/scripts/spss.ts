import type { Column } from "@/lib/exchange/export/columns";
import { labelIn, oneLine, packageNames, type ScriptInput } from "@/lib/exchange/export/scripts/common";

/** An SPSS string in single quotes (a quote doubled). */
export function spssString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** SPSS names: 64 bytes (portal names are ASCII); its reserved keywords cannot be variable names. */
export const SPSS_MAX_NAME = 64;
const SPSS_RESERVED = new Set(["all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"]);

function spssFormat(c: Column): string {
  switch (c.kind) {
    case "integer":
      return "F10.0";
    case "number":
      return "F16.4";
    case "date":
      return "SDATE10";
    case "datetime":
      return c.seconds ? "YMDHMS19" : "YMDHMS16";
    case "time":
      return "TIME8";
    case "choice":
      return "A100";
    case "checked":
      return "A1";
    case "missing":
      return "A3";
    default:
      return c.name === "subject" ? "A64" : "A4000";
  }
}

/**
 * The SPSS syntax that reads every file of the export into a dataset named after it (as
 * REDCap's: GET DATA /TYPE=TXT with UTF-8, VARIABLE LABELS, VALUE LABELS, dates as SDATE10).
 */
export function spssScript(input: ScriptInput): string {
  const out: string[] = [
    "* Encoding: UTF-8.",
    `* ${input.studyCode}: analysis export, read into SPSS with labels.`,
    "* Run it with the folder the zip was unpacked into as the working directory (CD command).",
    "SET UNICODE=ON.",
    "",
  ];
  for (const f of input.files) {
    const names = packageNames(f.columns.map((c) => c.name), SPSS_MAX_NAME, SPSS_RESERVED);
    const dataset = packageNames([f.dataset], SPSS_MAX_NAME, SPSS_RESERVED)[0];
    out.push(
      `* ${oneLine(labelIn(f.label, input.lang))}.`,
      "GET DATA /TYPE=TXT",
      `  /FILE=${spssString(f.path)}`,
      "  /ENCODING='UTF8'",
      "  /DELCASE=LINE",
      "  /DELIMITERS=\",\"",
      "  /QUALIFIER='\"'",
      "  /ARRANGEMENT=DELIMITED",
      "  /FIRSTCASE=2",
      "  /VARIABLES=",
    );
    f.columns.forEach((c, i) => out.push(`  ${names[i]} ${spssFormat(c)}`));
    out.push(".", `DATASET NAME ${dataset} WINDOW=FRONT.`, "VARIABLE LABELS");
    f.columns.forEach((c, i) => out.push(`  ${i ? "/" : ""}${names[i]} ${spssString(oneLine(labelIn(c.label, input.lang)))}`));
    out.push(".");
    const coded = f.columns.map((c, i) => ({ c, name: names[i] })).filter((x) => x.c.choices.length > 0);
    if (coded.length) {
      out.push("VALUE LABELS");
      coded.forEach(({ c, name }, k) => {
        out.push(`  ${k ? "/" : ""}${name}`);
        for (const ch of c.choices) out.push(`    ${spssString(ch.code)} ${spssString(oneLine(labelIn(ch.label, input.lang)))}`);
      });
      out.push(".");
    }
    out.push("EXECUTE.", "");
  }
  return out.join("\n");
}
