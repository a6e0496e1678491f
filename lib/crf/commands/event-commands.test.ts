import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { crfEventForms, crfEvents, crfFormInstances, crfFormVersions, protocolVersions, studies, users, visitDefinitions } from "@/db/schema";
import { addEventCommand } from "@/lib/crf/commands/add-event";
import { createFormCommand } from "@/lib/crf/commands/create-form";
import { setEventFormsCommand } from "@/lib/crf/commands/set-event-forms";
import { eventNameOfVisit, syncScheduledEventsCommand } from "@/lib/crf/commands/sync-scheduled-events";
import { designsStudyForms } from "@/lib/crf/queries/design-access";
import { studyEvents } from "@/lib/crf/queries/events";
import { createSession, loadActorBySession } from "@/lib/auth/sessions";
import { setVisitScheduleCommand } from "@/lib/studies/commands/set-visit-schedule";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { insertTestParticipant } from "@/lib/testing/participants";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";
import { networkToday } from "@/lib/time/network-day";

const h = await setupTestDb();
const TABLES = ["crf_events", "crf_event_forms", "crf_forms", "protocol_versions", "audit_events"];
const VISITS = [
  { code: "BL", day: 0, window: 3 },
  { code: "C2D1", day: 21, window: 3 },
  { code: "1M", day: 30, window: 7 },
];
let draft: TestStudy;
let recruiting: TestStudy;
let other: TestStudy;
const amend = { amendmentDate: networkToday(), amendmentReason: "Events" };

const eventsOf = (studyId: number) => h.db.select().from(crfEvents).where(eq(crfEvents.studyId, studyId)).orderBy(crfEvents.ordinal, crfEvents.id);
async function loadActor(email: string) {
  const [u] = await h.db.select().from(users).where(eq(users.email, email));
  const a = await loadActorBySession(h.db, await createSession(h.db, u.id, u.sessionVersion));
  if (!a) throw new Error(email);
  return a;
}
const currentPv = async (studyId: number) =>
  (await h.db.select({ id: protocolVersions.id }).from(protocolVersions).where(and(eq(protocolVersions.studyId, studyId), eq(protocolVersions.version, await versionOf(studyId)))))[0].id;
const versionOf = async (studyId: number) => (await h.db.select().from(studies).where(eq(studies.id, studyId)))[0].currentProtocolVersion;

beforeAll(async () => {
  await seedBase(h.db);
  const [pi] = await h.db.select().from(users).where(eq(users.email, "pi@ncrc.demo"));
  await h.db.insert(users).values({ ...pi, id: undefined, email: "pi.events@ncrc.test" });
  draft = await createTestStudy(h.db, { code: "EVT-DRAFT", status: "draft", design: "single_arm", visits: VISITS, team: [["staff.rc1@ncrc.demo", "data_manager"], ["monitor@ncrc.demo", "monitor"]] });
  recruiting = await createTestStudy(h.db, { code: "EVT-REC", design: "single_arm", visits: VISITS });
  other = await createTestStudy(h.db, { code: "EVT-OTHER", status: "draft", design: "single_arm", visits: VISITS, pi: "pi.events@ncrc.test" });
});

describe("event names of visit codes", () => {
  it("follow REDCap's rule for event names", () => {
    expect(eventNameOfVisit("C2D1")).toBe("c2d1");
    expect(eventNameOfVisit("1M")).toBe("v_1m");
    expect(eventNameOfVisit("_X")).toBe("v__x");
  });
});

describe("scheduled events follow the visit schedule", () => {
  it("the PI creates an event per visit, in the schedule's order, labelled as the visit", async () => {
    const r = expectOk(await runCommand("pi@ncrc.demo", syncScheduledEventsCommand, { studyId: draft.study.id }));
    expect(r.added).toEqual(["bl", "c2d1", "v_1m"]);
    const events = await eventsOf(draft.study.id);
    expect(events.map((e) => [e.name, e.kind, e.visitCode, e.labelEn])).toEqual([
      ["bl", "scheduled", "BL", "Visit BL"],
      ["c2d1", "scheduled", "C2D1", "Visit C2D1"],
      ["v_1m", "scheduled", "1M", "Visit 1M"],
    ]);
  });

  it("running it again writes nothing; a changed schedule updates labels and order, a removed visit keeps its event", async () => {
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand("staff.rc1@ncrc.demo", syncScheduledEventsCommand, { studyId: draft.study.id }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expectOk(
      await runCommand("pi@ncrc.demo", setVisitScheduleCommand, {
        studyId: draft.study.id,
        code: ["BL", "EOT"],
        nameZh: ["基线", "治疗结束"],
        nameEn: ["Baseline", "End of treatment"],
        targetDay: ["0", "180"],
        windowDays: ["3", "14"],
      }),
    );
    const r = expectOk(await runCommand("pi@ncrc.demo", syncScheduledEventsCommand, { studyId: draft.study.id }));
    expect(r).toMatchObject({ added: ["eot"], updated: ["bl"] });
    const events = await eventsOf(draft.study.id);
    expect(events.map((e) => [e.name, e.labelZh])).toEqual([
      ["bl", "基线"],
      ["c2d1", "访视 C2D1"],
      ["eot", "治疗结束"],
      ["v_1m", "访视 1M"],
    ]);
  });

  it("refuses a monitor on the team, another study's PI, a viewer, an admin and bad input, writing nothing", async () => {
    await h.db.update(visitDefinitions).set({ nameEn: "Renamed" }).where(and(eq(visitDefinitions.code, "EOT"), eq(visitDefinitions.protocolVersionId, await currentPv(draft.study.id))));
    const before = await countRows(h.db, TABLES);
    for (const who of ["monitor@ncrc.demo", "pi.events@ncrc.test", "viewer@ncrc.demo", "admin@ncrc.demo", null]) {
      expectRefused(await runCommand(who, syncScheduledEventsCommand, { studyId: draft.study.id }));
    }
    expectRefused(await runCommand("pi@ncrc.demo", syncScheduledEventsCommand, { studyId: "x" }), ["studyId"]);
    expectRefused(await runCommand("pi@ncrc.demo", syncScheduledEventsCommand, { studyId: draft.study.id, extra: 1 }));
    expectRefused(await runCommand("pi@ncrc.demo", syncScheduledEventsCommand, { studyId: 999999 }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
    // The other PI syncs their own study, and nothing of the first study changes.
    expectOk(await runCommand("pi.events@ncrc.test", syncScheduledEventsCommand, { studyId: other.study.id }));
    expect((await eventsOf(draft.study.id)).find((e) => e.name === "eot")?.labelEn).toBe("End of treatment");
  });
});

describe("unscheduled and log events", () => {
  it("the PI and a data manager add them to a draft study, after the scheduled ones", async () => {
    expectOk(await runCommand("pi@ncrc.demo", addEventCommand, { studyId: draft.study.id, name: "unscheduled", kind: "unscheduled", labelZh: "计划外访视", labelEn: "Unscheduled visit" }));
    expectOk(await runCommand("staff.rc1@ncrc.demo", addEventCommand, { studyId: draft.study.id, name: "conmed_log", kind: "log", labelZh: "合并用药", labelEn: "Concomitant medications" }));
    const events = await eventsOf(draft.study.id);
    expect(events.slice(-2).map((e) => [e.name, e.kind, e.visitCode])).toEqual([
      ["unscheduled", "unscheduled", null],
      ["conmed_log", "log", null],
    ]);
    expect(await versionOf(draft.study.id)).toBe(1);
  });

  it("refuses a duplicate name, a scheduled kind, a bad name, the wrong people and another study's PI, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const input = { studyId: draft.study.id, name: "ae_log", kind: "log", labelZh: "不良事件", labelEn: "Adverse events" };
    expectRefused(await runCommand("pi@ncrc.demo", addEventCommand, { ...input, name: "conmed_log" }), ["name"]);
    expectRefused(await runCommand("pi@ncrc.demo", addEventCommand, { ...input, name: "bl" }), ["name"]);
    expectRefused(await runCommand("pi@ncrc.demo", addEventCommand, { ...input, kind: "scheduled" }), ["kind"]);
    expectRefused(await runCommand("pi@ncrc.demo", addEventCommand, { ...input, name: "AE Log" }), ["name"]);
    expectRefused(await runCommand("pi@ncrc.demo", addEventCommand, { ...input, labelEn: "" }), ["labelEn"]);
    expectRefused(await runCommand("pi@ncrc.demo", addEventCommand, { ...input, labelZh: "x".repeat(5000) }), ["labelZh"]);
    for (const who of ["monitor@ncrc.demo", "pi.events@ncrc.test", "viewer@ncrc.demo", "staff.gh1@ncrc.demo"]) expectRefused(await runCommand(who, addEventCommand, input));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("once recruiting, adding one needs an amendment and makes a new protocol version", async () => {
    const input = { studyId: recruiting.study.id, name: "ae_log", kind: "log", labelZh: "不良事件", labelEn: "Adverse events" };
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand("pi@ncrc.demo", addEventCommand, input), ["amendmentDate"]);
    expectRefused(await runCommand("pi@ncrc.demo", addEventCommand, { ...input, amendmentDate: networkToday() }), ["amendmentReason"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const r = expectOk(await runCommand("pi@ncrc.demo", addEventCommand, { ...input, ...amend }));
    expect(r.protocolVersion).toBe(2);
    const [pv] = await h.db.select().from(protocolVersions).where(eq(protocolVersions.studyId, recruiting.study.id)).orderBy(protocolVersions.version).offset(1);
    expect(pv).toMatchObject({ version: 2, reason: "Events" });
  });

  it("a double click with the same request key adds the event once", async () => {
    const input = { studyId: draft.study.id, name: "ae_log", kind: "log", labelZh: "不良事件", labelEn: "Adverse events", requestKey: "a".repeat(32) };
    const a = expectOk(await runCommand("pi@ncrc.demo", addEventCommand, input));
    const b = expectOk(await runCommand("pi@ncrc.demo", addEventCommand, input));
    expect(b.eventId).toBe(a.eventId);
    expect((await eventsOf(draft.study.id)).filter((e) => e.name === "ae_log")).toHaveLength(1);
  });
});

describe("which forms each event collects", () => {
  const forms: number[] = [];
  let events: Awaited<ReturnType<typeof eventsOf>> = [];
  const cells = (pairs: [number, number][]) => ({ eventIds: pairs.map((p) => p[0]), formIds: pairs.map((p) => p[1]) });
  const matrix = async (studyId: number) => {
    const rows = await h.db.select({ eventId: crfEventForms.eventId, formId: crfEventForms.formId }).from(crfEventForms).innerJoin(crfEvents, eq(crfEvents.id, crfEventForms.eventId)).where(eq(crfEvents.studyId, studyId));
    return rows.map((r) => `${r.eventId}:${r.formId}`).sort();
  };

  beforeAll(async () => {
    for (const name of ["vitals", "labs"]) forms.push(expectOk(await runCommand("pi@ncrc.demo", createFormCommand, { studyId: draft.study.id, name, labelZh: name, labelEn: name })).formId);
    events = await eventsOf(draft.study.id);
  });

  it("the PI sets the matrix; sending it again unchanged writes nothing", async () => {
    const [bl, c2] = events;
    expectOk(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: draft.study.id, ...cells([[bl.id, forms[0]], [bl.id, forms[1]], [c2.id, forms[1]]]) }));
    expect(await matrix(draft.study.id)).toEqual([`${bl.id}:${forms[0]}`, `${bl.id}:${forms[1]}`, `${c2.id}:${forms[1]}`].sort());
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand("staff.rc1@ncrc.demo", setEventFormsCommand, { studyId: draft.study.id, ...cells([[c2.id, forms[1]], [bl.id, forms[1]], [bl.id, forms[0]]]) }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expectOk(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: draft.study.id, ...cells([[bl.id, forms[0]]]) }));
    expect(await matrix(draft.study.id)).toEqual([`${bl.id}:${forms[0]}`]);
  });

  it("refuses another study's event or form, mismatched pairs, bad ids, the wrong people, writing nothing", async () => {
    const [bl] = events;
    const otherEvent = (await eventsOf(other.study.id))[0];
    const otherForm = expectOk(await runCommand("pi.events@ncrc.test", createFormCommand, { studyId: other.study.id, name: "theirs", labelZh: "x", labelEn: "x" })).formId;
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: draft.study.id, ...cells([[otherEvent.id, forms[0]]]) }), ["eventIds"]);
    expectRefused(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: draft.study.id, ...cells([[bl.id, otherForm]]) }), ["formIds"]);
    expectRefused(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: draft.study.id, eventIds: [bl.id, bl.id], formIds: [forms[0]] }), ["formIds"]);
    expectRefused(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: draft.study.id, eventIds: ["-1"], formIds: [forms[0]] }), ["eventIds.0"]);
    expectRefused(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: draft.study.id, eventIds: Array(6000).fill(bl.id), formIds: Array(6000).fill(forms[0]) }), ["eventIds"]);
    for (const who of ["monitor@ncrc.demo", "pi.events@ncrc.test", "viewer@ncrc.demo"]) expectRefused(await runCommand(who, setEventFormsCommand, { studyId: draft.study.id, ...cells([]) }));
    expectRefused(await runCommand("pi.events@ncrc.test", setEventFormsCommand, { studyId: other.study.id, ...cells([[bl.id, otherForm]]) }), ["eventIds"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("once recruiting, a change is an amendment; a form with data at an event stays there", async () => {
    expectOk(await runCommand("pi@ncrc.demo", syncScheduledEventsCommand, { studyId: recruiting.study.id }));
    const f = expectOk(await runCommand("pi@ncrc.demo", createFormCommand, { studyId: recruiting.study.id, name: "labs", labelZh: "化验", labelEn: "Labs", ...amend }));
    const [bl, c2] = await eventsOf(recruiting.study.id);
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: recruiting.study.id, ...cells([[bl.id, f.formId]]) }), ["amendmentDate"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const r = expectOk(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: recruiting.study.id, ...cells([[bl.id, f.formId], [c2.id, f.formId]]), ...amend }));
    expect(r.protocolVersion).toBe(f.protocolVersion + 1);

    const p = await insertTestParticipant(h.db, recruiting.study, { centre: "R01", seq: 1 });
    const [{ id: formVersionId }] = await h.db.select({ id: crfFormVersions.id }).from(crfFormVersions).where(eq(crfFormVersions.formId, f.formId)).orderBy(desc(crfFormVersions.version)).limit(1);
    const [pi] = await h.db.select().from(users).where(eq(users.email, "pi@ncrc.demo"));
    await h.db.insert(crfFormInstances).values({ participantId: p.id, studyId: recruiting.study.id, eventId: bl.id, formId: f.formId, formVersionId, enteredBy: pi.id });
    const held = await countRows(h.db, TABLES);
    expectRefused(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: recruiting.study.id, ...cells([[c2.id, f.formId]]), ...amend }), ["formIds"]);
    expect(await countRows(h.db, TABLES)).toEqual(held);
    expectOk(await runCommand("pi@ncrc.demo", setEventFormsCommand, { studyId: recruiting.study.id, ...cells([[bl.id, f.formId]]), ...amend }));
    expect(await matrix(recruiting.study.id)).toEqual([`${bl.id}:${f.formId}`]);
  });
});

describe("reading the events", () => {
  it("whoever sees the study reads its events and matrix; only its designers are told they design it", async () => {
    const names = async (email: string) => (await studyEvents(await loadActor(email), draft.study.id)).events.map((e) => e.name);
    expect(await names("monitor@ncrc.demo")).toEqual(["bl", "c2d1", "eot", "v_1m", "unscheduled", "conmed_log", "ae_log"]);
    expect(await names("pi.events@ncrc.test")).toEqual([]);
    expect(await names("biobank@ncrc.demo")).toEqual([]);
    const read = await studyEvents(await loadActor("pi@ncrc.demo"), draft.study.id);
    expect(read.events.find((e) => e.name === "bl")?.formIds).toHaveLength(1);
    expect(read.outOfSync).toEqual(["EOT"]);
    expect(await designsStudyForms(await loadActor("pi@ncrc.demo"), draft.study.id)).toBe(true);
    expect(await designsStudyForms(await loadActor("staff.rc1@ncrc.demo"), draft.study.id)).toBe(true);
    expect(await designsStudyForms(await loadActor("monitor@ncrc.demo"), draft.study.id)).toBe(false);
    expect(await designsStudyForms(await loadActor("pi.events@ncrc.test"), draft.study.id)).toBe(false);
    expect(await designsStudyForms(await loadActor("viewer@ncrc.demo"), draft.study.id)).toBe(false);
  });
});
