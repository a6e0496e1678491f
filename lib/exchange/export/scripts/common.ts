import type { Bilingual } from "@/lib/crf/design";
import type { ExportFile } from "@/lib/exchange/export/columns";
import type { ExportLabelLanguage } from "@/lib/exchange/export/options";

/** What every reading script is written from: the files of the export, their columns and labels. */
export type ScriptInput = { studyCode: string; lang: ExportLabelLanguage; files: readonly ExportFile[]; timeZone: string };

export const labelIn = (b: Bilingual, lang: ExportLabelLanguage): string => (lang === "zh" ? b.zh : b.en);

/** A label on one line: line breaks and tabs become spaces, control characters go. */
export function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "");
}

/**
 * Names a statistics package accepts for the columns, in order: a reserved word gets a trailing
 * "_", a name longer than `max` is cut and numbered; every name unique. The CSV keeps the
 * portal's names; the package's variable label names the column.
 */
export function packageNames(names: readonly string[], max: number, reserved: ReadonlySet<string>): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let n = reserved.has(name.toLowerCase()) ? `${name}_` : name;
    if (n.length > max || used.has(n.toLowerCase())) {
      for (let k = 1; ; k++) {
        const suffix = `_${k}`;
        const candidate = `${n.slice(0, max - suffix.length)}${suffix}`;
        if (!used.has(candidate.toLowerCase())) {
          n = candidate;
          break;
        }
      }
    }
    used.add(n.toLowerCase());
    return n;
  });
}

/** Choice codes that are whole numbers (Stata's value labels, SAS's numeric formats need them). */
export const integerCodes = (codes: readonly string[]): boolean => codes.length > 0 && codes.every((c) => /^-?\d{1,9}$/.test(c));
