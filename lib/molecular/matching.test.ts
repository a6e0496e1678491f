import { describe, expect, it } from "vitest";
import { blankCriterion, type BiomarkerCriterion } from "@/lib/molecular/criteria";
import { criterionFromInput, type CriterionInputRow } from "@/lib/molecular/criteria-input";
import { indexCriteria, matchIndexed, matchStudy, meetCriterion, type ResultBiomarker, type ResultVariant } from "@/lib/molecular/matching";
import { seededRandom } from "@/lib/random/seeded";
import { nearestSite } from "@/lib/molecular/nearest-site";

const crit = (o: Partial<BiomarkerCriterion> & Pick<BiomarkerCriterion, "kind">): BiomarkerCriterion => ({ ...blankCriterion("B1", o.kind), ...o });
const variant = (o: Partial<ResultVariant>): ResultVariant => ({
  gene: "EGFR",
  partnerGene: null,
  hgvsP: "p.Leu858Arg",
  hgvsC: "c.2573T>G",
  variantType: "snv",
  vaf: 0.23,
  origin: "somatic",
  somaticTier: "tier_i",
  germlineClass: null,
  ...o,
});
const results = (variants: ResultVariant[] = [], biomarkers: ResultBiomarker[] = []) => ({ variants, biomarkers });
const bm = (kind: ResultBiomarker["kind"], value: number | null, category: string | null = null): ResultBiomarker => ({ kind, value, category });

describe("gene + variant class", () => {
  const c = crit({ kind: "gene_variant", gene: "EGFR", variantTypes: ["snv", "deletion"], maxTier: "tier_ii", minVaf: 0.05 });
  it("matches a tier I/II SNV or deletion at or above the VAF threshold", () => {
    expect(meetCriterion(c, results([variant({})]))).toMatchObject({ code: "B1", gene: "EGFR", hgvsP: "p.Leu858Arg", vaf: 0.23, somaticTier: "tier_i", threshold: 0.05 });
    expect(meetCriterion(c, results([variant({ somaticTier: "tier_ii", vaf: 0.05, variantType: "deletion" })]))).not.toBeNull();
  });
  it("does not match below the VAF, a weaker tier, another type, another gene, or a missing VAF", () => {
    expect(meetCriterion(c, results([variant({ vaf: 0.0499 })]))).toBeNull();
    expect(meetCriterion(c, results([variant({ somaticTier: "tier_iii" })]))).toBeNull();
    expect(meetCriterion(c, results([variant({ variantType: "amplification" })]))).toBeNull();
    expect(meetCriterion(c, results([variant({ gene: "KRAS" })]))).toBeNull();
    expect(meetCriterion(c, results([variant({ vaf: null })]))).toBeNull();
  });
  it("counts germline variants only when the criterion names a germline class", () => {
    const brca = variant({ gene: "BRCA1", hgvsP: "p.Glu23fs", origin: "germline", somaticTier: null, germlineClass: "likely_pathogenic", vaf: 0.5 });
    expect(meetCriterion(crit({ kind: "gene_variant", gene: "BRCA1", maxTier: "tier_ii" }), results([brca]))).toBeNull();
    expect(meetCriterion(crit({ kind: "gene_variant", gene: "BRCA1", minGermlineClass: "pathogenic" }), results([brca]))).toBeNull();
    expect(meetCriterion(crit({ kind: "gene_variant", gene: "BRCA1", minGermlineClass: "likely_pathogenic" }), results([brca]))).toMatchObject({ origin: "germline", germlineClass: "likely_pathogenic" });
    expect(meetCriterion(crit({ kind: "gene_variant", gene: "BRCA1", minGermlineClass: "likely_pathogenic" }), results([{ ...brca, germlineClass: "uncertain_significance" }]))).toBeNull();
  });
  it("gives the variant with the highest VAF as its evidence", () => {
    const e = meetCriterion(crit({ kind: "gene_variant", gene: "EGFR", maxTier: "tier_ii" }), results([variant({ vaf: 0.1 }), variant({ hgvsP: "p.Thr790Met", vaf: 0.4 })]));
    expect(e?.hgvsP).toBe("p.Thr790Met");
  });
});

describe("specific variant", () => {
  const c = crit({ kind: "specific_variant", gene: "EGFR", hgvsP: "p.Leu858Arg", minVaf: 0.1 });
  it("matches the named protein change at or above the VAF, whatever its tier", () => {
    expect(meetCriterion(c, results([variant({ vaf: 0.1, somaticTier: "tier_iii" })]))).toMatchObject({ hgvsP: "p.Leu858Arg" });
  });
  it("does not match another change, another gene or a lower VAF", () => {
    expect(meetCriterion(c, results([variant({ hgvsP: "p.Thr790Met" })]))).toBeNull();
    expect(meetCriterion(c, results([variant({ gene: "ERBB2" })]))).toBeNull();
    expect(meetCriterion(c, results([variant({ vaf: 0.099 })]))).toBeNull();
  });
  it("stores the protein change normalised: p.L858R from the form is p.Leu858Arg", () => {
    const row: CriterionInputRow = { kind: "specific_variant", gene: "egfr", partnerGene: "", variantTypes: "", hgvsP: "p.(L858R)", maxTier: "", minGermlineClass: "", minVafPct: 5, minValue: "", her2Rule: "" };
    expect(criterionFromInput(row, 2)).toMatchObject({ code: "B2", gene: "EGFR", hgvsP: "p.Leu858Arg", minVaf: 0.05 });
    expect(() => criterionFromInput({ ...row, hgvsP: "L858R" }, 1)).toThrow();
    expect(() => criterionFromInput({ ...row, gene: "NOTAGENE" }, 1)).toThrow();
  });
});

describe("fusion", () => {
  const eml4alk = variant({ gene: "ALK", partnerGene: "EML4", variantType: "fusion", hgvsP: null, hgvsC: null, vaf: null });
  it("a gene pair matches in either orientation; a single gene matches as either partner", () => {
    expect(meetCriterion(crit({ kind: "fusion", gene: "ALK", partnerGene: "EML4" }), results([eml4alk]))).toMatchObject({ gene: "ALK", partnerGene: "EML4" });
    expect(meetCriterion(crit({ kind: "fusion", gene: "EML4", partnerGene: "ALK" }), results([eml4alk]))).not.toBeNull();
    expect(meetCriterion(crit({ kind: "fusion", gene: "EML4" }), results([eml4alk]))).not.toBeNull();
    expect(meetCriterion(crit({ kind: "fusion", gene: "ALK" }), results([eml4alk]))).not.toBeNull();
  });
  it("does not match another pair, another gene, or a non-fusion variant of the gene", () => {
    expect(meetCriterion(crit({ kind: "fusion", gene: "ALK", partnerGene: "KIF5B" }), results([eml4alk]))).toBeNull();
    expect(meetCriterion(crit({ kind: "fusion", gene: "RET" }), results([eml4alk]))).toBeNull();
    expect(meetCriterion(crit({ kind: "fusion", gene: "ALK" }), results([variant({ gene: "ALK", hgvsP: "p.Phe1174Leu" })]))).toBeNull();
  });
});

describe("biomarker values at their thresholds", () => {
  it.each([
    ["tmb", "tmb", 10],
    ["pdl1_tps", "pdl1_tps", 50],
    ["pdl1_cps", "pdl1_cps", 1],
  ] as const)("%s >= threshold matches, just below does not", (kind, bmKind, threshold) => {
    const c = crit({ kind, minValue: threshold });
    expect(meetCriterion(c, results([], [bm(bmKind, threshold)]))).toMatchObject({ value: threshold, threshold });
    expect(meetCriterion(c, results([], [bm(bmKind, threshold - 0.01)]))).toBeNull();
    expect(meetCriterion(c, results([], []))).toBeNull();
  });
  it("MSI-H matches MSI-H only", () => {
    const c = crit({ kind: "msi_high" });
    expect(meetCriterion(c, results([], [bm("msi", null, "msi_h")]))).toMatchObject({ category: "msi_h" });
    expect(meetCriterion(c, results([], [bm("msi", null, "msi_l")]))).toBeNull();
    expect(meetCriterion(c, results([], [bm("msi", null, "mss")]))).toBeNull();
  });
  it("HER2: 3+ always; 2+ only with ISH positive (an ERBB2 amplification) and the rule allowing it; 1+ never", () => {
    const strict = crit({ kind: "her2", her2Rule: "ihc_3plus" });
    const broad = crit({ kind: "her2", her2Rule: "ihc_3plus_or_2plus_ish" });
    const amp = variant({ gene: "ERBB2", variantType: "amplification", hgvsP: null });
    expect(meetCriterion(strict, results([], [bm("her2_ihc", null, "3+")]))).toMatchObject({ category: "3+" });
    expect(meetCriterion(strict, results([amp], [bm("her2_ihc", null, "2+")]))).toBeNull();
    expect(meetCriterion(broad, results([amp], [bm("her2_ihc", null, "2+")]))).toMatchObject({ category: "2+", gene: "ERBB2" });
    expect(meetCriterion(broad, results([], [bm("her2_ihc", null, "2+")]))).toBeNull();
    expect(meetCriterion(broad, results([amp], [bm("her2_ihc", null, "1+")]))).toBeNull();
  });
});

describe("several criteria: any of them", () => {
  const criteria = [
    crit({ code: "B1", kind: "specific_variant", gene: "EGFR", hgvsP: "p.Leu858Arg" }),
    crit({ code: "B2", kind: "gene_variant", gene: "EGFR", variantTypes: ["deletion", "delins"], maxTier: "tier_ii" }),
    crit({ code: "B3", kind: "tmb", minValue: 20 }),
  ];
  it("one met criterion is a match; every met criterion is listed, in order", () => {
    expect(matchStudy(criteria, results([], [bm("tmb", 25)])).map((e) => e.code)).toEqual(["B3"]);
    expect(matchStudy(criteria, results([variant({})], [bm("tmb", 25)])).map((e) => e.code)).toEqual(["B1", "B3"]);
  });
  it("none met, or no criteria at all, is no match", () => {
    expect(matchStudy(criteria, results([variant({ hgvsP: "p.Thr790Met" })], [bm("tmb", 19.99)]))).toEqual([]);
    expect(matchStudy([], results([variant({})]))).toEqual([]);
  });
});

describe("many studies at once (the criteria index)", () => {
  it("finds exactly what matchStudy finds for each study, on varied results", () => {
    const studies = [
      [crit({ code: "B1", kind: "specific_variant", gene: "EGFR", hgvsP: "p.Leu858Arg" }), crit({ code: "B2", kind: "tmb", minValue: 10 })],
      [crit({ code: "B1", kind: "fusion", gene: "EML4" })],
      [crit({ code: "B1", kind: "her2", her2Rule: "ihc_3plus_or_2plus_ish" }), crit({ code: "B2", kind: "msi_high" })],
      [crit({ code: "B1", kind: "gene_variant", gene: "BRCA2", minGermlineClass: "likely_pathogenic" }), crit({ code: "B2", kind: "pdl1_cps", minValue: 5 })],
    ];
    const index = indexCriteria(studies);
    const rand = seededRandom(7);
    const pool: ResultVariant[] = [
      variant({}),
      variant({ gene: "ALK", partnerGene: "EML4", variantType: "fusion", hgvsP: null }),
      variant({ gene: "ERBB2", variantType: "amplification", hgvsP: null }),
      variant({ gene: "BRCA2", origin: "germline", somaticTier: null, germlineClass: "pathogenic" }),
    ];
    for (let i = 0; i < 200; i++) {
      const r = results(
        pool.filter(() => rand() < 0.4),
        [bm("tmb", Math.round(rand() * 20)), bm("her2_ihc", null, ["1+", "2+", "3+"][Math.floor(rand() * 3)]), bm("msi", null, rand() < 0.2 ? "msi_h" : "mss"), bm("pdl1_cps", Math.round(rand() * 10))].filter(() => rand() < 0.6),
      );
      const expected = studies.map((c, s) => ({ s, evidence: matchStudy(c, r) })).filter((m) => m.evidence.length);
      expect(matchIndexed(index, r).sort((a, b) => a.s - b.s)).toEqual(expected);
    }
  });
});

describe("the nearest participating site", () => {
  const c = (id: number, code: string, path: string, province: string, city: string) => ({ id, code, path, province, city });
  const mine = c(5, "R05", "/1/2/5/", "Hubei", "Yichang");
  const sites = [c(9, "R09", "/1/3/9/", "Hunan", "Changsha"), c(7, "R07", "/1/2/7/", "Hubei", "Xiangyang"), c(8, "R08", "/1/3/8/", "Hubei", "Yichang")].map((centre, i) => ({ siteId: i + 1, centre }));
  it("own centre, else same city, else same province, else the closest in the tree", () => {
    expect(nearestSite(mine, [...sites, { siteId: 9, centre: mine }])?.nearness).toBe("own");
    expect(nearestSite(mine, sites)).toMatchObject({ nearness: "city", site: { centre: { code: "R08" } } });
    expect(nearestSite(mine, sites.filter((s) => s.centre.code !== "R08"))).toMatchObject({ nearness: "province", site: { centre: { code: "R07" } } });
    expect(nearestSite(mine, sites.filter((s) => s.centre.code === "R09"))).toMatchObject({ nearness: "network" });
    expect(nearestSite(mine, [])).toBeNull();
  });
});
