import type { BiomarkerKind } from "@/db/enums";

/**
 * Actionable alterations -> targeted therapies, with the evidence level. Curated for this
 * repository from public references: OncoKB therapeutic levels (https://www.oncokb.org, levels
 * 1–4, R1), the NCCN Clinical Practice Guidelines (NSCLC, colorectal, gastric, breast, thyroid,
 * ovarian, prostate) and the CSCO guidelines (Chinese Society of Clinical Oncology: NSCLC,
 * colorectal, gastric). The level is the OncoKB one for the tumour type named; a therapy is
 * shown as guidance for the treating team, never as a prescription.
 */
export type EvidenceLevel = "1" | "2" | "3A" | "3B" | "4" | "R1";

export type Actionable = {
  gene: string;
  /** Which alterations of the gene: listed protein changes, a class, or a fusion partner-agnostic match. */
  match: { proteins: readonly string[] } | { kinds: readonly ("fusion" | "amplification" | "exon19del" | "exon20ins" | "truncating")[] };
  tumourEn: string;
  tumourZh: string;
  therapies: readonly string[];
  level: EvidenceLevel;
  sources: readonly ("OncoKB" | "NCCN" | "CSCO")[];
};

export const ACTIONABLE: readonly Actionable[] = [
  { gene: "EGFR", match: { proteins: ["p.Leu858Arg"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["osimertinib", "gefitinib", "erlotinib", "afatinib", "aumolertinib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "EGFR", match: { kinds: ["exon19del"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["osimertinib", "gefitinib", "erlotinib", "afatinib", "aumolertinib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "EGFR", match: { proteins: ["p.Thr790Met"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["osimertinib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "EGFR", match: { proteins: ["p.Gly719Ala", "p.Gly719Cys", "p.Gly719Ser", "p.Leu861Gln", "p.Ser768Ile"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["afatinib", "osimertinib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "EGFR", match: { kinds: ["exon20ins"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["amivantamab", "sunvozertinib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "EGFR", match: { proteins: ["p.Cys797Ser"] }, tumourEn: "Non-small cell lung cancer (osimertinib resistance)", tumourZh: "非小细胞肺癌（奥希替尼耐药）", therapies: ["osimertinib"], level: "R1", sources: ["OncoKB"] },
  { gene: "ALK", match: { kinds: ["fusion"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["alectinib", "lorlatinib", "brigatinib", "ensartinib", "crizotinib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "ROS1", match: { kinds: ["fusion"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["crizotinib", "entrectinib", "repotrectinib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "RET", match: { kinds: ["fusion"] }, tumourEn: "Non-small cell lung cancer, thyroid cancer", tumourZh: "非小细胞肺癌、甲状腺癌", therapies: ["selpercatinib", "pralsetinib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "RET", match: { proteins: ["p.Met918Thr", "p.Cys634Arg", "p.Cys634Trp", "p.Cys634Tyr"] }, tumourEn: "Medullary thyroid cancer", tumourZh: "甲状腺髓样癌", therapies: ["selpercatinib", "pralsetinib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "NTRK1", match: { kinds: ["fusion"] }, tumourEn: "All solid tumours", tumourZh: "所有实体瘤", therapies: ["larotrectinib", "entrectinib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "NTRK2", match: { kinds: ["fusion"] }, tumourEn: "All solid tumours", tumourZh: "所有实体瘤", therapies: ["larotrectinib", "entrectinib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "NTRK3", match: { kinds: ["fusion"] }, tumourEn: "All solid tumours", tumourZh: "所有实体瘤", therapies: ["larotrectinib", "entrectinib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "BRAF", match: { proteins: ["p.Val600Glu"] }, tumourEn: "NSCLC, melanoma, anaplastic thyroid cancer, colorectal cancer", tumourZh: "非小细胞肺癌、黑色素瘤、甲状腺未分化癌、结直肠癌", therapies: ["dabrafenib + trametinib", "encorafenib + cetuximab (colorectal)"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "KRAS", match: { proteins: ["p.Gly12Cys"] }, tumourEn: "Non-small cell lung cancer, colorectal cancer", tumourZh: "非小细胞肺癌、结直肠癌", therapies: ["sotorasib", "adagrasib", "garsorasib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "KRAS", match: { proteins: ["p.Gly12Asp", "p.Gly12Val", "p.Gly13Asp", "p.Gln61His"] }, tumourEn: "Colorectal cancer (anti-EGFR antibodies)", tumourZh: "结直肠癌（抗EGFR抗体）", therapies: ["cetuximab", "panitumumab"], level: "R1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "NRAS", match: { proteins: ["p.Gly12Asp", "p.Gly13Arg", "p.Gln61Arg", "p.Gln61Lys"] }, tumourEn: "Colorectal cancer (anti-EGFR antibodies)", tumourZh: "结直肠癌（抗EGFR抗体）", therapies: ["cetuximab", "panitumumab"], level: "R1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "ERBB2", match: { kinds: ["amplification"] }, tumourEn: "Breast cancer, gastric cancer", tumourZh: "乳腺癌、胃癌", therapies: ["trastuzumab", "pertuzumab", "trastuzumab deruxtecan", "disitamab vedotin"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "ERBB2", match: { kinds: ["exon20ins"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["trastuzumab deruxtecan", "zongertinib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "MET", match: { proteins: ["p.Asp1028Asn"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["capmatinib", "tepotinib", "savolitinib"], level: "3A", sources: ["OncoKB"] },
  { gene: "MET", match: { kinds: ["amplification"] }, tumourEn: "Non-small cell lung cancer", tumourZh: "非小细胞肺癌", therapies: ["capmatinib", "crizotinib"], level: "2", sources: ["OncoKB", "NCCN"] },
  { gene: "PIK3CA", match: { proteins: ["p.Glu542Lys", "p.Glu545Lys", "p.His1047Arg", "p.His1047Leu", "p.Cys420Arg", "p.Gln546Arg"] }, tumourEn: "HR+/HER2- breast cancer", tumourZh: "激素受体阳性/HER2阴性乳腺癌", therapies: ["alpelisib + fulvestrant", "inavolisib", "capivasertib + fulvestrant"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "ESR1", match: { proteins: ["p.Asp538Gly", "p.Tyr537Ser", "p.Tyr537Asn", "p.Leu536His"] }, tumourEn: "ER+ breast cancer", tumourZh: "雌激素受体阳性乳腺癌", therapies: ["elacestrant"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "BRCA1", match: { kinds: ["truncating"] }, tumourEn: "Ovarian, breast, prostate, pancreatic cancer", tumourZh: "卵巢癌、乳腺癌、前列腺癌、胰腺癌", therapies: ["olaparib", "niraparib", "fluzoparib", "talazoparib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "BRCA2", match: { kinds: ["truncating"] }, tumourEn: "Ovarian, breast, prostate, pancreatic cancer", tumourZh: "卵巢癌、乳腺癌、前列腺癌、胰腺癌", therapies: ["olaparib", "niraparib", "fluzoparib", "talazoparib"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { gene: "FGFR2", match: { kinds: ["fusion"] }, tumourEn: "Cholangiocarcinoma", tumourZh: "胆管癌", therapies: ["pemigatinib", "futibatinib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "FGFR3", match: { proteins: ["p.Ser249Cys", "p.Arg248Cys", "p.Tyr373Cys", "p.Gly370Cys"] }, tumourEn: "Urothelial carcinoma", tumourZh: "尿路上皮癌", therapies: ["erdafitinib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "IDH1", match: { proteins: ["p.Arg132Cys", "p.Arg132His", "p.Arg132Gly", "p.Arg132Leu", "p.Arg132Ser"] }, tumourEn: "Cholangiocarcinoma", tumourZh: "胆管癌", therapies: ["ivosidenib"], level: "1", sources: ["OncoKB", "NCCN"] },
  { gene: "PDGFRA", match: { proteins: ["p.Asp842Val"] }, tumourEn: "Gastrointestinal stromal tumour", tumourZh: "胃肠间质瘤", therapies: ["avapritinib"], level: "1", sources: ["OncoKB", "NCCN"] },
];

/** Biomarker thresholds with their therapies (same sources). */
export type ActionableBiomarker = { kind: BiomarkerKind; test: (v: { value: number | null; category: string | null }) => boolean; labelEn: string; labelZh: string; therapies: readonly string[]; level: EvidenceLevel; sources: readonly ("OncoKB" | "NCCN" | "CSCO")[] };

export const ACTIONABLE_BIOMARKERS: readonly ActionableBiomarker[] = [
  { kind: "msi", test: (v) => v.category === "msi_h", labelEn: "MSI-H / dMMR, solid tumours", labelZh: "MSI-H / dMMR 实体瘤", therapies: ["pembrolizumab", "nivolumab + ipilimumab", "envafolimab"], level: "1", sources: ["OncoKB", "NCCN", "CSCO"] },
  { kind: "tmb", test: (v) => v.value !== null && v.value >= 10, labelEn: "TMB-H (≥ 10 mut/Mb), solid tumours", labelZh: "TMB-H（≥ 10 mut/Mb）实体瘤", therapies: ["pembrolizumab"], level: "1", sources: ["OncoKB", "NCCN"] },
  { kind: "pdl1_tps", test: (v) => v.value !== null && v.value >= 50, labelEn: "PD-L1 TPS ≥ 50%, NSCLC without driver alterations", labelZh: "PD-L1 TPS ≥ 50%，无驱动基因非小细胞肺癌", therapies: ["pembrolizumab", "atezolizumab", "tislelizumab"], level: "1", sources: ["NCCN", "CSCO"] },
  { kind: "pdl1_cps", test: (v) => v.value !== null && v.value >= 5, labelEn: "PD-L1 CPS ≥ 5, HER2-negative gastric cancer", labelZh: "PD-L1 CPS ≥ 5，HER2阴性胃癌", therapies: ["nivolumab + chemotherapy", "sintilimab + chemotherapy"], level: "1", sources: ["NCCN", "CSCO"] },
  { kind: "her2_ihc", test: (v) => v.category === "3+", labelEn: "HER2 IHC 3+, breast or gastric cancer", labelZh: "HER2 IHC 3+，乳腺癌或胃癌", therapies: ["trastuzumab", "trastuzumab deruxtecan"], level: "1", sources: ["NCCN", "CSCO"] },
  { kind: "her2_ihc", test: (v) => v.category === "1+" || v.category === "2+", labelEn: "HER2-low (IHC 1+ / 2+), breast cancer", labelZh: "HER2低表达（IHC 1+ / 2+）乳腺癌", therapies: ["trastuzumab deruxtecan"], level: "1", sources: ["NCCN", "CSCO"] },
];

type VariantFacts = { gene: string; partnerGene: string | null; hgvsP: string | null; hgvsC: string | null; variantType: string };

/** EGFR exon 19 deletions: in-frame deletions within codons 729–761 (e.g. p.Glu746_Ala750del). */
function inExon19Deletion(v: VariantFacts): boolean {
  const m = /^p\.[A-Z][a-z]{2}(\d+)_[A-Z][a-z]{2}(\d+)(del|delins)/.exec(v.hgvsP ?? "");
  return !!m && Number(m[1]) >= 729 && Number(m[2]) <= 761;
}
/** EGFR/ERBB2 exon 20 insertions: insertions or duplications in codons 762–823 (EGFR) / 770–831 (ERBB2). */
function inExon20Insertion(v: VariantFacts): boolean {
  const m = /^p\.[A-Z][a-z]{2}(\d+)(_[A-Z][a-z]{2}(\d+))?(ins|dup)/.exec(v.hgvsP ?? "");
  if (!m) return false;
  const [lo, hi] = v.gene === "ERBB2" ? [770, 831] : [762, 823];
  return Number(m[1]) >= lo && Number(m[3] ?? m[1]) <= hi;
}
const truncating = (v: VariantFacts) => /(Ter|fs)/.test(v.hgvsP ?? "") || /^c\.\d+[+-][12][ACGT]>/.test(v.hgvsC ?? "");

/** The curated entries a variant matches (a fusion matches under either of its genes). */
export function actionableFor(v: VariantFacts): Actionable[] {
  return ACTIONABLE.filter((a) => {
    if ("proteins" in a.match) return a.gene === v.gene && !!v.hgvsP && a.match.proteins.includes(v.hgvsP);
    return a.match.kinds.some((k) => {
      if (k === "fusion") return v.variantType === "fusion" && (a.gene === v.gene || a.gene === v.partnerGene);
      if (a.gene !== v.gene) return false;
      if (k === "amplification") return v.variantType === "amplification";
      if (k === "exon19del") return inExon19Deletion(v);
      if (k === "exon20ins") return inExon20Insertion(v);
      return truncating(v);
    });
  });
}

export function actionableBiomarkersFor(b: { kind: BiomarkerKind; value: number | null; category: string | null }): ActionableBiomarker[] {
  return ACTIONABLE_BIOMARKERS.filter((a) => a.kind === b.kind && a.test(b));
}
