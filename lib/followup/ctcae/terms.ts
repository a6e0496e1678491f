import "server-only";
import list from "@/lib/followup/ctcae/ctcae-v5.json";

/**
 * NCI's Common Terminology Criteria for Adverse Events v5.0: 837 terms, each with its MedDRA
 * (v20.1) lowest-level-term code, system organ class, definition and the definition of each grade
 * — null where the grade does not exist for the term (grade 5 "death" is not defined for, e.g.,
 * "Neutrophil count decreased"). Converted from NCI's spreadsheet by scripts/ctcae-to-json.mjs.
 * Server-only: 380 kB that the browser fetches a handful at a time (/api/ctcae).
 */
export type CtcaeTerm = { code: number; soc: string; term: string; grades: (string | null)[]; definition: string | null };

export const CTCAE_SOURCE: string = list.source;
const TERMS: readonly CtcaeTerm[] = list.terms as CtcaeTerm[];
const BY_CODE = new Map(TERMS.map((t) => [t.code, t]));

export function ctcaeTerm(code: number): CtcaeTerm | null {
  return BY_CODE.get(code) ?? null;
}

/** Whether the term defines this grade (1–5). */
export function ctcaeGradeDefined(term: CtcaeTerm, grade: number): boolean {
  return Number.isInteger(grade) && grade >= 1 && grade <= 5 && term.grades[grade - 1] !== null;
}

const fold = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const FOLDED = TERMS.map((t) => ({ t, term: fold(t.term), soc: fold(t.soc) }));

/**
 * Terms matching what was typed: every word must occur in the term (or its organ class); terms
 * that start with the text come first, then those with a word starting with it, then the rest,
 * alphabetically within each. A MedDRA code typed in full finds its term.
 */
export function searchCtcae(text: string, limit = 20): CtcaeTerm[] {
  const q = fold(text.trim()).replace(/\s+/g, " ");
  if (q === "") return [];
  if (/^\d{8}$/.test(q)) {
    const t = ctcaeTerm(Number(q));
    return t ? [t] : [];
  }
  const words = q.split(" ");
  const rank = (term: string) => (term.startsWith(q) ? 0 : term.split(/[\s,/-]+/).some((w) => w.startsWith(words[0])) ? 1 : 2);
  return FOLDED.filter((f) => words.every((w) => f.term.includes(w) || f.soc.includes(w)))
    .map((f) => ({ f, r: f.term.includes(words[0]) ? rank(f.term) : 3 }))
    .sort((a, b) => a.r - b.r || a.f.t.term.localeCompare(b.f.t.term))
    .slice(0, limit)
    .map((x) => x.f.t);
}
