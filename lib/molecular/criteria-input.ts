import { VARIANT_TYPES, type BiomarkerCriterionKind, type GermlineClass, type Her2Rule, type SomaticTier, type VariantType } from "@/db/enums";
import { fieldError } from "@/lib/actions/errors";
import { blankCriterion, CRITERION_GERMLINE_CLASSES, CRITERION_TIERS, GENE_KINDS, VALUE_KINDS, VALUE_LIMITS, criterionCode, type BiomarkerCriterion } from "@/lib/molecular/criteria";
import { isHgncSymbol } from "@/lib/molecular/hgnc-symbols";
import { normaliseProteinChange } from "@/lib/molecular/hgvs";

/** One row of the criteria form, as validated by the command's schema ("" = not given). */
export type CriterionInputRow = {
  kind: BiomarkerCriterionKind;
  gene: string;
  partnerGene: string;
  variantTypes: string;
  hgvsP: string;
  maxTier: SomaticTier | "";
  minGermlineClass: GermlineClass | "";
  /** Percent, 0..100. */
  minVafPct: number | "";
  minValue: number | "";
  her2Rule: Her2Rule | "";
};

/** Variant types a gene criterion may name (fusions have their own kind). */
export const GENE_VARIANT_TYPES = VARIANT_TYPES.filter((t) => t !== "fusion");

const err = (row: number, key: string) => fieldError("_form", `molecular.criteria.errors.${key}`, { row });

function geneOf(value: string, row: number): string {
  const g = value.trim().toUpperCase();
  if (!isHgncSymbol(g)) throw err(row, "gene");
  return g;
}

function typesOf(value: string, row: number): VariantType[] | null {
  const parts = value.split(/[\s,;/]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 0) return null;
  const known = new Set<string>(GENE_VARIANT_TYPES);
  if (parts.some((p) => !known.has(p))) throw err(row, "variantTypes");
  return [...new Set(parts)].sort((a, b) => VARIANT_TYPES.indexOf(a as VariantType) - VARIANT_TYPES.indexOf(b as VariantType)) as VariantType[];
}

/**
 * A criterion from one form row (row = its 1-based number, for the message): the columns its kind
 * uses are checked and kept, the others dropped. Genes are HGNC symbols, a protein change is
 * stored normalised, a VAF threshold is entered in percent and stored as a fraction.
 */
export function criterionFromInput(r: CriterionInputRow, row: number): BiomarkerCriterion {
  const kind = r.kind;
  const usesGene = GENE_KINDS.includes(kind);
  const c: BiomarkerCriterion = { ...blankCriterion(criterionCode(row), kind), gene: usesGene ? geneOf(r.gene, row) : null };
  if (kind === "gene_variant" || kind === "specific_variant") c.minVaf = r.minVafPct === "" ? null : Math.round(r.minVafPct * 100) / 10_000;
  if (kind === "gene_variant") {
    c.variantTypes = typesOf(r.variantTypes, row);
    c.maxTier = r.maxTier === "" ? null : r.maxTier;
    c.minGermlineClass = r.minGermlineClass === "" ? null : r.minGermlineClass;
    if (c.maxTier !== null && !CRITERION_TIERS.includes(c.maxTier)) throw err(row, "significance");
    if (c.minGermlineClass !== null && !CRITERION_GERMLINE_CLASSES.includes(c.minGermlineClass)) throw err(row, "significance");
    if (c.maxTier === null && c.minGermlineClass === null) throw err(row, "significance");
  }
  if (kind === "specific_variant") {
    c.hgvsP = normaliseProteinChange(r.hgvsP);
    if (!c.hgvsP || !/\d/.test(c.hgvsP)) throw err(row, "hgvsP");
  }
  if (kind === "fusion" && r.partnerGene.trim() !== "") {
    c.partnerGene = geneOf(r.partnerGene, row);
    if (c.partnerGene === c.gene) throw err(row, "partnerGene");
  }
  if (VALUE_KINDS.includes(kind)) {
    const max = VALUE_LIMITS[kind as keyof typeof VALUE_LIMITS];
    if (r.minValue === "" || r.minValue < 0 || r.minValue > max) throw err(row, "minValue");
    c.minValue = r.minValue;
  }
  if (kind === "her2") {
    if (r.her2Rule === "") throw err(row, "her2Rule");
    c.her2Rule = r.her2Rule;
  }
  return c;
}

/** A criterion in one line, for the audit trail (codes as stored; the screens show labels). */
export function criterionSummary(c: BiomarkerCriterion): string {
  const parts: (string | null)[] = [c.code, c.kind, c.gene, c.partnerGene ? `::${c.partnerGene}` : null, c.hgvsP, c.variantTypes?.join("/") ?? null, c.maxTier, c.minGermlineClass];
  if (c.minVaf !== null) parts.push(`VAF>=${c.minVaf}`);
  if (c.minValue !== null) parts.push(`>=${c.minValue}`);
  parts.push(c.her2Rule);
  return parts.filter(Boolean).join(" ");
}
