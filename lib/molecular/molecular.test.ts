import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { failOrderCommand } from "@/lib/molecular/commands/fail-order";
import { importResultsCommand } from "@/lib/molecular/commands/import-results";
import { orderTestCommand } from "@/lib/molecular/commands/order-test";
import { receiveOrderCommand } from "@/lib/molecular/commands/receive-order";
import { reportOrderCommand } from "@/lib/molecular/commands/report-order";
import { startAnalysisCommand } from "@/lib/molecular/commands/start-analysis";
import { listOrders, orderReport } from "@/lib/molecular/queries/orders";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { refusedNothingWrittenBy, RESULT_HEAD as HEAD, signedInActor, tsv as T } from "@/lib/testing/molecular";
import { insertTestParticipants } from "@/lib/testing/participants";
import { expectOk as ok } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { addDays, networkToday } from "@/lib/time/network-day";

const h = await setupTestDb();
const TABLES = ["molecular_orders", "molecular_variants", "molecular_biomarkers", "audit_events"];
const counts = () => countRows(h.db, TABLES);
const LAB = "lab@ncrc.demo";
const SITE = "staff.gh1@ncrc.demo";
const OTHER_SITE = "staff.rc20@ncrc.demo";
const actorOf = (email: string) => signedInActor(h.db, email);
const refusedNothingWritten = refusedNothingWrittenBy(counts);

const VCF = [
  "##fileformat=VCFv4.2",
  "##reference=GRCh38",
  '##INFO=<ID=ANN,Number=.,Type=String,Description="SnpEff">',
  '##INFO=<ID=CLASS,Number=A,Type=String,Description="class">',
  '##FORMAT=<ID=AF,Number=A,Type=Float,Description="AF">',
  '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="DP">',
  T("#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT", "TUMOR"),
  T("chr7", "55191822", ".", "T", "G", ".", "PASS", "ANN=G|missense_variant|MODERATE|EGFR|EGFR|transcript|NM_005228.5|protein_coding|21/28|c.2573T>G|p.L858R;CLASS=I", "AF:DP", "0.23:812"),
];

let specimenId = 0;
let labCentreId = 0;
let noLabCentreId = 0;
beforeAll(async () => {
  const fx = await seedBase(h.db);
  labCentreId = fx.org("TJ01").id;
  noLabCentreId = fx.org("R01").id;
  await insertTestParticipants(h.db, ["MT-101-R01G1-0001"]);
  const s = ok(await runCommand(SITE, registerSpecimenCommand, { type: "ffpe_block", ownerKind: "subject", subjectCode: "MT-101-R01G1-0001", collectedAt: "2026-01-05T08:30", quantity: 1 }));
  specimenId = s.id;
});

const order = (who: string, extra: Record<string, unknown> = {}) => runCommand(who, orderTestCommand, { specimenId, labCentreId, testKind: "ngs_panel", origin: "somatic", ...extra });
const lab = {
  receive: (orderId: number) => runCommand(LAB, receiveOrderCommand, { orderId }),
  analyse: (orderId: number) => runCommand(LAB, startAnalysisCommand, { orderId }),
  import: (orderId: number, lines: (string | null)[], extra: Record<string, unknown> = {}) => runCommand(LAB, importResultsCommand, { orderId, format: "vcf", lines, ...extra }),
  report: (orderId: number, extra: Record<string, unknown> = { tumourContentPct: 40, meanDepth: 900, coveragePct: 98.5 }) => runCommand(LAB, reportOrderCommand, { orderId, ...extra }),
};

describe("ordering a test", () => {
  it("the participant's site orders; the same request key gives the same order", async () => {
    const before = await counts();
    const key = "order-key-0000000001";
    const a = ok(await order(SITE, { requestKey: key }));
    const b = ok(await order(SITE, { requestKey: key }));
    expect(b.id).toBe(a.id);
    expect(a.orderedOn).toBe(networkToday());
    const after = await counts();
    expect(after.molecular_orders - before.molecular_orders).toBe(1);
    expect(after.audit_events - before.audit_events).toBe(1);
  });
  it("the study's PI may order; another site, a viewer, the lab may not; a centre without a lab is refused", async () => {
    ok(await order("pi@ncrc.demo"));
    await refusedNothingWritten(() => order(OTHER_SITE), "specimenId");
    await refusedNothingWritten(() => order("viewer@ncrc.demo"));
    await refusedNothingWritten(() => order(LAB));
    await refusedNothingWritten(() => order(SITE, { labCentreId: noLabCentreId }), "labCentreId");
  });
});

describe("the lab's steps", () => {
  it("ordered -> received -> in analysis -> reported, with quality figures and the turnaround in network days", async () => {
    const { id } = ok(await order(SITE));
    // Only the lab takes these steps, and each one only from its own status.
    await refusedNothingWritten(() => runCommand(SITE, receiveOrderCommand, { orderId: id }));
    await refusedNothingWritten(() => lab.analyse(id));
    ok(await lab.receive(id));
    await refusedNothingWritten(() => lab.receive(id));
    ok(await lab.analyse(id));
    await refusedNothingWritten(() => lab.report(id));
    ok(await lab.import(id, VCF, { tmb: 12.5, msiStatus: "mss" }));
    await refusedNothingWritten(() => lab.report(id, { tumourContentPct: 40 }), "meanDepth");
    await h.db.execute(sql`update molecular_orders set ordered_on = ${addDays(networkToday(), -9)} where id = ${id}`);
    const r = ok(await lab.report(id));
    expect(r.turnaroundDays).toBe(9);
    const report = await orderReport(await actorOf(SITE), id, h.db);
    expect(report).toMatchObject({ status: "reported", tumourContentPct: 40, meanDepth: 900, coveragePct: 98.5, turnaroundDays: 9 });
    expect(report?.variants[0]).toMatchObject({ gene: "EGFR", hgvsP: "p.Leu858Arg", vaf: 0.23, somaticTier: "tier_i" });
    expect(report?.variants[0].actionable[0].therapies).toContain("osimertinib");
    expect(report?.biomarkers.find((b) => b.kind === "tmb")).toMatchObject({ value: 12.5, actionable: [expect.objectContaining({ level: "1" })] });
  });
  it("lab staff of another centre cannot touch this lab's orders (a crafted id is not found)", async () => {
    const { id } = ok(await order(SITE));
    await h.db.execute(sql`insert into users (email, name, role, centre_id, password_hash) select 'lab.r01@ncrc.test', 'Lab R01', 'molecular_lab', ${noLabCentreId}, password_hash from users where email = ${LAB}`);
    const r = await refusedNothingWritten(() => runCommand("lab.r01@ncrc.test", receiveOrderCommand, { orderId: id }));
    expect(r.message).toBe((await refusedNothingWritten(() => runCommand("lab.r01@ncrc.test", receiveOrderCommand, { orderId: 999_999 }))).message);
    expect(await orderReport(await actorOf("lab.r01@ncrc.test"), id, h.db)).toBeNull();
    // Disabled again: R01 stays a centre without a lab for the other cases.
    await h.db.execute(sql`update users set disabled = true where email = 'lab.r01@ncrc.test'`);
  });
  it("an IHC test reports biomarker values only", async () => {
    const { id } = ok(await order(SITE, { testKind: "ihc" }));
    ok(await lab.receive(id));
    ok(await lab.analyse(id));
    await refusedNothingWritten(() => lab.import(id, []));
    ok(await lab.import(id, [], { pdl1Tps: 60, her2Ihc: "3+" }));
    ok(await lab.report(id, {}));
    const report = await orderReport(await actorOf(SITE), id, h.db);
    expect(report?.biomarkers.map((b) => [b.kind, b.value, b.category, b.actionable.length > 0])).toEqual([
      ["pdl1_tps", 60, null, true],
      ["her2_ihc", null, "3+", true],
    ]);
  });
  it("a failure ends the test with its reason; a reported or failed test moves no more", async () => {
    const { id } = ok(await order(SITE));
    ok(await lab.receive(id));
    await refusedNothingWritten(() => runCommand(LAB, failOrderCommand, { orderId: id, reason: "" }), "reason");
    ok(await runCommand(LAB, failOrderCommand, { orderId: id, reason: "Tumour content below 10%" }));
    await refusedNothingWritten(() => runCommand(LAB, failOrderCommand, { orderId: id, reason: "again" }));
    await refusedNothingWritten(() => lab.analyse(id));
    expect(await orderReport(await actorOf(SITE), id, h.db)).toMatchObject({ status: "failed", failureReason: "Tumour content below 10%" });
  });
});

describe("importing results", () => {
  it("a dry run reports every problem by line and writes nothing; a real import with a refused line writes nothing", async () => {
    const { id } = ok(await order(SITE));
    ok(await lab.receive(id));
    ok(await lab.analyse(id));
    const bad = [...VCF, T("chr7", "1", ".", "T", "G", ".", "PASS", "CLASS=I", "AF:DP", "0.2:500"), "garbage"];
    bad[1] = "##reference=hg19";
    const before = await counts();
    const dry = ok(await lab.import(id, bad, { dryRun: true }));
    const afterDry = await counts();
    expect(dry.problems).toEqual([
      { line: 2, code: "wrongBuild", value: "##reference=hg19" },
      { line: 9, code: "missingField", value: "ANN (G)" },
      { line: 10, code: "malformedLine" },
    ]);
    expect(afterDry).toEqual({ ...before, audit_events: before.audit_events + 1 });
    const r = await refusedNothingWritten(() => lab.import(id, bad));
    expect(r.message).toMatch(/3/);
    // The table format, with a blank line kept as null so line numbers stay those of the file.
    ok(await lab.import(id, [HEAD, null, T("EML4::ALK", "", "", "", "fusion", "", "", "I")], { format: "table" }));
    await refusedNothingWritten(() => lab.import(id, VCF));
    const report = await orderReport(await actorOf(SITE), id, h.db);
    expect(report?.variants).toEqual([expect.objectContaining({ line: 3, gene: "ALK", partnerGene: "EML4", variantType: "fusion" })]);
  });
});

describe("who sees results", () => {
  let somatic = 0;
  let germline = 0;
  beforeAll(async () => {
    somatic = ok(await order(SITE)).id;
    germline = ok(await order("pi@ncrc.demo", { origin: "germline" })).id;
    for (const id of [somatic, germline]) {
      ok(await lab.receive(id));
      ok(await lab.analyse(id));
    }
    ok(await lab.import(somatic, [HEAD, T("BRAF", "NM_004333.6", "c.1799T>A", "p.V600E", "snv", "0.3", "500", "Tier I")], { format: "table" }));
    ok(await lab.import(germline, [HEAD, T("BRCA2", "NM_000059.4", "c.5946del", "p.S1982Rfs*22", "deletion", "0.5", "300", "Pathogenic")], { format: "table" }));
  });
  it("another site's staff, the viewer and a monitor outside the study see no result rows", async () => {
    for (const email of [OTHER_SITE, "viewer@ncrc.demo", "monitor@ncrc.demo", "biobank@ncrc.demo"]) {
      const a = await actorOf(email);
      expect({ email, list: await listOrders(a, h.db) }).toEqual({ email, list: [] });
      expect({ email, somatic: await orderReport(a, somatic, h.db), germline: await orderReport(a, germline, h.db) }).toEqual({ email, somatic: null, germline: null });
    }
  });
  it("somatic results show to whoever sees the participant and to the lab", async () => {
    for (const email of [SITE, "coord.rc1@ncrc.demo", "pi@ncrc.demo", "admin@ncrc.demo", LAB]) {
      const r = await orderReport(await actorOf(email), somatic, h.db);
      expect({ email, genes: r?.variants.map((v) => v.hgvsP) }).toEqual({ email, genes: ["p.Val600Glu"] });
    }
  });
  it("germline results, and the hereditary-risk flag, show only to the participant's own site and the ordering investigator", async () => {
    for (const email of [SITE, "pi@ncrc.demo"]) {
      const r = await orderReport(await actorOf(email), germline, h.db);
      expect({ email, visible: r?.resultsVisible, risk: r?.hereditaryRisk, genes: r?.variants.map((v) => v.gene) }).toEqual({ email, visible: true, risk: true, genes: ["BRCA2"] });
      expect(r?.variants[0].hgvsP).toBe("p.Ser1982ArgfsTer22");
      expect(r?.variants[0].actionable[0].therapies).toContain("olaparib");
    }
    for (const email of ["coord.rc1@ncrc.demo", "admin@ncrc.demo", LAB]) {
      const r = await orderReport(await actorOf(email), germline, h.db);
      expect({ email, visible: r?.resultsVisible, risk: r?.hereditaryRisk, variants: r?.variants, biomarkers: r?.biomarkers }).toEqual({ email, visible: false, risk: false, variants: [], biomarkers: [] });
    }
    const [row] = await queryRows<{ hereditary_risk: boolean }>(h.db, sql`select hereditary_risk from molecular_orders where id = ${germline}`);
    expect(row.hereditary_risk).toBe(true);
  });
});
