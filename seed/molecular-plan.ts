import type { BiomarkerKind, GermlineClass, MolecularTestKind, SomaticTier, VariantOrigin, VariantType } from "@/db/enums";
import type { VariantCall } from "@/lib/molecular/variant-call";
import { pick } from "@/lib/random/seeded";

/*
 * What the demo's molecular results look like, per tumour: alteration frequencies typical of
 * Chinese patients, from published cohorts —
 *  - lung adenocarcinoma: EGFR ~50 % (PIONEER, Shi et al. J Thorac Oncol 2014: 51 %; exon 19
 *    deletions and L858R about 45 % / 40 % of them), ALK ~5 %, ROS1 ~2 %, RET ~1.5 %, KRAS G12C ~4 %;
 *  - gastric cancer: HER2 positive ~12–15 % (ToGA/Chinese series), PD-L1 CPS ≥ 5 in about half
 *    (CheckMate 649 China subgroup), MSI-H ~5 %;
 *  - colorectal cancer: KRAS ~45 %, NRAS ~4 %, BRAF V600E ~5 %, MSI-H ~6 % (Chinese CRC cohorts);
 *  - breast cancer, germline: BRCA1/2 pathogenic ~5 % (Sun et al. Clin Cancer Res 2017: 5.3 %), PALB2 ~1 %;
 *  - papillary thyroid cancer: BRAF V600E ~75 % (70–80 % in Chinese series), RET fusions ~6 %, NRAS ~5 %.
 * Each participant's draws come from one seeded generator: the same demo on every load.
 */

export type Tumour = "lung_egfr" | "lung" | "gastric" | "colorectal" | "breast_germline" | "breast" | "thyroid" | "pan_tumour";

export type PlannedVariant = VariantCall;
export type PlannedBiomarker = { kind: BiomarkerKind; value: number | null; category: string | null };
export type PlannedResult = { testKind: MolecularTestKind; origin: VariantOrigin; variants: PlannedVariant[]; biomarkers: PlannedBiomarker[] };

/** The tumour of a demo study's participants; mixed-tumour studies draw one per participant. */
export const STUDY_TUMOURS: Record<string, Tumour | "mixed"> = {
  "LC-203": "lung_egfr",
  "GC-IO-301": "gastric",
  "CRC-MRD-05": "colorectal",
  "BC-HR-101": "breast_germline",
  "TN-SCR-01": "thyroid",
  "TIL-BIO-06": "pan_tumour",
  "CAP-PH-07": "mixed",
  "CAPE-PK-04": "mixed",
};
/** The tumours of the mixed oral-chemotherapy studies: lung, colorectal, gastric and breast patients. */
const MIXED: [Tumour, number][] = [["lung", 0.35], ["colorectal", 0.3], ["gastric", 0.2], ["breast", 0.15]];

type R = () => number;
const somatic = (gene: string, transcript: string, hgvsC: string | null, hgvsP: string | null, variantType: VariantType, tier: SomaticTier = "tier_i") =>
  (rand: R): PlannedVariant => ({ gene, partnerGene: null, transcript, hgvsC, hgvsP, variantType, vaf: Math.round((0.05 + rand() * 0.45) * 10000) / 10000, depth: 400 + Math.floor(rand() * 1600), somaticTier: tier, germlineClass: null });
const fusion = (partner: string, gene: string) => (): PlannedVariant => ({ gene, partnerGene: partner, transcript: null, hgvsC: null, hgvsP: null, variantType: "fusion", vaf: null, depth: null, somaticTier: "tier_i", germlineClass: null });
const amplification = (gene: string) => (): PlannedVariant => ({ gene, partnerGene: null, transcript: null, hgvsC: null, hgvsP: null, variantType: "amplification", vaf: null, depth: null, somaticTier: "tier_i", germlineClass: null });
const germline = (gene: string, transcript: string, hgvsC: string, hgvsP: string | null, variantType: VariantType, cls: GermlineClass) =>
  (rand: R): PlannedVariant => ({ gene, partnerGene: null, transcript, hgvsC, hgvsP, variantType, vaf: Math.round((0.45 + rand() * 0.1) * 10000) / 10000, depth: 150 + Math.floor(rand() * 300), somaticTier: null, germlineClass: cls });

const EGFR = "NM_005228.5";
const EGFR_19DEL = somatic("EGFR", EGFR, "c.2235_2249del", "p.Glu746_Ala750del", "deletion");
const EGFR_L858R = somatic("EGFR", EGFR, "c.2573T>G", "p.Leu858Arg", "snv");
const EGFR_G719A = somatic("EGFR", EGFR, "c.2156G>C", "p.Gly719Ala", "snv");
const EGFR_L861Q = somatic("EGFR", EGFR, "c.2582T>A", "p.Leu861Gln", "snv");
const EGFR_20INS = somatic("EGFR", EGFR, "c.2300_2308dup", "p.Ala767_Val769dup", "duplication");
const TP53_R273H = somatic("TP53", "NM_000546.6", "c.818G>A", "p.Arg273His", "snv", "tier_ii");
const KRAS = "NM_004985.5";
const KRAS_G12C = somatic("KRAS", KRAS, "c.34G>T", "p.Gly12Cys", "snv");
const KRAS_G12D = somatic("KRAS", KRAS, "c.35G>A", "p.Gly12Asp", "snv");
const KRAS_G12V = somatic("KRAS", KRAS, "c.35G>T", "p.Gly12Val", "snv");
const KRAS_G13D = somatic("KRAS", KRAS, "c.38G>A", "p.Gly13Asp", "snv");
const NRAS_Q61K = somatic("NRAS", "NM_002524.5", "c.181C>A", "p.Gln61Lys", "snv");
const NRAS_Q61R = somatic("NRAS", "NM_002524.5", "c.182A>G", "p.Gln61Arg", "snv", "tier_ii");
const BRAF_V600E = somatic("BRAF", "NM_004333.6", "c.1799T>A", "p.Val600Glu", "snv");
const PIK3CA_H1047R = somatic("PIK3CA", "NM_006218.4", "c.3140A>G", "p.His1047Arg", "snv");
const PIK3CA_E545K = somatic("PIK3CA", "NM_006218.4", "c.1633G>A", "p.Glu545Lys", "snv");

/** One draw over cumulative shares: the first whose share covers x, else null (the rest). */
function draw<T>(x: number, table: [T, number][]): T | null {
  let acc = 0;
  for (const [v, p] of table) if (x < (acc += p)) return v;
  return null;
}

function lung(rand: R, egfrOnly: boolean): PlannedResult {
  const egfr = () => draw(rand(), [[EGFR_19DEL, 0.45], [EGFR_L858R, 0.4], [EGFR_G719A, 0.05], [EGFR_L861Q, 0.05], [EGFR_20INS, 0.05]])!(rand);
  const driver = egfrOnly
    ? egfr()
    : draw(rand(), [["egfr", 0.5], ["alk", 0.05], ["kras", 0.04], ["ros1", 0.02], ["ret", 0.015]] as [string, number][]);
  const variants: PlannedVariant[] = [];
  if (typeof driver === "object" && driver) variants.push(driver);
  else if (driver === "egfr") variants.push(egfr());
  else if (driver === "alk") variants.push(fusion("EML4", "ALK")());
  else if (driver === "kras") variants.push(KRAS_G12C(rand));
  else if (driver === "ros1") variants.push(fusion("CD74", "ROS1")());
  else if (driver === "ret") variants.push(fusion("KIF5B", "RET")());
  if (rand() < 0.4) variants.push(TP53_R273H(rand));
  return { testKind: "ngs_panel", origin: "somatic", variants, biomarkers: [{ kind: "tmb", value: Math.round(rand() * 1200) / 100, category: null }, { kind: "pdl1_tps", value: pick(rand, [0, 1, 5, 20, 30, 50, 60, 80]), category: null }] };
}

function gastric(rand: R): PlannedResult {
  const her2 = rand() < 0.13;
  const msiH = rand() < 0.05;
  const cps = her2 ? pick(rand, [0, 1, 3]) : pick(rand, [0, 1, 3, 5, 5, 8, 10, 15, 20, 30]);
  return {
    testKind: "ngs_panel",
    origin: "somatic",
    variants: [...(her2 ? [amplification("ERBB2")()] : []), ...(rand() < 0.5 ? [TP53_R273H(rand)] : [])],
    biomarkers: [
      { kind: "her2_ihc", value: null, category: her2 ? "3+" : pick(rand, ["0", "0", "1+", "2+"]) },
      { kind: "pdl1_cps", value: cps, category: null },
      { kind: "msi", value: null, category: msiH ? "msi_h" : "mss" },
    ],
  };
}

function colorectal(rand: R): PlannedResult {
  const driver = draw(rand(), [[KRAS_G12D, 0.16], [KRAS_G12V, 0.11], [KRAS_G13D, 0.07], [KRAS_G12C, 0.03], [somatic("KRAS", KRAS, "c.183A>C", "p.Gln61His", "snv"), 0.08], [NRAS_Q61K, 0.04], [BRAF_V600E, 0.05]]);
  const msiH = rand() < 0.06;
  return {
    testKind: "ngs_panel",
    origin: "somatic",
    variants: [...(driver ? [driver(rand)] : []), ...(rand() < 0.6 ? [TP53_R273H(rand)] : [])],
    biomarkers: [
      { kind: "msi", value: null, category: msiH ? "msi_h" : "mss" },
      { kind: "tmb", value: msiH ? 20 + Math.round(rand() * 4000) / 100 : Math.round(rand() * 900) / 100, category: null },
    ],
  };
}

function breastGermline(rand: R): PlannedResult {
  const hit = draw(rand(), [
    [germline("BRCA1", "NM_007294.4", "c.5470_5477del", "p.Ile1824AspfsTer3", "deletion", "pathogenic"), 0.025],
    [germline("BRCA2", "NM_000059.4", "c.3109C>T", "p.Gln1037Ter", "snv", "pathogenic"), 0.025],
    [germline("PALB2", "NM_024675.4", "c.751C>T", "p.Gln251Ter", "snv", "pathogenic"), 0.008],
    [germline("TP53", "NM_000546.6", "c.844C>T", "p.Arg282Trp", "snv", "likely_pathogenic"), 0.004],
    [germline("BRCA2", "NM_000059.4", "c.5744C>T", "p.Thr1915Met", "snv", "uncertain_significance"), 0.1],
    [germline("ATM", "NM_000051.4", "c.2119T>C", "p.Ser707Pro", "snv", "likely_benign"), 0.08],
  ]);
  return { testKind: "ngs_panel", origin: "germline", variants: hit ? [hit(rand)] : [], biomarkers: [] };
}

function breast(rand: R): PlannedResult {
  const v = draw(rand(), [[PIK3CA_H1047R, 0.2], [PIK3CA_E545K, 0.12], [amplification("ERBB2"), 0.2]]);
  return { testKind: "ngs_panel", origin: "somatic", variants: v ? [v(rand)] : [], biomarkers: [{ kind: "her2_ihc", value: null, category: pick(rand, ["0", "1+", "1+", "2+"]) }] };
}

function thyroid(rand: R): PlannedResult {
  const v = draw(rand(), [[BRAF_V600E, 0.75], [fusion("CCDC6", "RET"), 0.06], [NRAS_Q61R, 0.05]]);
  return { testKind: "ngs_panel", origin: "somatic", variants: v ? [v(rand)] : [], biomarkers: [] };
}

function panTumour(rand: R): PlannedResult {
  const msiH = rand() < 0.04;
  const tmb = msiH || rand() < 0.12 ? 10 + Math.round(rand() * 3000) / 100 : Math.round(rand() * 990) / 100;
  return { testKind: "tmb", origin: "somatic", variants: rand() < 0.5 ? [TP53_R273H(rand)] : [], biomarkers: [{ kind: "tmb", value: tmb, category: null }, { kind: "msi", value: null, category: msiH ? "msi_h" : "mss" }] };
}

/** The tumour a participant of this study has (mixed studies draw it), or null: a study whose patients are not tested. */
/** The tumours of the tested biobank donors (no study): the hub's main cancers. */
const DONOR_TUMOURS: [Tumour, number][] = [["lung", 0.3], ["colorectal", 0.2], ["gastric", 0.2], ["breast_germline", 0.15], ["thyroid", 0.15]];

export function donorTumour(rand: R): Tumour {
  return draw(rand(), DONOR_TUMOURS) ?? "lung";
}

export function tumourOf(studyCode: string, rand: R): Tumour | null {
  const t = STUDY_TUMOURS[studyCode];
  if (!t) return null;
  return t === "mixed" ? draw(rand(), MIXED) ?? "lung" : t;
}

export function planResult(tumour: Tumour, rand: R): PlannedResult {
  switch (tumour) {
    case "lung_egfr": return lung(rand, true);
    case "lung": return lung(rand, false);
    case "gastric": return gastric(rand);
    case "colorectal": return colorectal(rand);
    case "breast_germline": return breastGermline(rand);
    case "breast": return breast(rand);
    case "thyroid": return thyroid(rand);
    case "pan_tumour": return panTumour(rand);
  }
}
