import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { computeMatches } from "@/lib/molecular/match-engine";
import { setupTestDb } from "@/lib/testing/db";
import { DEMO_SEED_CLOCK, seedDemoThrough } from "@/lib/testing/demo-seed";
import { seedMolecular } from "@/seed/molecular";
import { planResult } from "@/seed/molecular-plan";
import { seededRandom } from "@/lib/random/seeded";

const CLOCK = DEMO_SEED_CLOCK;
const h = await setupTestDb();

beforeAll(async () => {
  await seedDemoThrough(h.db, "enrolment");
  // The biobank step gives every participant one stored blood specimen; this much of it is what the molecular step needs.
  await h.db.execute(sql`insert into specimens (barcode, category, type, centre_id, holder_centre_id, participant_id, subject_code, collected_at, quantity, unit, future_consent, status)
    select 'NB' || lpad(p.id::text, 9, '0'), 'blood', 'plasma', p.centre_id, p.centre_id, p.id, p.subject_code, p.enrolled_on::timestamp at time zone 'Asia/Shanghai', 2, 'ml', 'yes', 'available'
    from participants p`);
  await seedMolecular(h.db, CLOCK);
}, 600_000);

const share = (n: number, of: number) => n / of;

describe("the demo's molecular results", () => {
  it("has a few thousand tests, most reported, some still at the lab, a few failed with a reason", async () => {
    const rows = await queryRows<{ status: string; n: number; no_reason: number }>(
      h.db,
      sql`select status::text, count(*)::int as n, count(*) filter (where status = 'failed' and failure_reason is null)::int as no_reason from molecular_orders group by 1 order by 1`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const total = rows.reduce((a, r) => a + r.n, 0);
    expect(total).toBeGreaterThan(1500);
    expect(share(by.reported, total)).toBeGreaterThan(0.85);
    expect(by.failed).toBeGreaterThan(0);
    expect((by.ordered ?? 0) + (by.received ?? 0) + (by.in_analysis ?? 0)).toBeGreaterThan(0);
    expect(rows.every((r) => r.no_reason === 0)).toBe(true);
  });

  it("gives frequencies typical of Chinese patients, per tumour (pure plan, 20,000 draws each)", () => {
    const freq = (tumour: Parameters<typeof planResult>[0], hit: (r: ReturnType<typeof planResult>) => boolean) => {
      const rand = seededRandom(7);
      let n = 0;
      for (let i = 0; i < 20_000; i++) if (hit(planResult(tumour, rand))) n++;
      return n / 20_000;
    };
    const gene = (g: string, p?: string) => (r: ReturnType<typeof planResult>) => r.variants.some((v) => (v.gene === g || v.partnerGene === g) && (!p || v.hgvsP === p));
    expect(freq("lung", gene("EGFR"))).toBeCloseTo(0.5, 1);
    expect(freq("lung", gene("ALK"))).toBeCloseTo(0.05, 1);
    expect(freq("gastric", gene("ERBB2"))).toBeGreaterThan(0.11);
    expect(freq("gastric", gene("ERBB2"))).toBeLessThan(0.15);
    expect(freq("colorectal", gene("KRAS"))).toBeCloseTo(0.45, 1);
    expect(freq("colorectal", gene("BRAF", "p.Val600Glu"))).toBeCloseTo(0.05, 1);
    const msiH = freq("colorectal", (r) => r.biomarkers.some((b) => b.category === "msi_h"));
    expect(msiH).toBeGreaterThan(0.05);
    expect(msiH).toBeLessThan(0.08);
    const brca = freq("breast_germline", (r) => r.variants.some((v) => (v.gene === "BRCA1" || v.gene === "BRCA2") && v.germlineClass === "pathogenic"));
    expect(brca).toBeCloseTo(0.05, 1);
    const v600e = freq("thyroid", gene("BRAF", "p.Val600Glu"));
    expect(v600e).toBeGreaterThan(0.7);
    expect(v600e).toBeLessThan(0.8);
    expect(freq("thyroid", gene("RET"))).toBeGreaterThan(0.03);
  });

  it("flags hereditary risk on the germline BRCA carriers of the breast cohort only", async () => {
    const [r] = await queryRows<{ flagged: number; carriers: number; wrong: number }>(
      h.db,
      sql`select count(*) filter (where mo.hereditary_risk)::int as flagged,
            count(*) filter (where exists (select 1 from molecular_variants v where v.order_id = mo.id and v.germline_class in ('pathogenic','likely_pathogenic')))::int as carriers,
            count(*) filter (where mo.hereditary_risk and mo.origin <> 'germline')::int as wrong
          from molecular_orders mo`,
    );
    expect(r.flagged).toBeGreaterThan(0);
    expect(r.flagged).toBe(r.carriers);
    expect(r.wrong).toBe(0);
  });

  it("puts biomarker criteria on recruiting studies so that patients match at several sites", async () => {
    const matches = await computeMatches(h.db, { scope: sql`true`, donors: sql`true`, results: sql`true` });
    const studies = new Set(matches.map((m) => m.studyCode));
    const centres = new Set(matches.map((m) => m.centreId));
    expect([...studies].sort()).toEqual(expect.arrayContaining(["GC-IO-301", "LC-203", "TIL-BIO-06"]));
    expect(centres.size).toBeGreaterThan(5);
  });
});
