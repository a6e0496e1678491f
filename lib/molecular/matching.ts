import { GERMLINE_CLASSES, SOMATIC_TIERS, type BiomarkerCriterionKind, type BiomarkerKind, type GermlineClass, type SomaticTier, type VariantOrigin, type VariantType } from "@/db/enums";
import type { BiomarkerCriterion } from "@/lib/molecular/criteria";

/** One variant of a patient's latest results (what the matcher reads of molecular_variants). */
export type ResultVariant = {
  gene: string;
  partnerGene: string | null;
  hgvsP: string | null;
  hgvsC: string | null;
  variantType: VariantType;
  vaf: number | null;
  origin: VariantOrigin;
  somaticTier: SomaticTier | null;
  germlineClass: GermlineClass | null;
};

/** One biomarker value of a patient's latest results. */
export type ResultBiomarker = { kind: BiomarkerKind; value: number | null; category: string | null };

export type PatientResults = { variants: readonly ResultVariant[]; biomarkers: readonly ResultBiomarker[] };

/** Why a criterion is met: the variant or value that meets it, and the threshold it was held to. */
export type Evidence = {
  code: string;
  kind: BiomarkerCriterionKind;
  gene?: string;
  partnerGene?: string | null;
  hgvsP?: string | null;
  hgvsC?: string | null;
  variantType?: VariantType;
  vaf?: number | null;
  origin?: VariantOrigin;
  somaticTier?: SomaticTier | null;
  germlineClass?: GermlineClass | null;
  value?: number | null;
  category?: string | null;
  threshold?: number | null;
};

const tierRank = (t: SomaticTier) => SOMATIC_TIERS.indexOf(t);
const classRank = (c: GermlineClass) => GERMLINE_CLASSES.indexOf(c);

/** The variant's classification is as strong as the criterion asks, for its origin. */
function significant(c: BiomarkerCriterion, v: ResultVariant): boolean {
  if (v.origin === "somatic") return c.maxTier !== null && v.somaticTier !== null && tierRank(v.somaticTier) <= tierRank(c.maxTier);
  return c.minGermlineClass !== null && v.germlineClass !== null && classRank(v.germlineClass) <= classRank(c.minGermlineClass);
}

/** A VAF threshold is met only by a stated VAF at or above it. */
const vafMet = (c: BiomarkerCriterion, v: ResultVariant) => c.minVaf === null || (v.vaf !== null && v.vaf >= c.minVaf);

function variantMeets(c: BiomarkerCriterion, v: ResultVariant): boolean {
  switch (c.kind) {
    case "gene_variant":
      if (v.gene !== c.gene || v.variantType === "fusion") return false;
      if (c.variantTypes !== null && !c.variantTypes.includes(v.variantType)) return false;
      return significant(c, v) && vafMet(c, v);
    case "specific_variant":
      // A named variant is evidence whatever its tier or class: the protocol names it.
      return v.gene === c.gene && v.hgvsP === c.hgvsP && vafMet(c, v);
    case "fusion": {
      if (v.variantType !== "fusion") return false;
      const partners = [v.gene, v.partnerGene];
      // A gene pair matches in either orientation; a single gene matches as either partner.
      if (c.partnerGene === null) return partners.includes(c.gene ?? "");
      return (v.gene === c.gene && v.partnerGene === c.partnerGene) || (v.gene === c.partnerGene && v.partnerGene === c.gene);
    }
    default:
      return false;
  }
}

const variantEvidence = (c: BiomarkerCriterion, v: ResultVariant): Evidence => ({
  code: c.code,
  kind: c.kind,
  gene: v.gene,
  partnerGene: v.partnerGene,
  hgvsP: v.hgvsP,
  hgvsC: v.hgvsC,
  variantType: v.variantType,
  vaf: v.vaf,
  origin: v.origin,
  somaticTier: v.somaticTier,
  germlineClass: v.germlineClass,
  threshold: c.minVaf,
});

const VALUE_BIOMARKER: Partial<Record<BiomarkerCriterionKind, BiomarkerKind>> = { tmb: "tmb", pdl1_tps: "pdl1_tps", pdl1_cps: "pdl1_cps" };

/** The evidence that a patient's latest results meet one criterion, or null when they do not. */
export function meetCriterion(c: BiomarkerCriterion, r: PatientResults): Evidence | null {
  const bm = (kind: BiomarkerKind) => r.biomarkers.find((b) => b.kind === kind);
  switch (c.kind) {
    case "gene_variant":
    case "specific_variant":
    case "fusion": {
      // The strongest evidence: the highest VAF among the variants that meet it (the first, on a tie).
      let best: ResultVariant | null = null;
      for (const v of r.variants) if (variantMeets(c, v) && (best === null || (v.vaf ?? -1) > (best.vaf ?? -1))) best = v;
      return best ? variantEvidence(c, best) : null;
    }
    case "tmb":
    case "pdl1_tps":
    case "pdl1_cps": {
      const b = bm(VALUE_BIOMARKER[c.kind] as BiomarkerKind);
      if (!b || b.value === null || c.minValue === null || b.value < c.minValue) return null;
      return { code: c.code, kind: c.kind, value: b.value, threshold: c.minValue };
    }
    case "msi_high": {
      const b = bm("msi");
      return b?.category === "msi_h" ? { code: c.code, kind: c.kind, category: b.category } : null;
    }
    case "her2": {
      const b = bm("her2_ihc");
      if (b?.category === "3+") return { code: c.code, kind: c.kind, category: "3+" };
      if (b?.category !== "2+" || c.her2Rule !== "ihc_3plus_or_2plus_ish") return null;
      // ISH positive: an ERBB2 amplification among the same latest results.
      const amp = r.variants.find((v) => v.gene === "ERBB2" && v.variantType === "amplification");
      return amp ? { code: c.code, kind: c.kind, category: "2+", gene: "ERBB2", variantType: "amplification", origin: amp.origin } : null;
    }
  }
}

/**
 * THE rule of a study's biomarker criteria: a patient matches when ANY criterion is met (the
 * criteria are alternatives — EGFR L858R or exon 19 deletion, HER2 3+ or 2+/ISH+). Returns the
 * evidence of every criterion met, in criterion order; empty = no match (and no criteria = no match).
 */
export function matchStudy(criteria: readonly BiomarkerCriterion[], r: PatientResults): Evidence[] {
  const out: Evidence[] = [];
  for (const c of criteria) {
    const e = meetCriterion(c, r);
    if (e) out.push(e);
  }
  return out;
}

/** The genes any of these criteria read (the SQL reads only variants in them). */
export function criteriaGenes(criteria: readonly BiomarkerCriterion[]): string[] {
  const genes = new Set<string>();
  for (const c of criteria) {
    if (c.gene) genes.add(c.gene);
    if (c.partnerGene) genes.add(c.partnerGene);
    if (c.kind === "her2") genes.add("ERBB2");
  }
  return [...genes].sort();
}

/** What a patient's results are looked up by: a gene of a variant (either fusion partner), or a biomarker kind. */
const criterionKey = (c: BiomarkerCriterion): string => {
  switch (c.kind) {
    case "gene_variant":
    case "specific_variant":
    case "fusion":
      return `g:${c.gene}`;
    case "tmb":
    case "pdl1_tps":
    case "pdl1_cps":
      return `b:${c.kind}`;
    case "msi_high":
      return "b:msi";
    case "her2":
      return "b:her2_ihc";
  }
};

/**
 * Many studies against many patients: which criteria of which study a result could meet, by the
 * gene or biomarker kind it needs (a criterion can be met only by a patient with a variant in its
 * gene, or a value of its biomarker). Same rule as matchStudy, without trying every criterion.
 */
export type CriteriaIndex = { studies: number; byKey: Map<string, { s: number; c: number; criterion: BiomarkerCriterion }[]> };

export function indexCriteria(studies: readonly (readonly BiomarkerCriterion[])[]): CriteriaIndex {
  const byKey: CriteriaIndex["byKey"] = new Map();
  studies.forEach((criteria, s) =>
    criteria.forEach((criterion, c) => {
      const k = criterionKey(criterion);
      const list = byKey.get(k);
      if (list) list.push({ s, c, criterion });
      else byKey.set(k, [{ s, c, criterion }]);
    }),
  );
  return { studies: studies.length, byKey };
}

/** The studies (by their index in indexCriteria's list) a patient's results match, each with matchStudy's evidence. */
export function matchIndexed(index: CriteriaIndex, r: PatientResults): { s: number; evidence: Evidence[] }[] {
  const keys = new Set<string>();
  for (const v of r.variants) {
    keys.add(`g:${v.gene}`);
    if (v.partnerGene) keys.add(`g:${v.partnerGene}`);
  }
  for (const b of r.biomarkers) keys.add(`b:${b.kind}`);
  const met = new Map<number, { c: number; e: Evidence }[]>();
  for (const k of keys) {
    for (const { s, c, criterion } of index.byKey.get(k) ?? []) {
      const e = meetCriterion(criterion, r);
      if (!e) continue;
      const list = met.get(s);
      if (list) list.push({ c, e });
      else met.set(s, [{ c, e }]);
    }
  }
  return [...met].map(([s, list]) => ({ s, evidence: list.sort((a, b) => a.c - b.c).map((x) => x.e) }));
}
