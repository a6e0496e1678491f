import type { VariantOrigin, VariantType } from "@/db/enums";
import { classify } from "@/lib/molecular/classification";
import { isHgncSymbol } from "@/lib/molecular/hgnc-symbols";
import { isCodingChange, normaliseProteinChange } from "@/lib/molecular/hgvs";
import type { VariantCall } from "@/lib/molecular/variant-call";

/** One variant read from a results file, checked and normalised, ready to store. */
export type ParsedVariant = { line: number } & VariantCall & { chrom: string | null; pos: number | null; ref: string | null; alt: string | null };

/** A refused line: its number in the file and a message key (molecular.problems.<code>) with a value. */
export type LineProblem = { line: number; code: ProblemCode; value?: string };

export type ProblemCode =
  | "notVcf"
  | "badHeader"
  | "noBuild"
  | "wrongBuild"
  | "malformedLine"
  | "missingColumn"
  | "missingField"
  | "unknownGene"
  | "badProtein"
  | "badCoding"
  | "badType"
  | "badClass"
  | "badVaf"
  | "badDepth"
  | "noVariants";

export type ParseResult = { variants: ParsedVariant[]; problems: LineProblem[] };

/** The build results must be on: the network's pipelines align to GRCh38. */
const GRCH38 = /\b(grch38|hg38|b38)\b/i;
const OTHER_BUILD = /\b(grch37|hg19|b37|hg18|ncbi36)\b/i;

/** GRCh38, another build (refused), or nothing said. */
export function buildOf(text: string): "grch38" | "other" | null {
  if (GRCH38.test(text)) return "grch38";
  if (OTHER_BUILD.test(text)) return "other";
  return null;
}

/** Gene or fusion ("EML4::ALK", SnpEff's "EML4&ALK"): the 3' gene and its 5' partner, each an HGNC symbol. */
export function genesOf(raw: string, line: number, problems: LineProblem[]): { gene: string; partnerGene: string | null } | null {
  const list = raw.trim().split(/::|&/).map((g) => g.trim());
  if (list.length > 2 || list.some((g) => g === "")) {
    problems.push({ line, code: "missingField", value: "gene" });
    return null;
  }
  const bad = list.filter((g) => !isHgncSymbol(g));
  if (bad.length) {
    problems.push({ line, code: "unknownGene", value: bad.join(", ") });
    return null;
  }
  return list.length === 2 ? { gene: list[1], partnerGene: list[0] } : { gene: list[0], partnerGene: null };
}

/** The HGVS fields of a line, normalised; a malformed one is a problem on that line. */
export function hgvsOf(c: string | null, p: string | null, line: number, problems: LineProblem[]): { hgvsC: string | null; hgvsP: string | null; ok: boolean } {
  let ok = true;
  const hgvsC = c?.trim() || null;
  if (hgvsC && !isCodingChange(hgvsC)) {
    problems.push({ line, code: "badCoding", value: hgvsC });
    ok = false;
  }
  const rawP = p?.trim() || null;
  const hgvsP = rawP ? normaliseProteinChange(rawP) : null;
  if (rawP && !hgvsP) {
    problems.push({ line, code: "badProtein", value: rawP });
    ok = false;
  }
  return { hgvsC, hgvsP, ok };
}

export function classificationOf(origin: VariantOrigin, raw: string | null | undefined, line: number, problems: LineProblem[]) {
  if (!raw?.trim()) {
    problems.push({ line, code: "missingField", value: "classification" });
    return null;
  }
  const c = classify(origin, raw);
  if (!c) problems.push({ line, code: "badClass", value: raw.trim() });
  return c;
}

/** Variant allele fraction: 0..1, or a percentage written with "%". */
export function vafOf(raw: string | number | null | undefined, line: number, problems: LineProblem[], required: boolean): number | null | undefined {
  if (raw === null || raw === undefined || raw === "" || raw === ".") {
    if (required) problems.push({ line, code: "missingField", value: "vaf" });
    return required ? undefined : null;
  }
  const s = String(raw).trim();
  const pct = s.endsWith("%");
  const n = Number(pct ? s.slice(0, -1) : s);
  const v = pct ? n / 100 : n;
  if (!/^\d+(\.\d+)?%?$/.test(s) || !Number.isFinite(v) || v < 0 || v > 1) {
    problems.push({ line, code: "badVaf", value: s });
    return undefined;
  }
  return Math.round(v * 10_000) / 10_000;
}

export function depthOf(raw: string | number | null | undefined, line: number, problems: LineProblem[], required: boolean): number | null | undefined {
  if (raw === null || raw === undefined || raw === "" || raw === ".") {
    if (required) problems.push({ line, code: "missingField", value: "depth" });
    return required ? undefined : null;
  }
  const s = String(raw).trim();
  if (!/^\d{1,9}$/.test(s) || Number(s) < 1) {
    problems.push({ line, code: "badDepth", value: s });
    return undefined;
  }
  return Number(s);
}

/** Types whose VAF and depth are stated per read (small variants); fusions and copy changes have none. */
export const SMALL_VARIANT: ReadonlySet<VariantType> = new Set(["snv", "mnv", "insertion", "deletion", "delins", "duplication"]);
