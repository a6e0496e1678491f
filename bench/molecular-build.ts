// Builds the molecular benchmark's data straight into the tables (the commands are timed in
// bench/molecular.ts, not the build): 25,000 participants with a reported NGS panel each (some
// also a germline panel, an IHC test), and 50 recruiting studies with biomarker criteria.
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { biomarkerCriteria, molecularBiomarkers, molecularOrders, molecularVariants, participants, screenings, specimens, studySites } from "@/db/schema";
import { HGNC_SYMBOLS } from "@/lib/molecular/hgnc-symbols";
import { intBetween, seededRandom } from "@/lib/random/seeded";
import { createTestStudy } from "@/lib/testing/study-builder";

export const PATIENTS = 25_000;
export const STUDIES = 50;
const CHUNK = 1000;

/** The panel's genes: 500 HGNC symbols, the actionable ones first. */
export function panelGenes(): string[] {
  const first = ["EGFR", "KRAS", "BRAF", "ERBB2", "ALK", "RET", "ROS1", "MET", "PIK3CA", "TP53", "BRCA1", "BRCA2", "NRAS", "NTRK1", "FGFR2", "IDH1"];
  const rest = [...HGNC_SYMBOLS].filter((g) => !first.includes(g)).sort();
  return [...first, ...rest].slice(0, 500);
}

type V = Omit<typeof molecularVariants.$inferInsert, "orderId" | "line">;
const som = (gene: string, hgvsP: string | null, variantType: V["variantType"], tier: "tier_i" | "tier_ii" | "tier_iii", partnerGene: string | null = null): V => ({
  gene, partnerGene, hgvsP, variantType, origin: "somatic", somaticTier: tier, vaf: null,
});
/** Driver alterations at roughly the frequencies of Chinese solid-tumour cohorts, and passengers. */
const DRIVERS: [number, V][] = [
  [0.12, som("EGFR", "p.Leu858Arg", "snv", "tier_i")],
  [0.1, som("EGFR", "p.Glu746_Ala750del", "deletion", "tier_i")],
  [0.04, som("KRAS", "p.Gly12Cys", "snv", "tier_i")],
  [0.06, som("KRAS", "p.Gly12Asp", "snv", "tier_ii")],
  [0.03, som("BRAF", "p.Val600Glu", "snv", "tier_i")],
  [0.03, som("ALK", null, "fusion", "tier_i", "EML4")],
  [0.015, som("RET", null, "fusion", "tier_i", "KIF5B")],
  [0.04, som("ERBB2", null, "amplification", "tier_ii")],
  [0.05, som("PIK3CA", "p.His1047Arg", "snv", "tier_ii")],
  [0.3, som("TP53", "p.Arg273His", "snv", "tier_iii")],
];

type StudyPlan = { code: string; criteria: Omit<typeof biomarkerCriteria.$inferInsert, "protocolVersionId" | "ordinal" | "code">[] };
const CRITERIA_TEMPLATES: StudyPlan["criteria"][] = [
  [{ kind: "specific_variant", gene: "EGFR", hgvsP: "p.Leu858Arg", minVaf: "0.0500" }, { kind: "specific_variant", gene: "EGFR", hgvsP: "p.Glu746_Ala750del" }],
  [{ kind: "gene_variant", gene: "EGFR", variantTypes: ["snv", "deletion", "insertion", "delins"], maxTier: "tier_ii" }],
  [{ kind: "fusion", gene: "ALK" }, { kind: "fusion", gene: "ROS1" }],
  [{ kind: "fusion", gene: "RET" }],
  [{ kind: "specific_variant", gene: "KRAS", hgvsP: "p.Gly12Cys" }],
  [{ kind: "specific_variant", gene: "BRAF", hgvsP: "p.Val600Glu" }],
  [{ kind: "her2", her2Rule: "ihc_3plus_or_2plus_ish" }],
  [{ kind: "msi_high" }, { kind: "tmb", minValue: "10.00" }],
  [{ kind: "pdl1_tps", minValue: "50.00" }],
  [{ kind: "pdl1_cps", minValue: "5.00" }],
  [{ kind: "gene_variant", gene: "BRCA1", minGermlineClass: "likely_pathogenic" }, { kind: "gene_variant", gene: "BRCA2", minGermlineClass: "likely_pathogenic" }],
  [{ kind: "gene_variant", gene: "PIK3CA", maxTier: "tier_ii", minVaf: "0.1000" }],
];

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Builds the data; returns the users and centres the benchmark acts as. */
export async function buildMolecularBench(db: Db) {
  const rand = seededRandom(20261202);
  const [lab] = await queryRows<{ id: number; centreId: number }>(db, sql`select id, centre_id as "centreId" from users where role = 'molecular_lab' limit 1`);
  const [staff] = await queryRows<{ id: number }>(db, sql`select id from users where role = 'site_staff' limit 1`);
  const centres = await queryRows<{ id: number; code: string }>(db, sql`select id, code from organisations where level in ('regional_centre', 'grassroots') order by id`);

  // The patients' own study: an observational cohort with a site at every regional and grass-roots centre.
  const cohort = await createTestStudy(db, { code: "BM-000", design: "observational" });
  const sites = await db
    .insert(studySites)
    .values(centres.map((c) => ({ studyId: cohort.study.id, centreId: c.id, target: 100_000, status: "active" as const })))
    .returning({ id: studySites.id, centreId: studySites.centreId });
  const pick = () => sites[Math.floor(rand() * sites.length)];
  const people = Array.from({ length: PATIENTS }, (_, i) => ({ i, site: pick() }));
  const seqs = new Map<number, number>();
  const screeningIds: number[] = [];
  await insertChunks(people, async (chunk) => {
    const rows = await db
      .insert(screenings)
      .values(chunk.map((p) => ({ studyId: cohort.study.id, siteId: p.site.id, centreId: p.site.centreId, protocolVersion: 1, screenedOn: "2025-03-01", outcome: "eligible" as const, answers: {} })))
      .returning({ id: screenings.id });
    screeningIds.push(...rows.map((r) => r.id));
  });
  const codeOf = new Map(centres.map((c) => [c.id, c.code]));
  const pids: { id: number; centreId: number }[] = [];
  await insertChunks(people, async (chunk) => {
    const rows = await db
      .insert(participants)
      .values(
        chunk.map((p) => {
          const seq = (seqs.get(p.site.id) ?? 0) + 1;
          seqs.set(p.site.id, seq);
          const subjectCode = `BM-000-${codeOf.get(p.site.centreId)}-${String(seq).padStart(4, "0")}`;
          return {
            studyId: cohort.study.id, screeningId: screeningIds[p.i], enrolSiteId: p.site.id, siteId: p.site.id, centreId: p.site.centreId, seq, subjectCode,
            nationalIdHash: `bench${String(p.i).padStart(59, "0")}`, yearOfBirth: 1950 + (p.i % 40), sex: p.i % 2 ? ("male" as const) : ("female" as const),
            consentVersionId: cohort.consent.id, consentDate: "2025-03-01", enrolledOn: "2025-03-01",
          };
        }),
      )
      .returning({ id: participants.id, centreId: participants.centreId, subjectCode: participants.subjectCode });
    pids.push(...rows);
  });

  // One tissue specimen and a reported NGS panel per patient; a germline panel for 10 %, an IHC test for 30 %.
  const orders: { pid: number; centreId: number; testKind: "ngs_panel" | "ihc"; origin: "somatic" | "germline" }[] = [];
  for (const p of pids) {
    orders.push({ pid: p.id, centreId: p.centreId, testKind: "ngs_panel", origin: "somatic" });
    if (rand() < 0.1) orders.push({ pid: p.id, centreId: p.centreId, testKind: "ngs_panel", origin: "germline" });
    if (rand() < 0.3) orders.push({ pid: p.id, centreId: p.centreId, testKind: "ihc", origin: "somatic" });
  }
  const specimenOf = new Map<number, number>();
  await insertChunks(pids, async (chunk) => {
    const rows = await db
      .insert(specimens)
      .values(chunk.map((p, k) => ({ barcode: `BMK${String(p.id).padStart(9, "0")}${k}`, category: "tissue" as const, type: "ffpe_block" as const, centreId: p.centreId, holderCentreId: p.centreId, participantId: p.id, subjectCode: "x", collectedAt: new Date("2025-03-02T08:00:00Z"), quantity: "1", unit: "block" as const, futureConsent: "yes" as const })))
      .returning({ id: specimens.id, participantId: specimens.participantId });
    for (const r of rows) specimenOf.set(r.participantId!, r.id);
  });
  const orderIds: number[] = [];
  await insertChunks(orders, async (chunk) => {
    const rows = await db
      .insert(molecularOrders)
      .values(chunk.map((o) => ({ specimenId: specimenOf.get(o.pid)!, participantId: o.pid, studyId: cohort.study.id, labCentreId: lab.centreId, testKind: o.testKind, origin: o.origin, status: "reported" as const, orderedBy: staff.id, orderedOn: "2025-03-03", receivedOn: "2025-03-04", analysisOn: "2025-03-05", reportedOn: "2025-03-12", turnaroundDays: 9, resultsAt: new Date("2025-03-11T08:00:00Z") })))
      .returning({ id: molecularOrders.id });
    orderIds.push(...rows.map((r) => r.id));
  });
  const genes = panelGenes();
  const variants: (typeof molecularVariants.$inferInsert)[] = [];
  const markers: (typeof molecularBiomarkers.$inferInsert)[] = [];
  orders.forEach((o, k) => {
    const orderId = orderIds[k];
    let line = 10;
    if (o.testKind === "ihc") {
      markers.push({ orderId, kind: "pdl1_tps", value: String(intBetween(rand, 0, 100)) });
      if (rand() < 0.5) markers.push({ orderId, kind: "pdl1_cps", value: String(intBetween(rand, 0, 30)) });
      markers.push({ orderId, kind: "her2_ihc", category: ["0", "1+", "2+", "3+"][Math.floor(rand() * 4)] });
      return;
    }
    if (o.origin === "germline") {
      if (rand() < 0.3) variants.push({ orderId, line: line++, gene: rand() < 0.5 ? "BRCA1" : "BRCA2", hgvsP: "p.Glu23ValfsTer17", variantType: "deletion", origin: "germline", germlineClass: rand() < 0.5 ? "pathogenic" : "uncertain_significance", vaf: "0.5000" });
      return;
    }
    for (const [freq, v] of DRIVERS) if (rand() < freq) variants.push({ ...v, orderId, line: line++, vaf: v.variantType === "fusion" ? null : (0.02 + rand() * 0.5).toFixed(4) });
    for (let n = 0; n < 3; n++) {
      const gene = genes[16 + Math.floor(rand() * (genes.length - 16))];
      variants.push({ orderId, line: line++, gene, hgvsP: `p.Ala${intBetween(rand, 2, 900)}Val`, variantType: "snv", origin: "somatic", somaticTier: "tier_iii", vaf: (rand() * 0.5).toFixed(4) });
    }
    // TMB: most tumours below 10 mut/Mb, about one in ten above (an exponential with mean 4.5).
    markers.push({ orderId, kind: "tmb", value: Math.min(999, -Math.log(1 - rand()) * 4.5).toFixed(2) });
    markers.push({ orderId, kind: "msi", category: rand() < 0.05 ? "msi_h" : "mss" });
  });
  await insertChunks(variants, (c) => db.insert(molecularVariants).values(c));
  await insertChunks(markers, (c) => db.insert(molecularBiomarkers).values(c));

  // 50 recruiting biomarker studies, each with 3–8 active sites.
  for (let s = 0; s < STUDIES; s++) {
    const code = `BT-${String(s + 1).padStart(3, "0")}`;
    const n = intBetween(rand, 3, 8);
    const at = new Set<string>();
    while (at.size < n) at.add(centres[Math.floor(rand() * centres.length)].code);
    const built = await createTestStudy(db, { code, design: "observational", sites: [...at].map((c) => [c, 100] as [string, number]) });
    const template = CRITERIA_TEMPLATES[s % CRITERIA_TEMPLATES.length];
    await db.insert(biomarkerCriteria).values(template.map((c, i) => ({ ...c, protocolVersionId: built.pv.id, ordinal: i + 1, code: `B${i + 1}` })));
  }
  return { lab, cohortId: cohort.study.id, specimenOf, pids, variants: variants.length, orders: orders.length };
}
