import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { actionableBiomarkersFor, actionableFor, ACTIONABLE } from "@/lib/molecular/actionability";
import { actionableBiomarkerSql, actionableVariantSql } from "@/lib/molecular/actionability-sql";
import { setupTestDb } from "@/lib/testing/db";

const h = await setupTestDb();

type V = { gene: string; partnerGene: string | null; hgvsP: string | null; hgvsC: string | null; variantType: string; origin: "somatic" | "germline"; germlineClass: string | null };
const v = (gene: string, hgvsP: string | null, variantType = "snv", extra: Partial<V> = {}): V => ({ gene, partnerGene: null, hgvsP, hgvsC: null, variantType, origin: "somatic", germlineClass: null, ...extra });

/** Every protein change of the table, near misses, every kind at and beyond its bounds. */
const VARIANTS: V[] = [
  ...ACTIONABLE.flatMap((a) => ("proteins" in a.match ? a.match.proteins.map((p) => v(a.gene, p)) : [])),
  v("EGFR", "p.Leu858Gln"), v("KRAS", "p.Gly12Cys"), v("KRAS", "p.Gly12Ser"), v("TP53", "p.Arg175His"), v("BRAF", "p.Val600Lys"),
  v("EGFR", "p.Glu746_Ala750del", "deletion"), v("EGFR", "p.Leu747_Pro753delinsSer", "delins"), v("EGFR", "p.Glu709_Thr710delinsAsp", "delins"),
  v("EGFR", "p.Ala763_Tyr764insPheGlnGluAla", "insertion"), v("EGFR", "p.Asp770_Asn771insGly", "insertion"), v("EGFR", "p.Ser768_Asp770dup", "duplication"),
  v("EGFR", "p.Asn771dup", "duplication"), v("EGFR", "p.Leu833_Val834insGly", "insertion"),
  v("ERBB2", "p.Tyr772_Ala775dup", "duplication"), v("ERBB2", "p.Gly776delinsValCys", "delins"), v("ERBB2", "p.Ala767_Val768insGly", "insertion"),
  v("ALK", null, "fusion", { partnerGene: "EML4" }), v("RET", null, "fusion", { partnerGene: "KIF5B" }), v("CCDC6", null, "fusion", { partnerGene: "RET" }),
  v("ALK", null, "amplification"), v("ERBB2", null, "amplification"), v("MET", null, "amplification"), v("EGFR", null, "amplification"),
  v("BRCA1", "p.Gln1756ProfsTer74", "duplication", { origin: "germline", germlineClass: "pathogenic" }),
  v("BRCA2", "p.Ser1982ArgfsTer22", "deletion", { origin: "germline", germlineClass: "uncertain_significance" }),
  v("BRCA2", "p.Arg3052Ter", "snv", { origin: "germline", germlineClass: "likely_pathogenic" }),
  v("BRCA1", null, "snv", { hgvsC: "c.5277+1G>A" }), v("BRCA1", null, "snv", { hgvsC: "c.5277+3G>A" }), v("BRCA1", "p.Cys61Gly"),
  v("PIK3CA", "p.His1047Arg"), v("PIK3CA", "p.His1047Tyr"),
];

describe("the curated table in SQL gives the report's answer", () => {
  it("for every variant of the set", async () => {
    const rows = VARIANTS.map((x, i) => sql`(${i}::int, ${x.gene}, ${x.partnerGene}::text, ${x.hgvsP}::text, ${x.hgvsC}::text, ${x.variantType}, ${x.origin}, ${x.germlineClass}::text)`);
    const got = await queryRows<{ i: number; hit: boolean }>(
      h.db,
      sql`select v.i, ${actionableVariantSql()} as hit
          from (values ${sql.join(rows, sql`, `)}) as v(i, gene, partner_gene, hgvs_p, hgvs_c, variant_type, origin, germline_class) order by v.i`,
    );
    const want = VARIANTS.map((x) => (x.origin === "somatic" || x.germlineClass === "pathogenic" || x.germlineClass === "likely_pathogenic") && actionableFor(x).length > 0);
    expect(got.map((r) => [VARIANTS[r.i].gene, VARIANTS[r.i].hgvsP ?? VARIANTS[r.i].variantType, r.hit])).toEqual(VARIANTS.map((x, i) => [x.gene, x.hgvsP ?? x.variantType, want[i]]));
    // The set is not trivial: both answers occur, the exon bounds included.
    expect(want.filter(Boolean).length).toBeGreaterThan(20);
    expect(want.filter((w) => !w).length).toBeGreaterThan(10);
  });
  it("for biomarker values at and around each threshold", async () => {
    const B: [string, number | null, string | null][] = [
      ["tmb", 9.99, null], ["tmb", 10, null], ["pdl1_tps", 49, null], ["pdl1_tps", 50, null], ["pdl1_cps", 4, null], ["pdl1_cps", 5, null],
      ["msi", null, "msi_h"], ["msi", null, "mss"], ["msi", null, "msi_l"], ["her2_ihc", null, "0"], ["her2_ihc", null, "1+"], ["her2_ihc", null, "2+"], ["her2_ihc", null, "3+"],
    ];
    const got = await queryRows<{ hit: boolean }>(
      h.db,
      sql`select ${actionableBiomarkerSql()} as hit from (values ${sql.join(B.map(([k, val, c], i) => sql`(${i}::int, ${k}, ${val}::numeric, ${c}::text)`), sql`, `)}) as b(i, kind, value, category) order by b.i`,
    );
    expect(got.map((r) => r.hit)).toEqual(B.map(([kind, value, category]) => actionableBiomarkersFor({ kind: kind as "tmb", value, category }).length > 0));
  });
});
