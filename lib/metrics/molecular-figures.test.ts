import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { loadActorBySession } from "@/lib/auth/sessions";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import type { DashboardMolecular, MolecularNode } from "@/lib/metrics/molecular";
import { getDashboardMolecular } from "@/lib/metrics/queries/dashboard";
import { seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { createTestStudy } from "@/lib/testing/study-builder";

const h = await setupTestDb();
const PERIOD = { from: "2026-01-01", to: "2026-06-30" };
const actorOf = async (email: string) => {
  const a = await loadActorBySession(h.db, (await signInAs(h.db, email)).sessionId);
  if (!a) throw new Error("no actor");
  return a;
};

type Spec = { at: "G1" | "R01" | "R20"; origin: "somatic" | "germline"; status: "ordered" | "reported" | "failed"; tat?: number; ordered?: string; hereditary?: boolean; variant?: [string, string | null, string | null, string]; msiH?: boolean };
/**
 * Hand-made orders: R01G1 (a hospital under R01), R01 itself, and R20 (outside R01's subtree).
 * Somatic actionable: EGFR p.Leu858Arg, MSI-H, EML4::ALK; not actionable: TP53 p.Arg175His.
 */
const ORDERS: Spec[] = [
  { at: "G1", origin: "somatic", status: "reported", tat: 7, variant: ["EGFR", null, "p.Leu858Arg", "snv"] },
  { at: "G1", origin: "somatic", status: "reported", tat: 10, variant: ["TP53", null, "p.Arg175His", "snv"] },
  { at: "G1", origin: "somatic", status: "reported", tat: 14, msiH: true },
  { at: "G1", origin: "somatic", status: "failed" },
  { at: "G1", origin: "germline", status: "reported", tat: 20, hereditary: true, variant: ["BRCA1", null, "p.Gln1756ProfsTer74", "duplication"] },
  { at: "G1", origin: "somatic", status: "ordered" },
  { at: "G1", origin: "germline", status: "reported", tat: 6 },
  { at: "G1", origin: "germline", status: "reported", tat: 6 },
  { at: "G1", origin: "germline", status: "reported", tat: 6 },
  { at: "G1", origin: "somatic", status: "reported", tat: 9, ordered: "2025-06-01", variant: ["EGFR", null, "p.Leu858Arg", "snv"] },
  { at: "R01", origin: "somatic", status: "reported", tat: 3, variant: ["ALK", "EML4", null, "fusion"] },
  { at: "R01", origin: "germline", status: "reported", tat: 5 },
  { at: "R20", origin: "somatic", status: "reported", tat: 30, variant: ["EGFR", null, "p.Leu858Arg", "snv"] },
];

beforeAll(async () => {
  const fx = await seedBase(h.db);
  const codes = { G1: "MF-201-R01G1-0001", R01: "MF-201-R01-0001", R20: "MF-201-R20-0001" } as const;
  await insertTestParticipants(h.db, Object.values(codes));
  const staff = { G1: "staff.gh1@ncrc.demo", R01: "staff.rc1@ncrc.demo", R20: "staff.rc20@ncrc.demo" } as const;
  const specimen: Record<string, number> = {};
  for (const at of ["G1", "R01", "R20"] as const) {
    const r = await runCommand(staff[at], registerSpecimenCommand, { type: "ffpe_block", ownerKind: "subject", subjectCode: codes[at], collectedAt: "2025-05-05T08:30", quantity: 1 });
    if (!r.ok) throw new Error(r.message);
    specimen[at] = r.data.id;
  }
  const lab = fx.org("TJ01").id;
  const by = fx.user("staff.gh1@ncrc.demo").id;
  for (const o of ORDERS) {
    const ordered = o.ordered ?? "2026-03-01";
    const [row] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into molecular_orders (specimen_id, participant_id, study_id, lab_centre_id, test_kind, origin, status, ordered_by, ordered_on,
            reported_on, turnaround_days, failed_on, failure_reason, results_at, hereditary_risk)
          select s.id, p.id, p.study_id, ${lab}, 'ngs_panel', ${o.origin}, ${o.status}, ${by}, ${ordered}::date,
            ${o.status === "reported" ? sql`${ordered}::date + ${o.tat ?? 0}::int` : sql`null`}, ${o.status === "reported" ? (o.tat ?? 0) : null},
            ${o.status === "failed" ? sql`${ordered}::date + 5` : sql`null`}, ${o.status === "failed" ? "Tumour content below 10%" : null},
            ${o.status === "reported" ? sql`now()` : sql`null`}, ${o.hereditary ?? false}
          from specimens s join participants p on p.id = s.participant_id where s.id = ${specimen[o.at]}
          returning id`,
    );
    if (o.variant) {
      const [gene, partner, hgvsP, type] = o.variant;
      const cls = o.origin === "somatic" ? sql`'tier_i', null` : sql`null, 'pathogenic'`;
      await h.db.execute(sql`insert into molecular_variants (order_id, line, gene, partner_gene, hgvs_p, variant_type, origin, somatic_tier, germline_class)
        values (${row.id}, 2, ${gene}, ${partner}, ${hgvsP}, ${type}, ${o.origin}, ${cls})`);
    }
    if (o.msiH) await h.db.execute(sql`insert into molecular_biomarkers (order_id, kind, category) values (${row.id}, 'msi', 'msi_h')`);
  }
});

async function view(email: string, centre?: string): Promise<DashboardMolecular | null> {
  return getDashboardMolecular(await actorOf(email), { ...PERIOD, centre }, h.db);
}
const figures = (n: MolecularNode | undefined) =>
  n && [n.ordered, n.reported, n.failed, n.medianTurnaroundDays, n.somaticReported, n.actionable, n.germlineReported, n.hereditary];

describe("molecular figures on the dashboard, counted by hand", () => {
  it("rolls up the centre tree: R01, its own centre, its hospital; germline counts below 5 suppressed", async () => {
    const d = await view("admin@ncrc.demo", "R01");
    const byCode = (code: string, own = false) => d?.nodes.find((n) => n.code === code && n.own === own);
    expect(d?.minGermlineCell).toBe(5);
    // [ordered, reported, failed, median days, somatic reported, actionable, germline reported, hereditary]
    // R01: medians of 7, 10, 14, 20, 6, 6, 6 (R01G1) and 3, 5 (R01) = 6; 5 germline reports shown, 1 hereditary-risk flag not.
    expect(figures(byCode("R01"))).toEqual([11, 9, 1, 6, 4, 3, 5, null]);
    expect(figures(byCode("R01", true))).toEqual([2, 2, 0, 4, 1, 1, null, null]);
    expect(figures(byCode("R01G1"))).toEqual([9, 7, 1, 7, 3, 2, null, null]);
    expect(byCode("R01")?.actionableShare).toBeCloseTo(0.75);
    expect(d?.nodes.some((n) => n.code === "R20")).toBe(false);
  });
  it("the network view counts R20 as well; nothing outside the period", async () => {
    const d = await view("admin@ncrc.demo");
    expect(figures(d?.nodes.find((n) => n.root))?.slice(0, 3)).toEqual([12, 10, 1]);
    const all = await getDashboardMolecular(await actorOf("admin@ncrc.demo"), { from: "2025-01-01", to: "2026-06-30" }, h.db);
    expect(all?.nodes.find((n) => n.root)?.ordered).toBe(13);
  });
  it("site staff see their own centre only; a centre outside their reach is no view; a viewer sees aggregates", async () => {
    const own = await view("staff.gh1@ncrc.demo");
    expect(own?.nodes.map((n) => [n.code, n.ordered])).toEqual([["R01G1", 9]]);
    expect(await view("staff.gh1@ncrc.demo", "R01")).toBeNull();
    expect(figures((await view("viewer@ncrc.demo", "R01"))?.nodes.find((n) => n.root))).toEqual([11, 9, 1, 6, 4, 3, 5, null]);
    expect(await view("lab@ncrc.demo", "R01")).toBeNull();
  });
});

describe("the funnel of biomarker studies", () => {
  beforeAll(async () => {
    // MF-301 takes MSI-H patients at R01; MF-302 germline BRCA1 carriers (a germline criterion: small cells suppressed).
    const a = await createTestStudy(h.db, { code: "MF-301", design: "observational", sites: [["R01", 10, "active"]] });
    const b = await createTestStudy(h.db, { code: "MF-302", design: "observational", sites: [["R01", 10, "active"]] });
    await h.db.execute(sql`insert into biomarker_criteria (protocol_version_id, ordinal, code, kind) values (${a.pv.id}, 1, 'B1', 'msi_high')`);
    await h.db.execute(sql`insert into biomarker_criteria (protocol_version_id, ordinal, code, kind, gene, min_germline_class) values (${b.pv.id}, 1, 'B1', 'gene_variant', 'BRCA1', 'likely_pathogenic')`);
    // The R01 patient was invited to MF-301 earlier (from a result since superseded).
    await h.db.execute(sql`insert into screening_invitations (participant_id, study_id, site_id, centre_id, protocol_version, criterion_codes, evidence, invited_on, invited_by)
      select p.id, ${a.study.id}, ${a.sites[0].id}, ${a.sites[0].centreId}, 1, array['B1'], '[]'::jsonb, '2026-04-01', ${a.study.piUserId}
      from participants p where p.subject_code = 'MF-201-R01-0001'`);
  });
  it("counts matched (open and invited), invited and enrolled per study over the view's patients", async () => {
    const d = await view("admin@ncrc.demo", "R01");
    const f = (code: string) => d?.funnel.find((x) => x.code === code);
    expect([f("MF-301")?.matched, f("MF-301")?.invited, f("MF-301")?.enrolled]).toEqual([2, 1, 0]);
    // One BRCA1 carrier: below the minimum cell, so not shown.
    expect([f("MF-302")?.matched, f("MF-302")?.invited, f("MF-302")?.enrolled]).toEqual([null, 0, 0]);
    expect(d?.funnel.map((x) => x.code)).toEqual(["MF-301", "MF-302"]);
    // Site staff of R01G1 count their own patients only: the invited R01 patient is not theirs.
    const own = await view("staff.gh1@ncrc.demo");
    expect([own?.funnel.find((x) => x.code === "MF-301")?.matched, own?.funnel.find((x) => x.code === "MF-301")?.invited]).toEqual([1, 0]);
  });
});
