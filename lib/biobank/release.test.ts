import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { setupTestDb } from "@/lib/testing/db";
import { insertTestParticipants } from "@/lib/testing/participants";
import { createTestStudy } from "@/lib/testing/study-builder";
import { runCommand, type TestActor } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { createDonorCommand } from "@/lib/biobank/commands/create-donor";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";
import { decideReleaseCommand } from "@/lib/biobank/commands/decide-release";
import { requestReleaseCommand } from "@/lib/biobank/commands/request-release";

// The commands run as whoever signed in last, through the pages' pipeline.
let who: TestActor = "";
const register = (input: unknown) => runCommand(who, registerSpecimenCommand, input);
const request = (input: unknown) => runCommand(who, requestReleaseCommand, input);
const decide = (input: unknown) => runCommand(who, decideReleaseCommand, input);

const h = await setupTestDb();
const signIn = async (email: string) => {
  who = await signInAs(h.db, email);
};
const TABLES = ["specimens", "release_requests", "release_request_items", "custody_events", "audit_events"];
function ok<T>(r: { ok: true; data: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.message}`);
  return r.data;
}
const statuses = async (barcodes: string[]) =>
  (await queryRows<{ status: string }>(h.db, sql`select status from specimens where barcode in (${sql.join(barcodes.map((b) => sql`${b}`), sql`, `)}) order by barcode`)).map((r) => r.status);
// Consent comes from the owner's record: participants answered yes or no at enrolment, donors may give "limited".
const spec = (code: string) => ({ type: "plasma", ownerKind: "subject", subjectCode: code, collectedAt: "2025-06-01T09:00", quantity: 1 });
const donorSpec = (donorCode: string) => ({ type: "plasma", ownerKind: "donor", donorCode, collectedAt: "2025-06-01T09:00", quantity: 1 });
/** Requests are made by one manager of the hub bank and decided by the other (four eyes). */
const REQUESTER = "biobank@ncrc.demo";
const DECIDER = "biobank2@ncrc.demo";

let yes = "";
let limited = "";
let no = "";
beforeAll(async () => {
  await seedBase(h.db);
  for (const code of ["LC-203", "LC-204", "LC-205"]) await createTestStudy(h.db, { code, design: "observational" });
  await insertTestParticipants(h.db, ["0001", "0009", "0010", "0011"].map((n) => `BC-201-TJ01-${n}`), true);
  await insertTestParticipants(h.db, ["BC-201-TJ01-0003"], false);
  await signIn(REQUESTER);
  ok(await runCommand(who, createDonorCommand, { donorCode: "D-TJ01-0201", futureConsent: "limited", consentDate: "2025-05-01" }));
  yes = ok(await register(spec("BC-201-TJ01-0001"))).barcode;
  limited = ok(await register(donorSpec("D-TJ01-0201"))).barcode;
  no = ok(await register(spec("BC-201-TJ01-0003"))).barcode;
});

describe("release for research", () => {
  it("without a valid HGR approval number nothing is released", async () => {
    await signIn(REQUESTER);
    const r = ok(await request({ studyCode: "LC-203", purpose: "ctDNA methylation panel", geneticUse: "on", hgrApprovalNo: "pending", barcodes: yes }));
    expect(await statuses([yes])).toEqual(["reserved"]);
    await signIn(DECIDER);
    const before = await countRows(h.db, TABLES);
    const res = await decide({ requestId: r.id, decision: "approve" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toMatch(/HGR|遗传/);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expect(await statuses([yes])).toEqual(["reserved"]);
    ok(await decide({ requestId: r.id, decision: "reject", reason: "no HGR approval yet" }));
    expect(await statuses([yes])).toEqual(["available"]);
  });
  it("consent refuses the whole approval with the reasons; nothing is released", async () => {
    await signIn(REQUESTER);
    const r = ok(await request({ studyCode: "LC-203", purpose: "Germline sequencing", geneticUse: "true", hgrApprovalNo: "国科遗办审字[2025]CJ0456", barcodes: `${yes} ${limited} ${no}` }));
    await signIn(DECIDER);
    const before = await countRows(h.db, TABLES);
    const res = await decide({ requestId: r.id, decision: "approve" });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.message).toContain(no);
      expect(res.message).toContain(limited);
      expect(res.message).not.toContain(yes);
    }
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expect(await statuses([yes, limited, no].sort())).toEqual(["reserved", "reserved", "reserved"]);
    ok(await decide({ requestId: r.id, decision: "reject", reason: "consent does not cover germline use" }));
  });
  it("limited consent allows non-genetic use; approval distributes and writes one audit event", async () => {
    await signIn(REQUESTER);
    const r = ok(await request({ studyCode: "LC-204", purpose: "Protein biomarker ELISA", geneticUse: "", hgrApprovalNo: "2025CJ0999", barcodes: `${yes} ${limited}` }));
    await signIn(DECIDER);
    const before = await countRows(h.db, ["audit_events"]);
    ok(await decide({ requestId: r.id, decision: "approve" }));
    expect((await countRows(h.db, ["audit_events"])).audit_events - before.audit_events).toBe(1);
    expect(await statuses([yes, limited].sort())).toEqual(["distributed", "distributed"]);
  });
  it("only a biobank manager of the bank decides; a request from elsewhere cannot reserve the hub's specimens", async () => {
    await signIn(REQUESTER);
    const s = ok(await register(spec("BC-201-TJ01-0009"))).barcode;
    const r = ok(await request({ studyCode: "LC-205", purpose: "Metabolomics pilot", geneticUse: "", hgrApprovalNo: "2025CJ1000", barcodes: s }));
    for (const email of ["staff.rc1@ncrc.demo", "pi@ncrc.demo", "admin@ncrc.demo"]) {
      await signIn(email);
      const before = await countRows(h.db, TABLES);
      expect((await decide({ requestId: r.id, decision: "approve" })).ok).toBe(false);
      expect(await countRows(h.db, TABLES)).toEqual(before);
    }
    await signIn("pi@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    expect((await request({ studyCode: "LC-205", purpose: "Metabolomics pilot", geneticUse: "", barcodes: s })).ok).toBe(false);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });
  it("a decision needs an explicit choice: nothing is pre-selected", async () => {
    await signIn(REQUESTER);
    const s = ok(await register(spec("BC-201-TJ01-0011"))).barcode;
    const r = ok(await request({ studyCode: "LC-205", purpose: "Metabolomics pilot", geneticUse: "", hgrApprovalNo: "2025CJ1002", barcodes: s }));
    await signIn(DECIDER);
    const before = await countRows(h.db, TABLES);
    const res = await decide({ requestId: r.id, decision: "" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(Object.keys(res.fieldErrors ?? {})).toEqual(["decision"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });
});

describe("four eyes on release", () => {
  it("the manager who requested a release cannot decide it (refused with a message, nothing written); another manager can", async () => {
    await signIn(REQUESTER);
    const s = ok(await register(spec("BC-201-TJ01-0010"))).barcode;
    const r = ok(await request({ studyCode: "LC-205", purpose: "Proteomics pilot", geneticUse: "", hgrApprovalNo: "2025CJ1001", barcodes: s }));
    for (const decision of [{ decision: "approve" }, { decision: "reject", reason: "changed my mind" }]) {
      const before = await countRows(h.db, TABLES);
      const res = await decide({ requestId: r.id, ...decision });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.message).toMatch(/another biobank manager|另一位样本库管理员/);
      expect(await countRows(h.db, TABLES)).toEqual(before);
      expect(await statuses([s])).toEqual(["reserved"]);
    }
    const [pending] = await queryRows<{ status: string; decided_by: number | null }>(h.db, sql`select status::text, decided_by from release_requests where id = ${r.id}`);
    expect(pending).toEqual({ status: "pending", decided_by: null });
    await signIn(DECIDER);
    ok(await decide({ requestId: r.id, decision: "approve" }));
    expect(await statuses([s])).toEqual(["distributed"]);
    const [decided] = await queryRows<{ decider: string; requester: string }>(
      h.db,
      sql`select du.email as decider, ru.email as requester from release_requests r join users du on du.id = r.decided_by join users ru on ru.id = r.requested_by where r.id = ${r.id}`,
    );
    expect(decided).toEqual({ decider: DECIDER, requester: REQUESTER });
  });
});
