import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { biomarkerCriteria, molecularBiomarkers, molecularOrders, molecularVariants } from "@/db/schema";
import { raisesHereditaryRisk } from "@/lib/molecular/hereditary";
import { intBetween, seededRandom } from "@/lib/random/seeded";
import { addDays, daysBetween } from "@/lib/time/network-day";
import { seedClock, type SeedClock } from "@/seed/clock";
import { donorTumour, planResult, tumourOf, type PlannedResult, type Tumour } from "@/seed/molecular-plan";
import { DEMO_BIOMARKER_CRITERIA } from "@/seed/molecular-criteria";

/** Share of the tested studies' participants who have a test. */
const TESTED = 0.7;
const FAILURES = ["肿瘤细胞含量低于 10% / Tumour content below 10%", "DNA 降解，文库构建失败 / Degraded DNA: library preparation failed", "测序质控未通过 / Sequencing QC failed"];

/** One biobank donor in this many has a test (about a thousand of the demo's 25,000). */
const DONOR_TESTED_EVERY = 25;

type Patient = { id: number; studyId: number; studyCode: string; centreId: number; enrolledOn: string; specimenId: number; orderedBy: number };
type Donor = { id: number; collectedOn: string; specimenId: number; orderedBy: number };

/**
 * Molecular tests of the demo participants and donors (lib/molecular, db/schema/molecular.ts): one
 * test on each tested participant's stored blood specimen (plasma ctDNA for somatic panels, germline
 * panels for the hereditary breast cohort), run at the lab centre, with results drawn from
 * seed/molecular-plan.ts. Recent tests are still at the lab (ordered, received, in analysis);
 * the rest are reported (a few failed, with the reason). Then the biomarker criteria of the
 * recruiting demo studies (seed/molecular-criteria.ts), so that matches exist at several sites.
 * Biobank donors (one in DONOR_TESTED_EVERY, ordered by their centre's site staff) get a test on
 * their first tissue or blood specimen, their tumour drawn from the hub's main cancers, from a
 * generator of their own (the participants' draws do not move).
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
  const rows: Row[] = [];
  for (const p of patients) {
    const tumour = tumourOf(p.studyCode, rand);
    if (!tumour || p.specimenId === null || rand() >= TESTED) continue;
    const owner = { specimenId: p.specimenId, participantId: p.id, studyId: p.studyId, labCentreId: lab.centreId, orderedBy: p.orderedBy };
    rows.push(planOrder(owner, () => minDay(addDays(p.enrolledOn, intBetween(rand, -20, 10)), clock.today), tumour, rand, clock, p.id));
  }
  const donors = await queryRows<Donor>(
    db,
    sql`select d.id, (min(s.collected_at) at time zone 'Asia/Shanghai')::date::text as "collectedOn",
          min(s.id) filter (where s.category in ('tissue', 'blood')) as "specimenId",
          (select min(u.id) from users u where u.role = 'site_staff' and u.centre_id = d.centre_id and not u.disabled) as "orderedBy"
        from donors d join specimens s on s.donor_id = d.id
        where d.id % ${DONOR_TESTED_EVERY} = 0
        group by d.id order by d.id`,
  );
  const donorRand = seededRandom(20_261_217);
  for (const d of donors) {
    if (d.specimenId === null || d.orderedBy === null) continue;
    const tumour = donorTumour(donorRand);
    const owner = { specimenId: d.specimenId, donorId: d.id, labCentreId: lab.centreId, orderedBy: d.orderedBy };
    rows.push(planOrder(owner, () => minDay(addDays(d.collectedOn, intBetween(donorRand, 1, 30)), clock.today), tumour, donorRand, clock, d.id));
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

type Row = { order: typeof molecularOrders.$inferInsert; result: PlannedResult | null };
type OrderOwner = Pick<typeof molecularOrders.$inferInsert, "specimenId" | "participantId" | "donorId" | "studyId" | "labCentreId" | "orderedBy">;

/**
 * One test and where it stands today: still at the lab, failed (with a reason), or reported with
 * its results. The order day is drawn after the result (`orderedOnOf`), as the demo always drew it.
 */
function planOrder(owner: OrderOwner, orderedOnOf: () => string, tumour: Tumour, rand: () => number, clock: SeedClock, n: number): Row {
  const result = planResult(tumour, rand);
  const orderedOn = orderedOnOf();
  const tat = result.origin === "germline" ? intBetween(rand, 10, 25) : intBetween(rand, 5, 14);
  const waited = daysBetween(orderedOn, clock.today);
  const failed = rand() < 0.03;
  const base = { ...owner, testKind: result.testKind, origin: result.origin, orderedOn };
  if (waited < tat && !failed) {
    // Still at the lab: received after a day, in analysis after three.
    const status = waited < 1 ? "ordered" : waited < 3 ? "received" : "in_analysis";
    return { order: { ...base, status, receivedOn: waited >= 1 ? addDays(orderedOn, 1) : null, analysisOn: waited >= 3 ? addDays(orderedOn, 3) : null }, result: null };
  }
  if (failed) {
    return { order: { ...base, status: "failed", receivedOn: addDays(orderedOn, 1), failedOn: minDay(addDays(orderedOn, 4), clock.today), failureReason: FAILURES[n % FAILURES.length] }, result: null };
  }
  const reportedOn = addDays(orderedOn, tat);
  const hereditaryRisk = result.variants.some((v) => raisesHereditaryRisk({ ...v, origin: result.origin }));
  return {
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
  };
}

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
