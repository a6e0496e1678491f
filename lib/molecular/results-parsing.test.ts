import { describe, expect, it } from "vitest";
import { actionableBiomarkersFor, actionableFor } from "@/lib/molecular/actionability";
import { classify } from "@/lib/molecular/classification";
import { raisesHereditaryRisk } from "@/lib/molecular/hereditary";
import { HGNC_SYMBOLS, isHgncSymbol } from "@/lib/molecular/hgnc-symbols";
import { isCodingChange, normaliseProteinChange } from "@/lib/molecular/hgvs";
import { parseTable } from "@/lib/molecular/table-results";
import { parseVcf } from "@/lib/molecular/vcf-results";

const T = (...cols: string[]) => cols.join("\t");
const HEADER = [
  "##fileformat=VCFv4.2",
  "##reference=GRCh38",
  '##INFO=<ID=ANN,Number=.,Type=String,Description="SnpEff">',
  '##INFO=<ID=CLASS,Number=A,Type=String,Description="AMP tier or ACMG class">',
  '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="SV type">',
  '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">',
  '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
  T("#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT", "TUMOR"),
];
const ann = (alt: string, gene: string, c: string, p: string, tx = "NM_005228.5") => `${alt}|missense_variant|MODERATE|${gene}|${gene}|transcript|${tx}|protein_coding|21/28|${c}|${p}`;
const rec = (chrom: string, pos: number, ref: string, alt: string, info: string, sample: string) => T(chrom, String(pos), ".", ref, alt, ".", "PASS", info, "AF:DP", sample);
const vcf = (...records: string[]) => [...HEADER, ...records];

describe("HGVS protein changes", () => {
  it.each([
    ["p.L858R", "p.Leu858Arg"],
    ["p.Leu858Arg", "p.Leu858Arg"],
    ["p.(Leu858Arg)", "p.Leu858Arg"],
    ["p.V600E", "p.Val600Glu"],
    ["p.Q61*", "p.Gln61Ter"],
    ["p.R213X", "p.Arg213Ter"],
    ["p.E746_A750del", "p.Glu746_Ala750del"],
    ["p.A767_V769dup", "p.Ala767_Val769dup"],
    ["p.E746_S752delinsV", "p.Glu746_Ser752delinsVal"],
    ["p.K1090fs", "p.Lys1090fs"],
    ["p.Q1756Pfs*74", "p.Gln1756ProfsTer74"],
    ["p.G12C", "p.Gly12Cys"],
  ])("%s is %s", (input, out) => expect(normaliseProteinChange(input)).toBe(out));
  it.each(["L858R", "p.", "p.Xyz858Arg", "p.858R", "p.L858R;", "p.l858r"])("%s is refused", (input) => expect(normaliseProteinChange(input)).toBeNull());
  it("coding changes are checked for shape", () => {
    for (const ok of ["c.2573T>G", "c.2235_2249del", "c.2300_2308dupGCCAGCGTG", "c.-124C>T", "c.5266dupC", "c.1234+1G>A", "c.2236_2253delinsAAT"]) expect(isCodingChange(ok)).toBe(true);
    for (const bad of ["2573T>G", "c.2573T>", "c.T>G", "c.2573U>G"]) expect(isCodingChange(bad)).toBe(false);
  });
});

describe("gene symbols and classes", () => {
  it("ships approved symbols of the common panels, not retired ones", () => {
    expect(HGNC_SYMBOLS.size).toBeGreaterThanOrEqual(500);
    for (const g of ["EGFR", "ALK", "KMT2A", "AMER1", "NSD2", "H3-3A", "BRCA1", "PALB2", "RET"]) expect(isHgncSymbol(g)).toBe(true);
    for (const g of ["MLL", "FAM123B", "WHSC1", "H3F3A", "egfr", "EGFR1"]) expect(isHgncSymbol(g)).toBe(false);
  });
  it("somatic tiers and germline classes in their usual spellings", () => {
    expect(classify("somatic", "Tier I")).toEqual({ somaticTier: "tier_i", germlineClass: null });
    expect(classify("somatic", "tier2")?.somaticTier).toBe("tier_ii");
    expect(classify("somatic", "IV")?.somaticTier).toBe("tier_iv");
    expect(classify("germline", "Likely pathogenic")?.germlineClass).toBe("likely_pathogenic");
    expect(classify("germline", "VUS")?.germlineClass).toBe("uncertain_significance");
    expect(classify("somatic", "pathogenic")).toBeNull();
    expect(classify("germline", "Tier I")).toBeNull();
  });
});

describe("VCF import", () => {
  it("reads a somatic SNV with its annotation, VAF and depth, normalising the protein change", () => {
    const r = parseVcf(vcf(rec("chr7", 55191822, "T", "G", `ANN=${ann("G", "EGFR", "c.2573T>G", "p.L858R")};CLASS=Tier_I`, "0.23:812")), "somatic");
    expect(r.problems).toEqual([]);
    expect(r.variants).toEqual([
      expect.objectContaining({ line: 9, gene: "EGFR", transcript: "NM_005228.5", hgvsC: "c.2573T>G", hgvsP: "p.Leu858Arg", variantType: "snv", vaf: 0.23, depth: 812, somaticTier: "tier_i", germlineClass: null }),
    ]);
  });
  it("splits a multi-allelic record: each allele its own annotation, class and VAF", () => {
    const info = `ANN=${ann("T", "KRAS", "c.35G>A", "p.G12D", "NM_004985.5")},${ann("A", "KRAS", "c.34G>T", "p.G12C", "NM_004985.5")};CLASS=II,I`;
    const r = parseVcf(vcf(rec("chr12", 25245350, "C", "T,A", info, "0.12,0.31:640")), "somatic");
    expect(r.problems).toEqual([]);
    expect(r.variants.map((v) => [v.alt, v.hgvsP, v.vaf, v.somaticTier])).toEqual([
      ["T", "p.Gly12Asp", 0.12, "tier_ii"],
      ["A", "p.Gly12Cys", 0.31, "tier_i"],
    ]);
  });
  it("reads indels (a deletion, an insertion) and a breakend fusion", () => {
    const del = rec("chr7", 55174771, "AGGAATTAAGAGAAGC", "A", `ANN=${ann("A", "EGFR", "c.2235_2249del", "p.E746_A750del")};CLASS=I`, "0.18:900");
    const ins = rec("chr7", 55181318, "C", "CGCCAGCGTG", `ANN=${ann("CGCCAGCGTG", "EGFR", "c.2300_2308dupGCCAGCGTG", "p.A767_V769dup")};CLASS=I`, "0.2:700");
    const fus = T("chr2", "29223584", "bnd1", "G", "G]chr2:42299805]", ".", "PASS", "SVTYPE=BND;ANN=G]chr2:42299805]|gene_fusion|HIGH|EML4&ALK|EML4&ALK|gene_variant|||||;CLASS=I", "AF:DP", ".:.");
    const r = parseVcf(vcf(del, ins, fus), "somatic");
    expect(r.problems).toEqual([]);
    expect(r.variants.map((v) => [v.variantType, v.gene, v.partnerGene, v.hgvsP])).toEqual([
      ["deletion", "EGFR", null, "p.Glu746_Ala750del"],
      ["duplication", "EGFR", null, "p.Ala767_Val769dup"],
      ["fusion", "ALK", "EML4", null],
    ]);
  });
  it("refuses a wrong reference build, naming the header line", () => {
    const lines = vcf(rec("chr7", 55191822, "T", "G", `ANN=${ann("G", "EGFR", "c.2573T>G", "p.L858R")};CLASS=I`, "0.2:500"));
    lines[1] = "##reference=file:///refs/hg19.fa";
    expect(parseVcf(lines, "somatic").problems).toEqual([{ line: 2, code: "wrongBuild", value: "##reference=file:///refs/hg19.fa" }]);
    expect(parseVcf([lines[0], ...lines.slice(2)], "somatic").problems).toEqual([{ line: 1, code: "noBuild" }]);
  });
  it("reports every malformed line and missing field by its line number", () => {
    const good = rec("chr7", 55191822, "T", "G", `ANN=${ann("G", "EGFR", "c.2573T>G", "p.L858R")};CLASS=I`, "0.2:500");
    const r = parseVcf(
      vcf(
        good,
        "chr7\t55191822\t.\tT", // too few columns
        rec("chr7", 1, "T", "G", `CLASS=I`, "0.2:500"), // no annotation
        rec("chr7", 2, "T", "G", `ANN=${ann("G", "EGFR", "c.2573T>G", "p.L858R")}`, "0.2:500"), // no class
        rec("chr7", 3, "T", "G", `ANN=${ann("G", "EGFR", "c.2573T>G", "p.L858R")};CLASS=I`, ".:500"), // no VAF
        rec("chr7", 4, "T", "G", `ANN=${ann("G", "NOTAGENE", "c.2573T>G", "p.L858R")};CLASS=I`, "0.2:500"),
        rec("chr7", 5, "T", "G", `ANN=${ann("G", "EGFR", "c.2573T>G", "p.L858Z")};CLASS=I`, "0.2:500"),
        rec("chr7", 6, "T", "G", `ANN=${ann("G", "EGFR", "c.2573T>G", "p.L858R")};CLASS=I`, "1.7:500"),
      ),
      "somatic",
    );
    expect(r.variants.map((v) => v.line)).toEqual([9]);
    expect(r.problems).toEqual([
      { line: 10, code: "malformedLine" },
      { line: 11, code: "missingField", value: "ANN (G)" },
      { line: 12, code: "missingField", value: "classification" },
      { line: 13, code: "missingField", value: "vaf" },
      { line: 14, code: "unknownGene", value: "NOTAGENE" },
      { line: 15, code: "badProtein", value: "p.L858Z" },
      { line: 16, code: "badVaf", value: "1.7" },
    ]);
  });
  it("refuses what is not a VCF, and germline classes against the origin", () => {
    expect(parseVcf(["gene\tvaf"], "somatic").problems).toEqual([{ line: 1, code: "notVcf" }]);
    const r = parseVcf(vcf(rec("chr17", 43045712, "G", "GA", `ANN=${ann("GA", "BRCA1", "c.5266dupC", "p.Q1756Pfs*74", "NM_007294.4")};CLASS=Tier_I`, "0.5:300")), "germline");
    expect(r.problems).toEqual([{ line: 9, code: "badClass", value: "Tier_I" }]);
  });
});

describe("tabular report import", () => {
  const head = T("gene", "transcript", "hgvs_c", "hgvs_p", "variant_type", "vaf", "depth", "classification");
  it("reads variants, fusions and copy changes", () => {
    const r = parseTable(
      [head, T("EGFR", "NM_005228.5", "c.2573T>G", "p.L858R", "SNV", "23.5%", "812", "Tier I"), T("EML4::ALK", "", "", "", "fusion", "", "", "I"), T("ERBB2", "", "", "", "amplification", "", "", "Tier II")],
      "somatic",
    );
    expect(r.problems).toEqual([]);
    expect(r.variants.map((v) => [v.gene, v.partnerGene, v.hgvsP, v.variantType, v.vaf])).toEqual([
      ["EGFR", null, "p.Leu858Arg", "snv", 0.235],
      ["ALK", "EML4", null, "fusion", null],
      ["ERBB2", null, null, "amplification", null],
    ]);
  });
  it("reports missing columns and fields line by line", () => {
    expect(parseTable([T("gene", "vaf")], "somatic").problems).toEqual([
      { line: 1, code: "missingColumn", value: "variant_type" },
      { line: 1, code: "missingColumn", value: "classification" },
    ]);
    const r = parseTable([head, T("EGFR", "", "c.2573T>G", "p.L858R", "snv", "", "812", "I"), T("ALK", "", "", "", "fusion", "", "", "I"), T("TP53", "", "c.743G>A", "p.R248Q", "splice", "0.4", "100", "I")], "somatic");
    expect(r.variants).toEqual([]);
    expect(r.problems).toEqual([
      { line: 2, code: "missingField", value: "vaf" },
      { line: 3, code: "missingField", value: "fusion partner" },
      { line: 4, code: "badType", value: "splice" },
    ]);
  });
});

describe("what a result means", () => {
  const v = (gene: string, hgvsP: string | null, variantType = "snv", partnerGene: string | null = null) => ({ gene, partnerGene, hgvsP, hgvsC: null, variantType });
  it("actionable alterations name therapies with their evidence level and sources", () => {
    const [l858r] = actionableFor(v("EGFR", "p.Leu858Arg"));
    expect(l858r).toMatchObject({ level: "1", sources: expect.arrayContaining(["OncoKB", "NCCN", "CSCO"]) });
    expect(l858r.therapies).toContain("osimertinib");
    expect(actionableFor(v("EGFR", "p.Glu746_Ala750del", "deletion"))[0].therapies).toContain("gefitinib");
    expect(actionableFor(v("EGFR", "p.Ala767_Val769dup", "duplication"))[0].therapies).toContain("amivantamab");
    expect(actionableFor(v("ALK", null, "fusion", "EML4"))[0].therapies).toContain("alectinib");
    expect(actionableFor(v("BRAF", "p.Val600Glu"))).toHaveLength(1);
    expect(actionableFor(v("EGFR", "p.Arg108Lys"))).toEqual([]);
    expect(actionableFor(v("TP53", "p.Arg248Gln"))).toEqual([]);
  });
  it("biomarkers at their thresholds", () => {
    expect(actionableBiomarkersFor({ kind: "tmb", value: 10, category: null })).toHaveLength(1);
    expect(actionableBiomarkersFor({ kind: "tmb", value: 9.9, category: null })).toEqual([]);
    expect(actionableBiomarkersFor({ kind: "msi", value: null, category: "msi_h" })[0].therapies).toContain("pembrolizumab");
    expect(actionableBiomarkersFor({ kind: "msi", value: null, category: "mss" })).toEqual([]);
    expect(actionableBiomarkersFor({ kind: "her2_ihc", value: null, category: "0" })).toEqual([]);
  });
  it("germline P/LP variants of hereditary cancer genes raise the hereditary risk; others do not", () => {
    expect(raisesHereditaryRisk({ gene: "BRCA2", origin: "germline", germlineClass: "pathogenic" })).toBe(true);
    expect(raisesHereditaryRisk({ gene: "RET", origin: "germline", germlineClass: "likely_pathogenic" })).toBe(true);
    expect(raisesHereditaryRisk({ gene: "BRCA2", origin: "germline", germlineClass: "uncertain_significance" })).toBe(false);
    expect(raisesHereditaryRisk({ gene: "EGFR", origin: "germline", germlineClass: "pathogenic" })).toBe(false);
    expect(raisesHereditaryRisk({ gene: "TP53", origin: "somatic", germlineClass: null })).toBe(false);
  });
});
