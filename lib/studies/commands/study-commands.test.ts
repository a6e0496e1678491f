import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows, type Db } from "@/db/client";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, protocolVersions, users } from "@/db/schema";
import type { Command } from "@/lib/actions/define-command";
import { hashPassword } from "@/lib/auth/password";
import { translate } from "@/lib/i18n/translate";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/session";
import { addSiteCommand } from "@/lib/studies/commands/add-site";
import { addTeamMemberCommand } from "@/lib/studies/commands/add-team-member";
import { changeStudyStatusCommand } from "@/lib/studies/commands/change-status";
import { createStudyCommand } from "@/lib/studies/commands/create-study";
import { setArmsCommand } from "@/lib/studies/commands/set-arms";
import { setConsentsCommand } from "@/lib/studies/commands/set-consents";
import { setCriteriaCommand } from "@/lib/studies/commands/set-criteria";
import { setSiteStatusCommand } from "@/lib/studies/commands/set-site-status";
import { setStratificationCommand } from "@/lib/studies/commands/set-stratification";
import { updateSiteCommand } from "@/lib/studies/commands/update-site";
import { updateStudyCommand } from "@/lib/studies/commands/update-study";
import { runCommand, type TestActor } from "@/lib/testing/run-command";
import { addDays, networkToday } from "@/lib/time/network-day";

/** Who runs the commands below: set by `as(email)`, a real session as the pages have. */
let session: TestActor = "";
async function as(email: string) {
  session = { sessionId: (await signInAs(h.db, email)).sessionId };
}
const run =
  <S extends z.ZodType, R>(command: Command<S, R>) =>
  (input: unknown) =>
    runCommand(session, command, input);

const act = {
  create: run(createStudyCommand),
  update: run(updateStudyCommand),
  status: run(changeStudyStatusCommand),
  arms: run(setArmsCommand),
  strat: run(setStratificationCommand),
  criteria: run(setCriteriaCommand),
  consents: run(setConsentsCommand),
  addSite: run(addSiteCommand),
  siteStatus: run(setSiteStatusCommand),
  updateSite: run(updateSiteCommand),
  team: run(addTeamMemberCommand),
};

const TABLES = ["studies", "protocol_versions", "study_arms", "strat_factors", "strat_levels", "eligibility_criteria", "consent_versions", "study_sites", "study_team", "audit_events"];

const h = await setupTestDb();
let fx: Awaited<ReturnType<typeof seedBase>>;
let studyId = 0;
let siteId = 0;

async function lastAudit() {
  const [e] = await h.db.select().from(auditEvents).orderBy(auditEvents.id).limit(1).offset((await countRows(h.db, ["audit_events"])).audit_events - 1);
  return e;
}

function expectError(r: { ok: boolean }, fields?: string[]) {
  expect(r.ok).toBe(false);
  if (fields && !r.ok) expect(Object.keys((r as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {})).toEqual(expect.arrayContaining(fields));
}

beforeAll(async () => {
  fx = await seedBase(h.db);
  await h.db.insert(users).values({ email: "pi2@ncrc.demo", name: "Other PI", role: "pi", centreId: fx.org("R20").id, passwordHash: await hashPassword("x-Passw0rd!!") });
});

describe("a PI designs a randomized study and starts it", () => {
  it("refuses bad input with field errors and writes nothing", async () => {
    await as("pi@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    const r = await act.create({ code: "lc 203", titleZh: "", titleEn: "x", registryNo: "ChiCTR-12", phase: "III", design: "randomized", area: "clinical_oncology", leadCentreId: fx.org("TJ01").id, targetEnrolment: 0 });
    expectError(r, ["code", "titleZh", "registryNo", "targetEnrolment"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses roles that may not create studies", async () => {
    await as("staff.rc1@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    const r = await act.create({ code: "LC-999", titleZh: "试验", titleEn: "Trial", phase: "III", design: "randomized", area: "clinical_oncology", leadCentreId: fx.org("TJ01").id, targetEnrolment: 100 });
    expectError(r);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("creates the study in draft with version 1 and the PI on the team", async () => {
    await as("pi@ncrc.demo");
    const r = await act.create({
      code: "lc-203",
      titleZh: "EGFR 突变肺癌靶向治疗随机对照试验",
      titleEn: "EGFR-mutant lung cancer targeted therapy RCT",
      phase: "III",
      design: "randomized",
      area: "clinical_oncology",
      leadCentreId: fx.org("TJ01").id,
      targetEnrolment: 300,
      blinding: "open",
      randomizationMethod: "permuted_blocks",
      siteIsStratum: true,
    });
    expect(r).toMatchObject({ ok: true, data: { code: "LC-203" } });
    if (!r.ok) return;
    studyId = r.data.id;
    expect(await lastAudit()).toMatchObject({ action: "study.created", studyId, entityType: "study" });
    const counts = await countRows(h.db, ["protocol_versions", "study_team"]);
    expect(counts).toEqual({ protocol_versions: 1, study_team: 1 });
    expectError(await act.create({ code: "LC-203", titleZh: "a", titleEn: "b", phase: "III", design: "randomized", area: "clinical_oncology", leadCentreId: fx.org("TJ01").id, targetEnrolment: 10 }), ["code"]);
  });

  it("refuses an ethics approval after today (the network's day) or a plan beyond ten years, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const tomorrow = addDays(networkToday(), 1);
    expectError(await setDetailsRaw({ ethicsApprovalDate: tomorrow }), ["ethicsApprovalDate"]);
    expectError(await setDetailsRaw({ plannedEnd: addDays(networkToday(), 3651) }), ["plannedEnd"]);
    expectError(await setDetailsRaw({ plannedStart: "2025-02-30" }), ["plannedStart"]);
    expectError(await act.addSite({ studyId, centreId: fx.org("R20").id, target: 5, ethicsApprovalDate: tomorrow }), ["ethicsApprovalDate"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("sets arms (2:1), stratification, criteria and consent versions, one audit event each", async () => {
    const steps = [
      () => act.arms({ studyId, code: ["A", "B"], nameZh: ["奥希替尼", "化疗"], nameEn: ["Osimertinib", "Chemotherapy"], ratio: [2, 1] }),
      () => act.strat({ studyId, code: ["SEX", "STAGE"], nameZh: ["性别", "分期"], nameEn: ["Sex", "Stage"], levels: ["M:男:Male; F:女:Female", "I_II:I–II期:Stage I–II; III_IV:III–IV期:Stage III–IV"] }),
      () => act.criteria({ studyId, kind: ["inclusion", "inclusion", "exclusion"], textZh: ["年龄18–75岁", "EGFR 突变", "妊娠"], textEn: ["Aged 18–75", "EGFR mutation", "Pregnancy"] }),
      () => act.consents({ studyId, label: ["v1.0"], effectiveDate: ["2025-01-01"] }),
    ];
    const actions = ["study.arms.updated", "study.stratification.updated", "study.criteria.updated", "study.consents.updated"];
    for (const [i, step] of steps.entries()) {
      const n = (await countRows(h.db, ["audit_events"])).audit_events;
      const r = await step();
      expect(r).toMatchObject({ ok: true, data: { version: 1 } });
      expect((await countRows(h.db, ["audit_events"])).audit_events).toBe(n + 1);
      expect(await lastAudit()).toMatchObject({ action: actions[i], studyId });
    }
    expect(await countRows(h.db, ["study_arms", "strat_factors", "strat_levels", "eligibility_criteria", "consent_versions", "protocol_versions"])).toEqual({
      study_arms: 2,
      strat_factors: 2,
      strat_levels: 4,
      eligibility_criteria: 3,
      consent_versions: 1,
      protocol_versions: 1,
    });
    // A malformed level list is a field error on that row.
    expectError(await act.strat({ studyId, code: ["SEX"], nameZh: ["性别"], nameEn: ["Sex"], levels: ["M:男"] }), ["levels.0"]);
  });

  it("adds sites at several levels and moves to ethics review", async () => {
    const r = await act.addSite({ studyId, centreId: fx.org("R01").id, target: 120, sitePiEmail: "staff.rc1@ncrc.demo" });
    expect(r).toMatchObject({ ok: true });
    if (r.ok) siteId = r.data.id;
    expect(await lastAudit()).toMatchObject({ action: "study.site.added", studyId, centreId: fx.org("R01").id });
    expect(await act.addSite({ studyId, centreId: fx.org("R01G1").id, target: 30 })).toMatchObject({ ok: true });
    expectError(await act.addSite({ studyId, centreId: fx.org("R01").id, target: 10 }), ["centreId"]);
    expectError(await act.addSite({ studyId, centreId: fx.org("R20").id, target: 10, sitePiEmail: "staff.rc1@ncrc.demo" }), ["sitePiEmail"]);
    expect(await act.status({ studyId, to: "ethics_review", reason: "Submitted to the ethics committee" })).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({ action: "study.status.changed", reason: "Submitted to the ethics committee", after: { status: "ethics_review" } });
  });

  it("refuses a transition outside the lifecycle", async () => {
    const before = await countRows(h.db, TABLES);
    expectError(await act.status({ studyId, to: "completed", reason: "skip" }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  async function expectGate(key: string) {
    const before = await countRows(h.db, TABLES);
    const r = await act.status({ studyId, to: "recruiting", reason: "Start" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?._form).toContain(translate(null, key));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  }

  it("gate: refuses recruiting without a registry number", async () => {
    await expectGate("studies.gates.registryNo");
  });

  it("gate: refuses recruiting without ethics approval", async () => {
    await expectGate("studies.gates.ethics");
    await setDetails({ registryNo: "ChiCTR2500012345", ethicsApprovalDate: "" });
    await expectGate("studies.gates.ethics");
  });

  it("gate: refuses recruiting without an active site", async () => {
    await setDetails({ registryNo: "ChiCTR2500012345", ethicsApprovalDate: "2025-02-01" });
    await expectGate("studies.gates.activeSite");
    // A site cannot be activated before its ethics approval is recorded.
    expectError(await act.siteStatus({ studyId, siteId, to: "active", reason: "Initiation visit done" }));
  });

  it("gate: refuses recruiting with incomplete randomization (arms and method)", async () => {
    expect(await act.updateSite({ studyId, siteId, target: 120, sitePiEmail: "staff.rc1@ncrc.demo", ethicsApprovalDate: "2025-02-10" })).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({ action: "study.site.updated", studyId });
    expect(await act.siteStatus({ studyId, siteId, to: "active", reason: "Initiation visit done" })).toMatchObject({ ok: true });
    await setDetails({ registryNo: "ChiCTR2500012345", ethicsApprovalDate: "2025-02-01", randomizationMethod: "" });
    await expectGate("studies.gates.method");
    await setDetails({ registryNo: "ChiCTR2500012345", ethicsApprovalDate: "2025-02-01", randomizationMethod: "permuted_blocks" });
    expectError(await act.arms({ studyId, code: ["A"], nameZh: ["甲"], nameEn: ["A"], ratio: [1] }));
  });

  it("gate: refuses recruiting without eligibility criteria", async () => {
    await clearCriteria(h.db, studyId);
    await expectGate("studies.gates.criteria");
    expect(await act.criteria({ studyId, kind: ["inclusion", "exclusion"], textZh: ["年龄18–75岁", "妊娠"], textEn: ["Aged 18–75", "Pregnancy"] })).toMatchObject({ ok: true });
  });

  it("gate: refuses recruiting with fewer than two arms", async () => {
    await dropArm(h.db, studyId, "B");
    await expectGate("studies.gates.arms");
    expect(await act.arms({ studyId, code: ["A", "B"], nameZh: ["奥希替尼", "化疗"], nameEn: ["Osimertinib", "Chemotherapy"], ratio: [2, 1] })).toMatchObject({ ok: true });
  });

  it("starts recruiting once every gate is met", async () => {
    const r = await act.status({ studyId, to: "recruiting", reason: "All sites initiated" });
    expect(r).toMatchObject({ ok: true, data: { status: "recruiting" } });
    expect(await lastAudit()).toMatchObject({ action: "study.status.changed", after: { status: "recruiting" } });
  });

  it("design settings are fixed once recruiting", async () => {
    const before = await countRows(h.db, TABLES);
    expectError(await setDetailsRaw({ registryNo: "ChiCTR2500012345", ethicsApprovalDate: "2025-02-01", randomizationMethod: "minimization" }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("an amendment creates version 2 and keeps version 1", async () => {
    const before = await countRows(h.db, TABLES);
    expectError(await act.arms({ studyId, code: ["A", "B"], nameZh: ["奥希替尼", "化疗"], nameEn: ["Osimertinib", "Chemotherapy"], ratio: [1, 1] }), ["amendmentDate", "amendmentReason"].slice(0, 1));
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const r = await act.arms({
      studyId,
      code: ["A", "B"],
      nameZh: ["奥希替尼", "化疗"],
      nameEn: ["Osimertinib", "Chemotherapy"],
      ratio: [1, 1],
      amendmentDate: networkToday(),
      amendmentReason: "DSMB advice: equal allocation",
    });
    expect(r).toMatchObject({ ok: true, data: { version: 2 } });
    const versions = await h.db.select().from(protocolVersions).where(eq(protocolVersions.studyId, studyId)).orderBy(protocolVersions.version);
    expect(versions.map((v) => [v.version, v.reason])).toEqual([
      [1, "initial"],
      [2, "DSMB advice: equal allocation"],
    ]);
    expect(await protocolSummary(h.db, versions[0].id)).toEqual({ ratios: [2, 1], criteria: 2, factors: 2, levels: 4, consents: 1 });
    expect(await protocolSummary(h.db, versions[1].id)).toEqual({ ratios: [1, 1], criteria: 2, factors: 2, levels: 4, consents: 1 });
    expect(await lastAudit()).toMatchObject({ action: "study.protocol.amended", entityType: "protocol_version", reason: "DSMB advice: equal allocation", studyId });
  });

  it("another PI cannot edit the study: refused, nothing written", async () => {
    await as("pi2@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    expectError(await act.arms({ studyId, code: ["A", "B"], nameZh: ["x", "y"], nameEn: ["x", "y"], ratio: [3, 1], amendmentDate: "2025-07-01", amendmentReason: "hijack" }));
    expectError(await act.status({ studyId, to: "suspended", reason: "hijack" }));
    expectError(await act.addSite({ studyId, centreId: fx.org("R20").id, target: 5 }));
    expectError(await act.team({ studyId, email: "pi2@ncrc.demo", studyRole: "co_investigator" }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("site staff and monitors cannot change it either", async () => {
    for (const email of ["staff.rc1@ncrc.demo", "monitor@ncrc.demo", "coord.rc1@ncrc.demo"]) {
      await as(email);
      const before = await countRows(h.db, TABLES);
      expectError(await act.siteStatus({ studyId, siteId, to: "suspended", reason: "no" }));
      expect(await countRows(h.db, TABLES)).toEqual(before);
    }
  });

  it("the PI adds the monitor to the team; a network admin may manage too", async () => {
    await as("pi@ncrc.demo");
    expect(await act.team({ studyId, email: "monitor@ncrc.demo", studyRole: "monitor" })).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({ action: "study.team.added", studyId });
    expectError(await act.team({ studyId, email: "monitor@ncrc.demo", studyRole: "monitor" }), ["email"]);
    await as("admin@ncrc.demo");
    expect(await act.status({ studyId, to: "suspended", reason: "Safety review", confirm: "on" })).toMatchObject({ ok: true, data: { status: "suspended" } });
    expect(await act.status({ studyId, to: "recruiting", reason: "Safety review passed" })).toMatchObject({ ok: true, data: { status: "recruiting" } });
  });

  it("suspending or closing needs the confirmation ticked beside the reason; nothing is written without it", async () => {
    await as("pi@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    for (const confirm of [undefined, "", "off", "false"]) {
      expectError(await act.status({ studyId, to: "suspended", reason: "Safety review", ...(confirm === undefined ? {} : { confirm }) }), ["confirm"]);
      expectError(await act.siteStatus({ studyId, siteId, to: "closed", reason: "Site withdrew", ...(confirm === undefined ? {} : { confirm }) }), ["confirm"]);
    }
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const r = await act.status({ studyId, to: "suspended", reason: "Safety review" });
    if (!r.ok) expect(r.fieldErrors?.confirm).toEqual([translate(null, "studies.errors.confirmStop")]);
    expect(await act.siteStatus({ studyId, siteId, to: "suspended", reason: "Monitoring visit", confirm: "on" })).toMatchObject({ ok: true });
    expect(await act.siteStatus({ studyId, siteId, to: "active", reason: "Resolved" })).toMatchObject({ ok: true });
  });

  async function setDetails(patch: Record<string, string>) {
    expect(await setDetailsRaw(patch)).toMatchObject({ ok: true });
  }
  function setDetailsRaw(patch: Record<string, string>) {
    return act.update({
      studyId,
      titleZh: "EGFR 突变肺癌靶向治疗随机对照试验",
      titleEn: "EGFR-mutant lung cancer targeted therapy RCT",
      phase: "III",
      area: "clinical_oncology",
      leadCentreId: fx.org("TJ01").id,
      design: "randomized",
      blinding: "open",
      randomizationMethod: "permuted_blocks",
      siteIsStratum: true,
      ...patch,
    });
  }
});

/** Test set-up only: takes a study back to a state no action produces, to isolate one gate. */
async function clearCriteria(db: Db, id: number) {
  await db.execute(sql`delete from eligibility_criteria where protocol_version_id in (select id from protocol_versions where study_id = ${id})`);
}
async function dropArm(db: Db, id: number, code: string) {
  await db.execute(sql`delete from study_arms where code = ${code} and protocol_version_id in (select id from protocol_versions where study_id = ${id})`);
}
async function protocolSummary(db: Db, pvId: number) {
  const arms = await queryRows<{ ratio: number }>(db, sql`select ratio from study_arms where protocol_version_id = ${pvId} order by ordinal`);
  const [n] = await queryRows<{ criteria: number; factors: number; levels: number; consents: number }>(
    db,
    sql`select (select count(*)::int from eligibility_criteria where protocol_version_id = ${pvId}) as criteria,
               (select count(*)::int from strat_factors where protocol_version_id = ${pvId}) as factors,
               (select count(*)::int from strat_levels l join strat_factors f on f.id = l.factor_id where f.protocol_version_id = ${pvId}) as levels,
               (select count(*)::int from consent_versions where protocol_version_id = ${pvId}) as consents`,
  );
  return { ratios: arms.map((a) => Number(a.ratio)), criteria: Number(n.criteria), factors: Number(n.factors), levels: Number(n.levels), consents: Number(n.consents) };
}
