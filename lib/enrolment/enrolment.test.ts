import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { auditEvents, participants, screenings } from "@/db/schema";
import { enrolAction, screenAction } from "@/app/(portal)/studies/[code]/screening/actions";
import { transferAction, unblindAction, withdrawAction } from "@/app/(portal)/studies/[code]/participants/actions";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/session";
import { loadActorBySession } from "@/lib/auth/sessions";
import { getParticipant } from "@/lib/participants/queries/participant-detail";
import { listParticipants } from "@/lib/participants/queries/participants";
import { listScreenings } from "@/lib/enrolment/queries/screenings";
import { todayInNetwork } from "@/lib/enrolment/fields";
import { createTestStudy, testNationalId } from "@/lib/testing/study-builder";

const TABLES = ["screenings", "participants", "allocation_entries", "participant_transfers", "unblindings", "audit_events"];
const h = await setupTestDb();
let fx: Awaited<ReturnType<typeof seedBase>>;
let open: Awaited<ReturnType<typeof createTestStudy>>;
let other: Awaited<ReturnType<typeof createTestStudy>>;
let blinded: Awaited<ReturnType<typeof createTestStudy>>;
const today = todayInNetwork();
let person = 0;

const yes = { codes: ["I1", "I2", "E1"], answers: ["yes", "yes", "no"] };

async function screen(s: typeof open, centre: string, answers = yes) {
  const r = await screenAction({ studyId: s.study.id, siteId: s.site(centre).id, screenedOn: today, ...answers });
  if (!r.ok) throw new Error(`screen failed: ${r.message} ${JSON.stringify(r.fieldErrors)}`);
  return r.data.id;
}

function enrolInput(s: typeof open, centre: string, screeningId: number, over: Record<string, unknown> = {}) {
  return {
    studyId: s.study.id,
    siteId: s.site(centre).id,
    screeningId,
    requestKey: randomUUID(),
    nationalId: testNationalId(++person),
    yearOfBirth: "1960",
    sex: "female",
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
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const ok = await screenAction({ studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, ...yes });
    const fail = await screenAction({ studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, codes: ["I1", "I2", "E1"], answers: ["yes", "no", "yes"] });
    expect(ok.ok && ok.data.outcome).toBe("eligible");
    expect(fail.ok && fail.data).toMatchObject({ outcome: "screen_failed", failedCodes: ["I2", "E1"] });
    expect((await audits("screening.recorded")).length).toBe(2);
  });

  it("refuses missing answers and future dates with field errors, writing nothing", async () => {
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    const r1 = await screenAction({ studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, codes: ["I1", "I2", "E1"], answers: ["yes", "", "no"] });
    const r2 = await screenAction({ studyId: open.study.id, siteId: open.site("R01").id, screenedOn: "2999-01-01", ...yes });
    const r3 = await screenAction({ studyId: "x", siteId: open.site("R01").id, screenedOn: "yesterday", ...yes, extra: 1 });
    expect(!r1.ok && r1.fieldErrors).toHaveProperty("answer_I2");
    expect(!r2.ok && r2.fieldErrors).toHaveProperty("screenedOn");
    expect(!r3.ok && Object.keys(r3.fieldErrors ?? {})).toEqual(expect.arrayContaining(["studyId", "screenedOn"]));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses other roles, other centres' sites, suspended studies and inactive sites, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const susp = (await queryRows<{ id: number; site: number }>(h.db, sql`select s.id, ss.id as site from studies s join study_sites ss on ss.study_id = s.id where s.code = 'EN-SUSP'`))[0];
    await signInAs(h.db, "pi@ncrc.demo");
    expect((await screenAction({ studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, ...yes })).ok).toBe(false);
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    const crafted = await screenAction({ studyId: open.study.id, siteId: open.site("R01").id, screenedOn: today, ...yes });
    expect(!crafted.ok && crafted.message).toMatch(/not found|未找到|不存在/i);
    const crossStudy = await screenAction({ studyId: other.study.id, siteId: open.site("R20").id, screenedOn: today, ...yes });
    expect(crossStudy.ok).toBe(false);
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    expect((await screenAction({ studyId: susp.id, siteId: susp.site, screenedOn: today, ...yes })).ok).toBe(false);
    await signInAs(h.db, "coord.rc1@ncrc.demo");
    expect((await screenAction({ studyId: open.study.id, siteId: open.site("R02").id, screenedOn: today, ...yes })).ok).toBe(false);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });
});

describe("enrolment", () => {
  it("enrols an eligible screening with a sequential code and an allocation, once per request key", async () => {
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const sid = await screen(open, "R01");
    const input = enrolInput(open, "R01", sid);
    const r = await enrolAction(input);
    expect(r.ok && r.data.subjectCode).toBe(`EN-OPEN-${fx.org("R01").code}-0001`);
    const again = await enrolAction(input);
    expect(again.ok && again.data).toMatchObject({ subjectCode: "EN-OPEN-R01-0001", repeated: true });
    expect((await countRows(h.db, ["participants"])).participants).toBe(1);
    const [alloc] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from allocation_entries where participant_id is not null`);
    expect(Number(alloc.n)).toBe(1);
    const [enrolled] = await audits("participant.enrolled");
    expect(enrolled.after).toMatchObject({ subjectCode: "EN-OPEN-R01-0001", allocation: { arm: expect.stringMatching(/^[AB]$/) } });
  });

  it("refuses screen failures, reused screenings, bad IDs and consent after today", async () => {
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    const failed = (await h.db.select().from(screenings).where(eq(screenings.outcome, "screen_failed")))[0];
    expect((await enrolAction(enrolInput(open, "R01", failed.id))).ok).toBe(false);
    const used = (await h.db.select().from(participants))[0].screeningId;
    expect((await enrolAction(enrolInput(open, "R01", used))).ok).toBe(false);
    const [pending] = await queryRows<{ id: number }>(h.db, sql`select id from screenings sc where outcome = 'eligible' and not exists (select 1 from participants p where p.screening_id = sc.id)`);
    const bad = await enrolAction(enrolInput(open, "R01", pending.id, { nationalId: "110101195001010011" }));
    expect(!bad.ok && bad.fieldErrors).toHaveProperty("nationalId");
    const future = await enrolAction(enrolInput(open, "R01", pending.id, { consentDate: "2999-01-01" }));
    expect(!future.ok && future.fieldErrors).toHaveProperty("consentDate");
    const level = await enrolAction(enrolInput(open, "R01", pending.id, { levelCodes: ["II"] }));
    expect(!level.ok && level.fieldErrors).toHaveProperty("level_STAGE");
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses the same person at another site of the study, naming the site; allows and flags another study", async () => {
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const first = (await h.db.select().from(participants))[0];
    const id = testNationalId(1);
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    const sid = await screen(open, "R20");
    const before = await countRows(h.db, TABLES);
    const dup = await enrolAction(enrolInput(open, "R20", sid, { nationalId: id }));
    expect(!dup.ok && dup.message).toContain(fx.org("R01").nameZh);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const sid2 = await screen(other, "R01");
    // Full-width digits and spaces normalise to the same person.
    const wide = id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/^(.{6})/, "$1 ");
    const r = await enrolAction(enrolInput(other, "R01", sid2, { nationalId: wide }));
    expect(r.ok).toBe(true);
    const [flagged] = await h.db.select().from(participants).where(eq(participants.subjectCode, "EN-OTHER-R01-0001"));
    expect(flagged.inOtherStudy).toBe(true);
    expect(flagged.nationalIdHash).toBe(first.nationalIdHash);
    expect(JSON.stringify(await h.db.select().from(participants))).not.toContain(id);
  });

  it("stops at the site target and at the study target", async () => {
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    for (const n of [2, 3]) {
      const r = await enrolAction(enrolInput(open, "R01", await screen(open, "R01")));
      expect(r.ok && r.data.subjectCode).toBe(`EN-OPEN-R01-000${n}`);
    }
    const sid = await screen(open, "R01");
    const before = await countRows(h.db, TABLES);
    const full = await enrolAction(enrolInput(open, "R01", sid));
    expect(!full.ok && full.message).toMatch(/3/);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    for (let i = 0; i < 2; i++) expect((await enrolAction(enrolInput(open, "R20", await screen(open, "R20")))).ok).toBe(true);
    const studyFull = await enrolAction(enrolInput(open, "R20", await screen(open, "R20")));
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
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const sid = await screen(other, "R01");
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    expect((await enrolAction(enrolInput(other, "R01", sid))).ok).toBe(false);
    expect((await enrolAction({ ...enrolInput(open, "R20", sid) })).ok).toBe(false);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });
});

describe("withdrawal, transfer and unblinding", () => {
  it("withdraws only at the own site, with a coded reason", async () => {
    const [p] = await h.db.select().from(participants).where(eq(participants.subjectCode, "EN-OPEN-R01-0002"));
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    expect((await withdrawAction({ participantId: p.id, withdrawnOn: today, reason: "consent_withdrawn" })).ok).toBe(false);
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const bad = await withdrawAction({ participantId: p.id, withdrawnOn: today, reason: "bored" });
    expect(!bad.ok && bad.fieldErrors).toHaveProperty("reason");
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expect((await withdrawAction({ participantId: p.id, withdrawnOn: today, reason: "consent_withdrawn" })).ok).toBe(true);
    expect((await audits("participant.withdrawn")).length).toBe(1);
  });

  it("transfers to another active site of the study; the code stays; both sites see it", async () => {
    const [p] = await h.db.select().from(participants).where(eq(participants.subjectCode, "EN-OPEN-R01-0003"));
    await signInAs(h.db, "staff.rc20@ncrc.demo");
    const before = await countRows(h.db, TABLES);
    expect((await transferAction({ participantId: p.id, toSiteId: open.site("R20").id, transferredOn: today, reason: "moved" })).ok).toBe(false);
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const inactive = await transferAction({ participantId: p.id, toSiteId: open.site("R02").id, transferredOn: today, reason: "moved" });
    expect(!inactive.ok && inactive.fieldErrors).toHaveProperty("toSiteId");
    const foreign = await transferAction({ participantId: p.id, toSiteId: other.site("R01").id, transferredOn: today, reason: "moved" });
    expect(foreign.ok).toBe(false);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const r = await transferAction({ participantId: p.id, toSiteId: open.site("R20").id, transferredOn: today, reason: "Patient moved to Kunming" });
    expect(r.ok).toBe(true);
    const [after] = await h.db.select().from(participants).where(eq(participants.id, p.id));
    expect(after).toMatchObject({ subjectCode: "EN-OPEN-R01-0003", centreId: fx.org("R20").id, seq: 3 });
    expect((await audits("participant.transferred")).length).toBe(1);
    // Both sites' staff see the transferred participant; a viewer sees no participant row at all.
    for (const email of ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo"]) {
      const rows = await listParticipants(await actorOf(email), open.study.id, { site: "", status: "", q: "R01-0003", page: 1 });
      expect(rows.rows.map((r) => r.subjectCode), email).toEqual(["EN-OPEN-R01-0003"]);
    }
    const viewer = await actorOf("viewer@ncrc.demo");
    expect((await listParticipants(viewer, open.study.id, { site: "", status: "", q: "", page: 1 })).total).toBe(0);
    expect(await getParticipant(viewer, open.study.id, "EN-OPEN-R01-0003")).toBeNull();
    expect((await listScreenings(viewer, open.study.id, { site: "", outcome: "", page: 1 })).total).toBe(0);
    // Staff of a third centre in the study see neither.
    const thirdCentre = await actorOf("staff.gh1@ncrc.demo");
    expect(await getParticipant(thirdCentre, open.study.id, "EN-OPEN-R01-0003")).toBeNull();
  });

  it("unblinds only by the study PI or an admin, with a reason", async () => {
    await signInAs(h.db, "staff.rc1@ncrc.demo");
    const r = await enrolAction(enrolInput(blinded, "R01", await screen(blinded, "R01")));
    expect(r.ok).toBe(true);
    const [enrolled] = (await audits("participant.enrolled")).slice(-1);
    expect(enrolled.after).toMatchObject({ allocation: { arm: null } });
    const pid = r.ok ? r.data.id : 0;
    const before = await countRows(h.db, TABLES);
    expect((await unblindAction({ participantId: pid, reason: "SAE" })).ok).toBe(false);
    await signInAs(h.db, "pi.other@ncrc.test").catch(() => null);
    await signInAs(h.db, "monitor@ncrc.demo");
    expect((await unblindAction({ participantId: pid, reason: "SAE" })).ok).toBe(false);
    await signInAs(h.db, "pi@ncrc.demo");
    const noReason = await unblindAction({ participantId: pid, reason: "" });
    expect(!noReason.ok && noReason.fieldErrors).toHaveProperty("reason");
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const ok = await unblindAction({ participantId: pid, reason: "Grade 4 hepatitis: treatment decision" });
    expect(ok.ok && ok.data.arm).toMatch(/^[AB]$/);
    const [u] = await audits("participant.unblinded");
    expect(u.reason).toBe("Grade 4 hepatitis: treatment decision");
    expect(JSON.stringify(u.after)).not.toMatch(/"arm"/);
    expect((await unblindAction({ participantId: pid, reason: "again" })).ok).toBe(false);
  });
});
