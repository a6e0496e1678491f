import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { biomarkerCriteria, molecularBiomarkers, molecularOrders, molecularVariants } from "@/db/schema";
import { raisesHereditaryRisk } from "@/lib/molecular/hereditary";
import { intBetween, seededRandom } from "@/lib/random/seeded";
import { addDays, daysBetween } from "@/lib/time/network-day";
import { seedClock, type SeedClock } from "@/seed/clock";
import { planResult, tumourOf, type PlannedResult } from "@/seed/molecular-plan";
import { DEMO_BIOMARKER_CRITERIA } from "@/seed/molecular-criteria";

/** Share of the tested studies' participants who have a test. */
const TESTED = 0.7;
const FAILURES = ["肿瘤细胞含量低于 10% / Tumour content below 10%", "DNA 降解，文库构建失败 / Degraded DNA: library preparation failed", "测序质控未通过 / Sequencing QC failed"];

type Patient = { id: number; studyId: number; studyCode: string; centreId: number; enrolledOn: string; specimenId: number; orderedBy: number };

/**
 * Molecular tests of the demo participants (lib/molecular, db/schema/molecular.ts): one test on
 * each tested participant's stored blood specimen (plasma ctDNA for somatic panels, germline
 * panels for the hereditary breast cohort), run at the lab centre, with results drawn from
 * seed/molecular-plan.ts. Recent tests are still at the lab (ordered, received, in analysis);
 * the rest are reported (a few failed, with the reason). Then the biomarker criteria of the
 * recruiting demo studies (seed/molecular-criteria.ts), so that matches exist at several sites.
 * Runs after the biobank (the specimens) and is deterministic: one seeded generator, ids in order.
 */
export async function seedMolecular(db: Db, clock: SeedClock = seedClock()): Promise<void> {
  const [lab] = await queryRows<{ centreId: number }>(db, sql`select centre_id as "centreId" from users where role = 'molecular_lab' and not disabled order by id limit 1`);
  if (!lab) throw new Error("seed the users first: no molecular lab");
  const patients = await queryRows<Patient>(
    db,
    sql`select p.id, p.study_id as "studyId", st.code as "studyCode", p.centre_id as "centreId", p.enrolled_on::text as "enrolledOn",
          (select min(s.id) from specimens s where s.participant_id = p.id and s.category = 'blood') as "specimenId",
          coalesce((select min(u.id) from users u where u.role = 'site_staff' and u.centre_id = p.centre_id and not u.disabled), st.pi_user_id) as "orderedBy"
        from participants p join studies st on st.id = p.study_id
        order by p.id`,
  );
  const rand = seededRandom(20_261_216);
  type Row = { order: typeof molecularOrders.$inferInsert; result: PlannedResult | null };
  const rows: Row[] = [];
  for (const p of patients) {
    const tumour = tumourOf(p.studyCode, rand);
    if (!tumour || p.specimenId === null || rand() >= TESTED) continue;
    const result = planResult(tumour, rand);
    const orderedOn = minDay(addDays(p.enrolledOn, intBetween(rand, -20, 10)), clock.today);
    const tat = result.origin === "germline" ? intBetween(rand, 10, 25) : intBetween(rand, 5, 14);
    const waited = daysBetween(orderedOn, clock.today);
    const failed = rand() < 0.03;
    const base = { specimenId: p.specimenId, participantId: p.id, studyId: p.studyId, labCentreId: lab.centreId, testKind: result.testKind, origin: result.origin, orderedBy: p.orderedBy, orderedOn };
    if (waited < tat && !failed) {
      // Still at the lab: received after a day, in analysis after three.
      const status = waited < 1 ? "ordered" : waited < 3 ? "received" : "in_analysis";
      rows.push({ order: { ...base, status, receivedOn: waited >= 1 ? addDays(orderedOn, 1) : null, analysisOn: waited >= 3 ? addDays(orderedOn, 3) : null }, result: null });
    } else if (failed) {
      rows.push({ order: { ...base, status: "failed", receivedOn: addDays(orderedOn, 1), failedOn: minDay(addDays(orderedOn, 4), clock.today), failureReason: FAILURES[p.id % FAILURES.length] }, result: null });
    } else {
      const reportedOn = addDays(orderedOn, tat);
      const hereditaryRisk = result.variants.some((v) => raisesHereditaryRisk({ ...v, origin: result.origin }));
      rows.push({
        order: {
          ...base,
          status: "reported",
          receivedOn: addDays(orderedOn, 1),
          analysisOn: addDays(orderedOn, 3),
          reportedOn,
          turnaroundDays: tat,
          resultsAt: new Date(`${addDays(reportedOn, -1)}T09:00:00+08:00`),
          hereditaryRisk,
          tumourContentPct: result.origin === "somatic" ? String(intBetween(rand, 20, 80)) : null,
          meanDepth: result.testKind === "ngs_panel" || result.testKind === "tmb" ? intBetween(rand, 500, 2500) : null,
          coveragePct: result.testKind === "ngs_panel" || result.testKind === "tmb" ? (95 + rand() * 4.9).toFixed(1) : null,
        },
        result,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const ids = await db.insert(molecularOrders).values(chunk.map((r) => r.order)).returning({ id: molecularOrders.id });
    const variants = chunk.flatMap((r, k) =>
      (r.result?.variants ?? []).map((v, line) => ({ ...v, orderId: ids[k].id, line: line + 2, origin: r.result!.origin, vaf: v.vaf === null ? null : v.vaf.toFixed(4) })),
    );
    const biomarkers = chunk.flatMap((r, k) => (r.result?.biomarkers ?? []).map((b) => ({ ...b, orderId: ids[k].id, value: b.value === null ? null : b.value.toFixed(2) })));
    if (variants.length) await db.insert(molecularVariants).values(variants);
    if (biomarkers.length) await db.insert(molecularBiomarkers).values(biomarkers);
  }
  await seedBiomarkerCriteria(db);
  await db.execute(sql`analyze molecular_orders`);
  await db.execute(sql`analyze molecular_variants`);
  await db.execute(sql`analyze molecular_biomarkers`);
}

const minDay = (a: string, b: string) => (a < b ? a : b);

/** The biomarker criteria of the recruiting demo studies, on their protocol version in force. */
async function seedBiomarkerCriteria(db: Db): Promise<void> {
  const versions = await queryRows<{ id: number; code: string }>(
    db,
    sql`select pv.id, s.code from studies s join protocol_versions pv on pv.study_id = s.id and pv.version = s.current_protocol_version order by s.code`,
  );
  const values = versions.flatMap((v) =>
    (DEMO_BIOMARKER_CRITERIA[v.code] ?? []).map((c, i) => ({
      protocolVersionId: v.id,
      ordinal: i + 1,
      code: `B${i + 1}`,
      kind: c.kind,
      gene: c.gene ?? null,
      partnerGene: c.partnerGene ?? null,
      variantTypes: c.variantTypes ?? null,
      hgvsP: c.hgvsP ?? null,
      maxTier: c.maxTier ?? null,
      minGermlineClass: c.minGermlineClass ?? null,
      minValue: c.minValue === undefined ? null : c.minValue.toFixed(2),
    })),
  );
  if (values.length) await db.insert(biomarkerCriteria).values(values);
}
