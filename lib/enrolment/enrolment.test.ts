import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { auditEvents, participants, screenings } from "@/db/schema";
import { loadActorBySession } from "@/lib/auth/sessions";
import { enrolCommand } from "@/lib/enrolment/commands/enrol";
import { screenCommand } from "@/lib/enrolment/commands/screen";
import { transferCommand } from "@/lib/enrolment/commands/transfer";
import { unblindCommand } from "@/lib/enrolment/commands/unblind";
import { withdrawCommand } from "@/lib/enrolment/commands/withdraw";
import { failureReasons } from "@/lib/enrolment/failure-reasons";
import { listScreenings } from "@/lib/enrolment/queries/screenings";
import { getParticipant } from "@/lib/participants/queries/participant-detail";
import { listParticipants } from "@/lib/participants/queries/participants";
import { networkToday } from "@/lib/time/network-day";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { testPerson } from "@/lib/testing/test-person";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";

const TABLES = ["screenings", "participants", "allocation_entries", "participant_transfers", "unblindings", "audit_events"];
const h = await setupTestDb();
let fx: Awaited<ReturnType<typeof seedBase>>;
let open: TestStudy;
let other: TestStudy;
let blinded: TestStudy;
const today = networkToday();
let person = 0;

const RC1 = "staff.rc1@ncrc.demo";
const RC20 = "staff.rc20@ncrc.demo";
const screenAs = (who: string, input: unknown) => runCommand(who, screenCommand, input);
const enrolAs = (who: string, input: unknown) => runCommand(who, enrolCommand, input);
const withdrawAs = (who: string, input: unknown) => runCommand(who, withdrawCommand, input);
const transferAs = (who: string, input: unknown) => runCommand(who, transferCommand, input);
const unblindAs = (who: string, input: unknown) => runCommand(who, unblindCommand, input);

const yes = { codes: ["I1", "I2", "E1"], answers: ["yes", "yes", "no"] };

async function screen(who: string, s: TestStudy, centre: string, answers = yes) {
  const r = await screenAs(who, { studyId: s.study.id, siteId: s.site(centre).id, screenedOn: today, ...answers });
  if (!r.ok) throw new Error(`screen failed: ${r.message} ${JSON.stringify(r.fieldErrors)}`);
  return r.data.id;
}

function enrolInput(s: TestStudy, centre: string, screeningId: number, over: Record<string, unknown> = {}) {
  return {
    studyId: s.study.id,
    siteId: s.site(centre).id,
    screeningId,
    requestKey: randomUUID(),
    ...testPerson(++person),
    consentVersionId: s.consent.id,
    consentDate: today,
    factorCodes: ["STAGE"],
    levelCodes: ["III"],
    ...over,
  };
}

async function actorOf(email: string) {
  const { sessionId } = await signInAs(h.db, email);
  const a = await loadActorBySession(h.db, sessionId);
  if (!a) throw new Error(`no actor ${email}`);
  return a;
}

async function audits(action: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.action, action));
}

beforeAll(async () => {
  fx = await seedBase(h.db);
  const factors: [string, string[]][] = [["STAGE", ["III", "IV"]]];
  open = await createTestStudy(h.db, { code: "EN-OPEN", target: 5, factors, sites: [["R01", 3], ["R20", 10], ["R02", 10, "suspended"]] });
  other = await createTestStudy(h.db, { code: "EN-OTHER", factors, sites: [["R01", 10]] });
  blinded = await createTestStudy(h.db, { code: "EN-BLIND", blinding: "blinded", method: "minimization", factors, sites: [["R01", 10]] });
  await createTestStudy(h.db, { code: "EN-SUSP", status: "suspended", factors, sites: [["R01", 10]] });
});

describe("screening", () => {
  it("decides eligible or screen-failed with the failing codes, with one audit event", async () => {
    const ok = await screenAs(RC1, { studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, ...yes });
    const fail = await screenAs(RC1, { studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, codes: ["I1", "I2", "E1"], answers: ["yes", "no", "yes"] });
    expect(ok.ok && ok.data.outcome).toBe("eligible");
    expect(fail.ok && fail.data).toMatchObject({ outcome: "screen_failed", failedCodes: ["I2", "E1"] });
    expect((await audits("screening.recorded")).length).toBe(2);
  });

  it("lists a screen failure's reasons as code plus the protocol's text, in both languages", async () => {
    const r = await screenAs(RC1, { studyId: other.study.id, siteId: other.site("R01").id, screenedOn: today, codes: ["I1", "I2", "E1"], answers: ["yes", "no", "yes"] });
    expect(r.ok).toBe(true);
    const log = await listScreenings(await actorOf(RC1), other.study.id, { site: "", outcome: "screen_failed", page: 1 });
    const row = log.rows.find((x) => r.ok && x.id === r.data.id);
    expect(row?.failedCriteria.map((c) => c.code)).toEqual(["I2", "E1"]);
    expect(failureReasons(row!.failedCodes, row!.failedCriteria, "zh-CN")).toEqual(["I2 确诊", "E1 妊娠"]);
    expect(failureReasons(row!.failedCodes, row!.failedCriteria, "en")).toEqual(["I2 Confirmed diagnosis", "E1 Pregnant"]);
  });

  it("refuses missing answers and future dates with field errors, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const r1 = await screenAs(RC1, { studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, codes: ["I1", "I2", "E1"], answers: ["yes", "", "no"] });
    const r2 = await screenAs(RC1, { studyId: open.study.id, siteId: open.site("R01").id, screenedOn: "2999-01-01", ...yes });
    const r3 = await screenAs(RC1, { studyId: "x", siteId: open.site("R01").id, screenedOn: "yesterday", ...yes, extra: 1 });
    expect(!r1.ok && r1.fieldErrors).toHaveProperty("answer_I2");
    expect(!r2.ok && r2.fieldErrors).toHaveProperty("screenedOn");
    expect(!r3.ok && Object.keys(r3.fieldErrors ?? {})).toEqual(expect.arrayContaining(["studyId", "screenedOn"]));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses other roles, other centres' sites, suspended studies and inactive sites, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const susp = (await queryRows<{ id: number; site: number }>(h.db, sql`select s.id, ss.id as site from studies s join study_sites ss on ss.study_id = s.id where s.code = 'EN-SUSP'`))[0];
    expect((await screenAs("pi@ncrc.demo", { studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, ...yes })).ok).toBe(false);
    const crafted = await screenAs(RC20, { studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, ...yes });
    expect(!crafted.ok && crafted.message).toMatch(/not found|未找到|不存在/i);
    const crossStudy = await screenAs(RC20, { studyId: other.study.id, siteId: open.site("R20").id, screenedOn: today, ...yes });
    expect(crossStudy.ok).toBe(false);
    expect((await screenAs(RC1, { studyId: susp.id, siteId: susp.site, screenedOn: today, ...yes })).ok).toBe(false);
    expect((await screenAs("coord.rc1@ncrc.demo", { studyId: open.study.id, siteId: open.site("R02").id, screenedOn: today, ...yes })).ok).toBe(false);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });
});

describe("enrolment", () => {
  it("enrols an eligible screening with a sequential code and an allocation, once per request key", async () => {
    const sid = await screen(RC1, open, "R01");
    const input = enrolInput(open, "R01", sid);
    const r = await enrolAs(RC1, input);
    expect(r.ok && r.data.subjectCode).toBe(`EN-OPEN-${fx.org("R01").code}-0001`);
    const audited = await countRows(h.db, ["audit_events"]);
    const again = await enrolAs(RC1, input);
    expect(again).toMatchObject({ ok: true, replayed: true, data: { subjectCode: "EN-OPEN-R01-0001" } });
    expect((await countRows(h.db, ["participants"])).participants).toBe(1);
    // A replay is answered from the stored result: nothing runs again, not even an audit event.
    expect(await countRows(h.db, ["audit_events"])).toEqual(audited);
    const [alloc] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from allocation_entries where participant_id is not null`);
    expect(Number(alloc.n)).toBe(1);
    const [enrolled] = await audits("participant.enrolled");
    expect(enrolled.after).toMatchObject({ subjectCode: "EN-OPEN-R01-0001", allocation: { arm: expect.stringMatching(/^[AB]$/) } });
  });

  it("refuses screen failures, reused screenings, bad IDs and consent after today", async () => {
    const before = await countRows(h.db, TABLES);
    const failed = (await h.db.select().from(screenings).where(eq(screenings.outcome, "screen_failed")))[0];
    expect((await enrolAs(RC1, enrolInput(open, "R01", failed.id))).ok).toBe(false);
    const used = (await h.db.select().from(participants))[0].screeningId;
    expect((await enrolAs(RC1, enrolInput(open, "R01", used))).ok).toBe(false);
    const [pending] = await queryRows<{ id: number }>(h.db, sql`select id from screenings sc where outcome = 'eligible' and not exists (select 1 from participants p where p.screening_id = sc.id)`);
    const bad = await enrolAs(RC1, enrolInput(open, "R01", pending.id, { nationalId: "110101195001010011" }));
    expect(!bad.ok && bad.fieldErrors).toHaveProperty("nationalId");
    const future = await enrolAs(RC1, enrolInput(open, "R01", pending.id, { consentDate: "2999-01-01" }));
    expect(!future.ok && future.fieldErrors).toHaveProperty("consentDate");
    const level = await enrolAs(RC1, enrolInput(open, "R01", pending.id, { levelCodes: ["II"] }));
    expect(!level.ok && level.fieldErrors).toHaveProperty("level_STAGE");
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses the same person at another site of the study, naming the site; allows and flags another study", async () => {
    const first = (await h.db.select().from(participants))[0];
    const person1 = testPerson(1);
    const id = person1.nationalId;
    const sid = await screen(RC20, open, "R20");
    const before = await countRows(h.db, TABLES);
    const dup = await enrolAs(RC20, enrolInput(open, "R20", sid, person1));
    expect(!dup.ok && dup.message).toContain(fx.org("R01").nameZh);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const sid2 = await screen(RC1, other, "R01");
    // Full-width digits and spaces normalise to the same person.
    const wide = id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/^(.{6})/, "$1 ");
    const r = await enrolAs(RC1, enrolInput(other, "R01", sid2, { ...person1, nationalId: wide }));
    expect(r.ok).toBe(true);
    const [flagged] = await h.db.select().from(participants).where(eq(participants.subjectCode, "EN-OTHER-R01-0001"));
    expect(flagged.inOtherStudy).toBe(true);
    expect(flagged.nationalIdHash).toBe(first.nationalIdHash);
    expect(JSON.stringify(await h.db.select().from(participants))).not.toContain(id);
  });

  it("stops at the site target and at the study target", async () => {
    for (const n of [2, 3]) {
      const r = await enrolAs(RC1, enrolInput(open, "R01", await screen(RC1, open, "R01")));
      expect(r.ok && r.data.subjectCode).toBe(`EN-OPEN-R01-000${n}`);
    }
    const sid = await screen(RC1, open, "R01");
    const before = await countRows(h.db, TABLES);
    const full = await enrolAs(RC1, enrolInput(open, "R01", sid));
    expect(!full.ok && full.message).toMatch(/3/);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    for (let i = 0; i < 2; i++) expect((await enrolAs(RC20, enrolInput(open, "R20", await screen(RC20, open, "R20")))).ok).toBe(true);
    const studyFull = await enrolAs(RC20, enrolInput(open, "R20", await screen(RC20, open, "R20")));
    expect(!studyFull.ok && studyFull.message).toMatch(/5/);
    const [counts] = await queryRows<{ study: number; r01: number; r20: number }>(
      h.db,
      sql`select (select enrolled_count from studies where id = ${open.study.id}) as study,
                 (select enrolled_count from study_sites where id = ${open.site("R01").id}) as r01,
                 (select enrolled_count from study_sites where id = ${open.site("R20").id}) as r20`,
    );
    expect(counts).toEqual({ study: 5, r01: 3, r20: 2 });
  });

  it("refuses crafted enrolments into another centre's site", async () => {
    const sid = await screen(RC1, other, "R01");
    const before = await countRows(h.db, TABLES);
    expect((await enrolAs(RC20, enrolInput(other, "R01", sid))).ok).toBe(false);
    expect((await enrolAs(RC20, { ...enrolInput(open, "R20", sid) })).ok).toBe(false);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });
});

describe("withdrawal, transfer and unblinding", () => {
  it("withdraws only at the own site, with a coded reason", async () => {
    const [p] = await h.db.select().from(participants).where(eq(participants.subjectCode, "EN-OPEN-R01-0002"));
    const before = await countRows(h.db, TABLES);
    expect((await withdrawAs(RC20, { participantId: p.id, withdrawnOn: today, reason: "consent_withdrawn" })).ok).toBe(false);
    const bad = await withdrawAs(RC1, { participantId: p.id, withdrawnOn: today, reason: "bored" });
    expect(!bad.ok && bad.fieldErrors).toHaveProperty("reason");
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expect((await withdrawAs(RC1, { participantId: p.id, withdrawnOn: today, reason: "consent_withdrawn" })).ok).toBe(true);
    expect((await audits("participant.withdrawn")).length).toBe(1);
  });

  it("transfers to another active site of the study; the code stays; both sites see it", async () => {
    const [p] = await h.db.select().from(participants).where(eq(participants.subjectCode, "EN-OPEN-R01-0003"));
    const before = await countRows(h.db, TABLES);
    expect((await transferAs(RC20, { participantId: p.id, toSiteId: open.site("R20").id, transferredOn: today, reason: "moved" })).ok).toBe(false);
    const inactive = await transferAs(RC1, { participantId: p.id, toSiteId: open.site("R02").id, transferredOn: today, reason: "moved" });
    expect(!inactive.ok && inactive.fieldErrors).toHaveProperty("toSiteId");
    const foreign = await transferAs(RC1, { participantId: p.id, toSiteId: other.site("R01").id, transferredOn: today, reason: "moved" });
    expect(foreign.ok).toBe(false);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const r = await transferAs(RC1, { participantId: p.id, toSiteId: open.site("R20").id, transferredOn: today, reason: "Patient moved to Kunming" });
    expect(r.ok).toBe(true);
    const [after] = await h.db.select().from(participants).where(eq(participants.id, p.id));
    expect(after).toMatchObject({ subjectCode: "EN-OPEN-R01-0003", centreId: fx.org("R20").id, seq: 3 });
    expect((await audits("participant.transferred")).length).toBe(1);
    // Both sites' staff see the transferred participant; a viewer sees no participant row at all.
    for (const email of ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo"]) {
      const rows = await listParticipants(await actorOf(email), open.study.id, { site: "", status: "", q: "R01-0003", page: 1 });
      expect(rows.rows.map((r) => r.subjectCode), email).toEqual(["EN-OPEN-R01-0003"]);
    }
    // Its history is read in the network's local time with the zone, never a bare or UTC time.
    const seen = await getParticipant(await actorOf(RC1), open.study.id, "EN-OPEN-R01-0003");
    expect(seen?.history.length).toBeGreaterThan(0);
    for (const at of [...seen!.history.map((e) => e.at), seen!.randomizedAt ?? ""].filter(Boolean)) expect(at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+8\)$/);
    const viewer = await actorOf("viewer@ncrc.demo");
    expect((await listParticipants(viewer, open.study.id, { site: "", status: "", q: "", page: 1 })).total).toBe(0);
    expect(await getParticipant(viewer, open.study.id, "EN-OPEN-R01-0003")).toBeNull();
    expect((await listScreenings(viewer, open.study.id, { site: "", outcome: "", page: 1 })).total).toBe(0);
    // Staff of a third centre in the study see neither.
    const thirdCentre = await actorOf("staff.gh1@ncrc.demo");
    expect(await getParticipant(thirdCentre, open.study.id, "EN-OPEN-R01-0003")).toBeNull();
  });

  it("unblinds only by the study PI or an admin, with a reason", async () => {
    const r = await enrolAs(RC1, enrolInput(blinded, "R01", await screen(RC1, blinded, "R01")));
    expect(r.ok).toBe(true);
    const [enrolled] = (await audits("participant.enrolled")).slice(-1);
    expect(enrolled.after).toMatchObject({ allocation: { arm: null } });
    const pid = r.ok ? r.data.id : 0;
    const before = await countRows(h.db, TABLES);
    // Neither site staff nor a monitor may unblind.
    expect((await unblindAs(RC1, { participantId: pid, reason: "SAE" })).ok).toBe(false);
    expect((await unblindAs("monitor@ncrc.demo", { participantId: pid, reason: "SAE" })).ok).toBe(false);
    const noReason = await unblindAs("pi@ncrc.demo", { participantId: pid, reason: "" });
    expect(!noReason.ok && noReason.fieldErrors).toHaveProperty("reason");
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const ok = await unblindAs("pi@ncrc.demo", { participantId: pid, reason: "Grade 4 hepatitis: treatment decision" });
    expect(ok.ok && ok.data.arm).toMatch(/^[AB]$/);
    const [u] = await audits("participant.unblinded");
    expect(u.reason).toBe("Grade 4 hepatitis: treatment decision");
    expect(JSON.stringify(u.after)).not.toMatch(/"arm"/);
    expect((await unblindAs("pi@ncrc.demo", { participantId: pid, reason: "again" })).ok).toBe(false);
  });
});
