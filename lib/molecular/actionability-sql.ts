import { sql, type SQL } from "drizzle-orm";
import { ACTIONABLE, ACTIONABLE_BIOMARKERS } from "@/lib/molecular/actionability";

/*
 * The curated table of lib/molecular/actionability.ts as SQL conditions, so aggregates (the
 * dashboard's share of tests with an actionable alteration) count in the database what the
 * report shows one order at a time. actionability-sql.test.ts holds the two to the same answer.
 * Over aliases `v` (molecular_variants), `b` (molecular_biomarkers) and `mo` (molecular_orders).
 */

const protein = (col: string) => sql.raw(`substring(v.hgvs_p from '${col}')::int`);

function kindCondition(gene: string, kind: "fusion" | "amplification" | "exon19del" | "exon20ins" | "truncating"): SQL {
  if (kind === "fusion") return sql`(v.variant_type = 'fusion' and (v.gene = ${gene} or v.partner_gene = ${gene}))`;
  const g = sql`v.gene = ${gene}`;
  if (kind === "amplification") return sql`(${g} and v.variant_type = 'amplification')`;
  if (kind === "exon19del") {
    return sql`(${g} and v.hgvs_p ~ '^p\\.[A-Z][a-z]{2}[0-9]+_[A-Z][a-z]{2}[0-9]+(del|delins)'
      and ${protein("^p\\.[A-Z][a-z]{2}([0-9]+)")} >= 729 and ${protein("^p\\.[A-Z][a-z]{2}[0-9]+_[A-Z][a-z]{2}([0-9]+)")} <= 761)`;
  }
  if (kind === "exon20ins") {
    const [lo, hi] = gene === "ERBB2" ? [770, 831] : [762, 823];
    return sql`(${g} and v.hgvs_p ~ '^p\\.[A-Z][a-z]{2}[0-9]+(_[A-Z][a-z]{2}[0-9]+)?(ins|dup)'
      and ${protein("^p\\.[A-Z][a-z]{2}([0-9]+)")} >= ${lo}
      and coalesce(${protein("^p\\.[A-Z][a-z]{2}[0-9]+_[A-Z][a-z]{2}([0-9]+)")}, ${protein("^p\\.[A-Z][a-z]{2}([0-9]+)")}) <= ${hi})`;
  }
  return sql`(${g} and (coalesce(v.hgvs_p, '') ~ '(Ter|fs)' or coalesce(v.hgvs_c, '') ~ '^c\\.[0-9]+[+-][12][ACGT]>'))`;
}

/** A variant row `v` matches an entry of the curated table (germline ones only when pathogenic or likely pathogenic). */
export function actionableVariantSql(): SQL {
  const parts = ACTIONABLE.map((a) =>
    "proteins" in a.match
      ? sql`(v.gene = ${a.gene} and v.hgvs_p in (${sql.join(a.match.proteins.map((p) => sql`${p}`), sql`, `)}))`
      : sql`(${sql.join(a.match.kinds.map((k) => kindCondition(a.gene, k)), sql` or `)})`,
  );
  // coalesce: a missing protein change makes a comparison null, which means "no match" here.
  return sql`coalesce((v.origin = 'somatic' or v.germline_class in ('pathogenic', 'likely_pathogenic')) and (${sql.join(parts, sql` or `)}), false)`;
}

/** The biomarker thresholds of the curated table, over a biomarkers row `b`. */
export function actionableBiomarkerSql(): SQL {
  // Written out beside ACTIONABLE_BIOMARKERS (its tests are functions); the test compares both on every threshold.
  const byKind: Record<string, SQL> = {
    msi: sql`(b.kind = 'msi' and b.category = 'msi_h')`,
    tmb: sql`(b.kind = 'tmb' and b.value >= 10)`,
    pdl1_tps: sql`(b.kind = 'pdl1_tps' and b.value >= 50)`,
    pdl1_cps: sql`(b.kind = 'pdl1_cps' and b.value >= 5)`,
    her2_ihc: sql`(b.kind = 'her2_ihc' and b.category in ('1+', '2+', '3+'))`,
  };
  const kinds = [...new Set(ACTIONABLE_BIOMARKERS.map((a) => a.kind))];
  return sql`coalesce(${sql.join(kinds.map((k) => byKind[k]), sql` or `)}, false)`;
}

/** The order `mo` has at least one actionable variant or biomarker value. */
export function orderActionableSql(): SQL {
  return sql`(exists (select 1 from molecular_variants v where v.order_id = mo.id and ${actionableVariantSql()})
    or exists (select 1 from molecular_biomarkers b where b.order_id = mo.id and ${actionableBiomarkerSql()}))`;
}
