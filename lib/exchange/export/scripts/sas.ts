import type { Column } from "@/lib/exchange/export/columns";
import { labelIn, oneLine, packageNames, type ScriptInput } from "@/lib/exchange/export/scripts/common";

/** A SAS string in single quotes (no macro resolution inside; a quote doubled). */
export function sasString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** SAS names: 32 characters; automatic variables are avoided by never starting with "_" (portal names never do). */
export const SAS_MAX_NAME = 32;
const SAS_RESERVED = new Set<string>();

function informat(c: Column): { informat: string; format: string | null; char: boolean } {
  switch (c.kind) {
    case "integer":
    case "number":
      return { informat: "best32.", format: null, char: false };
    case "date":
      return { informat: "yymmdd10.", format: "yymmdd10.", char: false };
    case "datetime":
      return { informat: "anydtdtm40.", format: c.seconds ? "datetime19." : "datetime16.", char: false };
    case "time":
      return { informat: "time8.", format: "time5.", char: false };
    case "choice":
      return { informat: "$100.", format: null, char: true };
    case "checked":
      return { informat: "$1.", format: null, char: true };
    case "missing":
      return { informat: "$3.", format: null, char: true };
    default:
      return { informat: c.name === "subject" ? "$64." : "$4000.", format: null, char: true };
  }
}

/**
 * The SAS program that reads every file of the export into a data set `work.<file>` (as REDCap's:
 * a data step with infile dsd firstobs=2 and the file's encoding, proc format for value labels,
 * label statements, dates read with yymmdd10.).
 */
export function sasScript(input: ScriptInput): string {
  const out: string[] = [
    `/* ${input.studyCode}: analysis export, read into SAS with labels. */`,
    `/* Set ncrc_dir to the folder the zip was unpacked into; run in a UTF-8 session for Chinese labels. */`,
    `%let ncrc_dir = .;`,
    "",
    "proc format;",
  ];
  const formats = new Map<string, string>();
  for (const f of input.files) {
    for (const c of f.columns) {
      if (!c.choices.length) continue;
      const key = JSON.stringify(c.choices.map((k) => [k.code, labelIn(k.label, input.lang)]));
      if (formats.has(key)) continue;
      const name = `$F${formats.size + 1}_`;
      formats.set(key, name);
      out.push(`  value ${name}`);
      for (const k of c.choices) out.push(`    ${sasString(k.code)} = ${sasString(oneLine(labelIn(k.label, input.lang)))}`);
      out.push("  ;");
    }
  }
  out.push("run;", "");
  for (const f of input.files) {
    const names = packageNames(f.columns.map((c) => c.name), SAS_MAX_NAME, SAS_RESERVED);
    const specs = f.columns.map(informat);
    const dataset = packageNames([f.dataset], SAS_MAX_NAME, SAS_RESERVED)[0];
    out.push(
      `data work.${dataset} (label=${sasString(oneLine(labelIn(f.label, input.lang)))});`,
      `  infile "&ncrc_dir/${f.path}" delimiter=',' dsd missover firstobs=2 lrecl=1000000 termstr=crlf encoding="utf-8";`,
    );
    f.columns.forEach((c, i) => out.push(`  informat ${names[i]} ${specs[i].informat};`));
    f.columns.forEach((c, i) => {
      const fmt = specs[i].format ?? (c.choices.length ? `${formats.get(JSON.stringify(c.choices.map((k) => [k.code, labelIn(k.label, input.lang)])))}.` : null);
      if (fmt) out.push(`  format ${names[i]} ${fmt};`);
    });
    out.push("  input");
    f.columns.forEach((c, i) => out.push(`    ${names[i]}${specs[i].char ? " $" : ""}`));
    out.push("  ;");
    f.columns.forEach((c, i) => out.push(`  label ${names[i]} = ${sasString(oneLine(labelIn(c.label, input.lang)))};`));
    out.push("run;", "");
  }
  return out.join("\n");
}
