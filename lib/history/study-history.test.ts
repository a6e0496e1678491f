import { beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { loadActorBySession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/authz/actor";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { parseAuditFilters } from "@/lib/history/filters";
import { auditActionNames, listAuditEvents } from "@/lib/history/queries/audit-trail";
import { historyRefs } from "@/lib/history/queries/history-refs";
import { listStudyHistory } from "@/lib/history/queries/study-history";
import { refIdsOf } from "@/lib/history/ref-ids";
import { STUDY_LEVEL_ENTITIES } from "@/lib/history/scope";
import { addTeamMemberCommand } from "@/lib/studies/commands/add-team-member";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { toNetworkLocal } from "@/lib/time/network-day";

/**
 * The study history leak (issue 10): participant-level events of a study's trail (subject
 * codes, AE terms, query text) reach only those who may read that participant.
 */
const h = await setupTestDb();
const [RC1, RC20, PI, MONITOR, VIEWER, ADMIN, COORD_RC1, BIOBANK] = [
  "staff.rc1@ncrc.demo",
  "staff.rc20@ncrc.demo",
  "pi@ncrc.demo",
  "monitor@ncrc.demo",
  "viewer@ncrc.demo",
  "admin@ncrc.demo",
  "coord.rc1@ncrc.demo",
  "biobank@ncrc.demo",
];
const AE_TERM = "Febrile neutropenia";
const QUESTION = "Please confirm the grade against the lab report";
const RELEASE_NOTE = "Release of R01 specimens";
const STUDY_LEVEL: readonly string[] = STUDY_LEVEL_ENTITIES;

let s: Awaited<ReturnType<typeof createFollowupStudy>>;
let fx: Awaited<ReturnType<typeof seedBase>>;

async function actor(email: string): Promise<Actor> {
  const { sessionId } = await signInAs(h.db, email);
  const a = await loadActorBySession(h.db, sessionId);
  if (!a) throw new Error(`no actor ${email}`);
  return a;
}

/** Every event of the study's history that the given person reads (one large page). */
async function historyOf(email: string) {
  const page = await listStudyHistory(await actor(email), s.study.id, 1, 500);
  expect(page.total).toBe(page.rows.length);
  return page.rows;
}

const participantLevel = (rows: { entityType: string }[]) => rows.filter((r) => !STUDY_LEVEL.includes(r.entityType));

beforeAll(async () => {
  fx = await seedBase(h.db);
  // Sites at R01 and R20, one participant at each; the monitor is on the team; pi@ncrc.demo leads it.
  s = await createFollowupStudy(h.db, "HX-203", { enrolledOn: "2025-01-10", monitor: MONITOR });
  // A study-level event, which everyone who sees the study may read.
  expectOk(await runCommand(PI, addTeamMemberCommand, { studyId: s.study.id, email: "staff.gh1@ncrc.demo", studyRole: "site_pi" }));
  // Participant-level events about the R01 participant: an AE recorded by its site, a monitor's query on it.
  const ae = expectOk(
    await runCommand(RC1, addAeCommand, {
      participantId: s.atR01.id,
      term: AE_TERM,
      category: "blood_lymphatic",
      grade: "3",
      onsetOn: "2025-02-01",
      endedOn: "",
      relatedness: "possible",
      actionTaken: "none",
      outcome: "recovering",
      awareAt: toNetworkLocal(new Date()),
    }),
  );
  expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "adverse_event", entityId: ae.id, field: "grade", question: QUESTION }));
  // An event that names no participant row (a biobank release at R01 for this study): read by the event's study and centre.
  await appendAudit(h.db, { id: fx.user(ADMIN).id, centreId: fx.org("TJ01").id }, [
    { action: "release.requested", entityType: "release_request", entityId: 1, centreId: fx.org("R01").id, studyId: s.study.id, after: { note: RELEASE_NOTE } },
  ]);
});

describe("a study's history: participant-level events go through the participant scope", () => {
  it("the participant's site, the study PI, a monitor on the team, the site's coordinator and an admin see the AE and the query", async () => {
    for (const email of [RC1, PI, MONITOR, COORD_RC1, ADMIN]) {
      const rows = await historyOf(email);
      const ae = rows.find((r) => r.action === "ae.recorded");
      expect({ email, term: (ae?.after as { term?: string } | undefined)?.term }).toEqual({ email, term: AE_TERM });
      const q = rows.find((r) => r.action === "query.raised");
      expect({ email, question: (q?.after as { question?: string } | undefined)?.question }).toEqual({ email, question: QUESTION });
      expect({ email, release: rows.some((r) => r.entityType === "release_request") }).toEqual({ email, release: true });
      expect(rows.some((r) => r.action === "study.team.added")).toBe(true);
    }
  });

  it("the viewer sees the study's own events and no participant-level event at all", async () => {
    const rows = await historyOf(VIEWER);
    expect(rows.map((r) => r.action)).toEqual(["study.team.added"]);
    expect(participantLevel(rows)).toEqual([]);
    const text = JSON.stringify(rows);
    for (const secret of [AE_TERM, QUESTION, RELEASE_NOTE, s.atR01.subjectCode]) expect(text).not.toContain(secret);
  });

  it("staff of another site of the study see the study but none of the R01 participant's events", async () => {
    const rows = await historyOf(RC20);
    expect(rows.map((r) => r.action)).toEqual(["study.team.added"]);
    expect(participantLevel(rows)).toEqual([]);
    const text = JSON.stringify(rows);
    for (const secret of [AE_TERM, QUESTION, RELEASE_NOTE, s.atR01.subjectCode]) expect(text).not.toContain(secret);
  });

  it("someone outside the study (a biobank manager on no team) reads no history of it", async () => {
    expect(await historyOf(BIOBANK)).toEqual([]);
  });

  it("the counts and pages are of the visible events only", async () => {
    const rc20 = await listStudyHistory(await actor(RC20), s.study.id, 1, 1);
    const pi = await listStudyHistory(await actor(PI), s.study.id, 1, 1);
    expect([rc20.total, rc20.pages]).toEqual([1, 1]);
    expect(pi.total).toBe(4);
    expect(pi.pages).toBe(4);
  });
});

describe("the network audit trail uses the same paged history", () => {
  it("gives roles without audit.read an empty page, a coordinator their subtree, an admin everything", async () => {
    for (const email of [VIEWER, RC1, PI]) {
      expect(await listAuditEvents(await actor(email), parseAuditFilters({}))).toMatchObject({ rows: [], total: 0 });
    }
    const coord = await listAuditEvents(await actor(COORD_RC1), parseAuditFilters({ action: "ae." }));
    expect(coord.rows.map((r) => [r.action, r.centreCode])).toEqual([["ae.recorded", "R01"]]);
    const admin = await listAuditEvents(await actor(ADMIN), parseAuditFilters({}));
    expect(admin.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["release.requested", "query.raised", "ae.recorded", "study.team.added"]));
  });

  it("offers the actions present in the reader's part of the trail as the action filter's choices", async () => {
    expect(await auditActionNames(await actor(VIEWER))).toEqual([]);
    // An event at R20, outside the R01 coordinator's subtree.
    await appendAudit(h.db, { id: fx.user(ADMIN).id, centreId: fx.org("TJ01").id }, [{ action: "centre.renamed", entityType: "organisation", entityId: fx.org("R20").id, centreId: fx.org("R20").id }]);
    expect(await auditActionNames(await actor(ADMIN))).toContain("centre.renamed");
    // Exactly the actions of the events the coordinator may read (their subtree), no more.
    const coordActor = await actor(COORD_RC1);
    const coord = await auditActionNames(coordActor);
    const readable = (await listAuditEvents(coordActor, parseAuditFilters({}), 500)).rows.map((r) => r.action);
    expect(coord).toContain("ae.recorded");
    expect([...coord].sort()).toEqual([...new Set(readable)].sort());
    expect(coord).not.toContain("centre.renamed");
    expect(await auditActionNames(await actor(ADMIN))).toEqual(expect.arrayContaining(["release.requested", "query.raised", "ae.recorded", "study.team.added"]));
  });
});

describe("ids in a history's events are named as far as the reader sees them elsewhere", () => {
  it("gives the study's reader its site centres and team, and an outsider only the people of their own centre", async () => {
    const ids = { centreIds: [fx.org("R01").id, fx.org("R20").id, fx.org("R05").id], userIds: [fx.user("staff.gh1@ncrc.demo").id, fx.user(PI).id, fx.user("staff.rc20@ncrc.demo").id] };
    const pi = await historyRefs(await actor(PI), ids);
    // The study's sites (R01, R20), its PI and its team; not R05 (no study of theirs), not staff.rc20 (on no team, elsewhere).
    expect(pi.centres).toEqual({ [fx.org("R01").id]: "R01", [fx.org("R20").id]: "R20" });
    expect(Object.keys(pi.users).map(Number).sort()).toEqual([fx.user("staff.gh1@ncrc.demo").id, fx.user(PI).id].sort((a, b) => a - b));
    const outsider = await historyRefs(await actor(BIOBANK), ids);
    // The biobank manager sees no study of these: no centre, and of the people only a colleague at TJ01.
    expect(outsider).toEqual({ centres: {}, users: { [fx.user(PI).id]: fx.user(PI).name } });
    const admin = await historyRefs(await actor(ADMIN), ids);
    expect(Object.values(admin.centres).sort()).toEqual(["R01", "R05", "R20"]);
  });

  it("finds the ids in the payloads by what their fields mean", () => {
    expect(refIdsOf([{ before: { centreId: 4, target: 9 }, after: { piUserId: 7, arms: [{ code: "A", ratio: 1 }], version: 2 } }])).toEqual({ centreIds: [4], userIds: [7] });
  });
});
