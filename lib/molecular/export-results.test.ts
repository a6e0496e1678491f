import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { exportResultsCommand } from "@/lib/molecular/commands/export-results";
import { orderTestCommand } from "@/lib/molecular/commands/order-test";
import { germlineCell, hgrRefusal, MIN_GERMLINE_CELL } from "@/lib/molecular/export-gate";
import { exportChoices } from "@/lib/molecular/queries/export-studies";
import { molecularLabs, specimenForOrder } from "@/lib/molecular/queries/ordering";
import { labWorklist } from "@/lib/molecular/queries/worklist";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { reportedOrder, RESULT_HEAD as HEAD, signedInActor, tsv as T } from "@/lib/testing/molecular";
import { insertTestParticipants } from "@/lib/testing/participants";
import { expectOk as ok } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { networkToday } from "@/lib/time/network-day";

const h = await setupTestDb();
const counts = () => countRows(h.db, ["molecular_orders", "audit_events"]);
const LAB = "lab@ncrc.demo";
const SITE = "staff.gh1@ncrc.demo";
const OTHER_SITE = "staff.rc20@ncrc.demo";
const HGR = "国科遗办审字[2025]CJ1234";
const actorOf = (email: string) => signedInActor(h.db, email);

let studyId = 0;
let barcode = "";
let labCentreId = 0;
let somatic = 0;
let germline = 0;
beforeAll(async () => {
  const fx = await seedBase(h.db);
  labCentreId = fx.org("TJ01").id;
  await insertTestParticipants(h.db, ["MT-101-R01G1-0001"]);
  const s = ok(await runCommand(SITE, registerSpecimenCommand, { type: "whole_blood", ownerKind: "subject", subjectCode: "MT-101-R01G1-0001", collectedAt: "2026-01-05T08:30", quantity: 1 }));
  barcode = s.barcode;
  const run = (origin: "somatic" | "germline", lines: string[]) =>
    reportedOrder({ orderer: SITE, specimenId: s.id, labCentreId, origin, lines: [HEAD, ...lines], importExtra: { tmb: 4 }, figures: { tumourContentPct: 50, meanDepth: 800, coveragePct: 99 } });
  somatic = await run("somatic", [T("EGFR", "NM_005228.5", "c.2573T>G", "p.L858R", "snv", "0.2", "600", "I")]);
  germline = await run("germline", [T("BRCA1", "NM_007294.4", "c.5266dup", "p.Q1756Pfs*74", "duplication", "0.5", "300", "P")]);
  const [row] = await queryRows<{ study_id: number }>(h.db, sql`select study_id from molecular_orders where id = ${somatic}`);
  studyId = row.study_id;
});

const exp = (who: string, extra: Record<string, unknown> = {}) => runCommand(who, exportResultsCommand, { studyId, origin: "somatic", purpose: "Biomarker analysis for the DSMB", ...extra });

describe("the germline export rule", () => {
  it("names the minimum cell and suppresses 1..4", () => {
    expect(MIN_GERMLINE_CELL).toBe(5);
    expect([0, 1, 4, 5, 12].map(germlineCell)).toEqual([0, null, null, 5, 12]);
    expect(hgrRefusal("somatic", false, null)).toBeNull();
    expect(hgrRefusal("somatic", true, "")).toBe("hgrMissing");
    expect(hgrRefusal("germline", false, "pending")).toBe("hgrMissing");
    expect(hgrRefusal("germline", false, HGR)).toBeNull();
  });
});

describe("exporting results", () => {
  it("somatic results within China: CSV of the scoped rows, one audit event with the counts", async () => {
    const before = await counts();
    const r = ok(await exp(SITE));
    expect(r.rows).toBe(2);
    const lines = r.csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["record", "order_id", "subject_code"]);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["variant", "biomarker"]);
    expect(lines[1]).toContain("p.Leu858Arg");
    expect(r.csv).not.toContain("BRCA1");
    expect((await counts()).audit_events - before.audit_events).toBe(1);
  });
  it("germline results and any export abroad need a valid HGR approval number; refused, nothing is written", async () => {
    for (const extra of [{ origin: "germline" }, { origin: "germline", hgrApprovalNo: "to follow" }, { abroad: true }]) {
      const before = await counts();
      const r = await exp(SITE, extra);
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : Object.keys(r.fieldErrors ?? {})).toEqual(["hgrApprovalNo"]);
      expect(await counts()).toEqual(before);
    }
    const g = ok(await exp(SITE, { origin: "germline", hgrApprovalNo: HGR }));
    expect(g.csv).toContain("p.Gln1756ProfsTer74");
    ok(await exp(SITE, { abroad: true, hgrApprovalNo: HGR }));
  });
  it("another site, a viewer, the lab: no rows or no permission, nothing written; germline rows only to the own site and the orderer", async () => {
    for (const [who, extra] of [[OTHER_SITE, {}], ["viewer@ncrc.demo", {}], [LAB, {}], ["coord.rc1@ncrc.demo", { origin: "germline", hgrApprovalNo: HGR }]] as const) {
      const before = await counts();
      const r = await exp(who, extra);
      expect({ who, ok: r.ok }).toEqual({ who, ok: false });
      expect(await counts()).toEqual(before);
    }
    // The coordinator above the site sees the somatic rows.
    expect(ok(await exp("coord.rc1@ncrc.demo")).rows).toBe(2);
  });
  it("hostile input: a crafted study id or centre gives no rows", async () => {
    const before = await counts();
    expect((await exp(SITE, { studyId: 999_999 })).ok).toBe(false);
    expect((await exp(SITE, { centreId: labCentreId })).ok).toBe(false);
    expect((await exp(SITE, { purpose: "" })).ok).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

describe("reads behind the pages", () => {
  it("the specimen to order on, the labs, the export choices follow the scope", async () => {
    expect((await specimenForOrder(await actorOf(SITE), barcode, h.db))?.orders.map((o) => o.id)).toEqual([germline, somatic]);
    expect(await specimenForOrder(await actorOf(OTHER_SITE), barcode, h.db)).toBeNull();
    expect(await specimenForOrder(await actorOf(LAB), barcode, h.db)).toBeNull();
    expect((await molecularLabs(await actorOf(SITE), h.db)).map((l) => l.id)).toEqual([labCentreId]);
    expect((await exportChoices(await actorOf(SITE), h.db)).studies.map((s) => [s.id, s.reported])).toEqual([[studyId, 2]]);
    expect(await exportChoices(await actorOf(OTHER_SITE), h.db)).toEqual({ studies: [], sites: [] });
  });
  it("the lab's worklist holds its open orders only, with the days waited", async () => {
    const s = (await specimenForOrder(await actorOf(SITE), barcode, h.db))!;
    const { id } = ok(await runCommand(SITE, orderTestCommand, { specimenId: s.id, labCentreId, testKind: "ihc", origin: "somatic" }));
    const rows = await labWorklist(await actorOf(LAB), networkToday(), h.db);
    expect(rows.map((r) => [r.id, r.status, r.waitingDays])).toEqual([[id, "ordered", 0]]);
    expect(await labWorklist(await actorOf(SITE), networkToday(), h.db)).toEqual([]);
  });
});
