import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres, queryRows, setProcessDatabase, type Db, type Handle } from "@/db/client";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { studyCompletion } from "@/lib/crf/queries/completion";
import { formsInForce, loadFormDefs } from "@/lib/crf/store";
import { VISIT_ASSESSMENT_DEF, VISIT_ASSESSMENT_FORM } from "@/lib/crf/visit-assessment";
import { getQueryThread } from "@/lib/followup/queries/followup";
import { answerQueryCommand } from "@/lib/followup/commands/answer-query";
import { recountCompletion } from "@/lib/testing/crf-completion-recount";
import { createCrfStudy, type CrfStudy } from "@/lib/testing/crf-study";
import { seedBase } from "@/lib/testing/fixtures";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { applyHeld, migrateWithout } from "@/lib/testing/migrate-through";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { scratchPostgres, type Scratch } from "@/lib/testing/scratch";
import { signInAs } from "@/lib/testing/session";

// Migration 0027_visit_assessment_data moves the visits' fixed assessment fields (ECOG, weight,
// RECIST response) into the visit_assessment form; 0028 drops the columns. Here a database is
// built with every migration but those two (the fixtures write the current schema of every other
// table), filled in the old shape with recorded visits, their versions, queries in every state
// and SDV marks, then the two are applied: nothing may be lost.
const HELD = ["0027_visit_assessment_data", "0028_visit_assessment_columns"];
const [RC1, RC20, MONITOR, PI] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo"];

let h: Handle;
let owner: Handle | null = null;
let scratch: Scratch | null = null;
/** The connection that may write before the app role has its grants (PGlite: the one handle). */
let db: Db;

type Version = { version: number; values: Record<string, unknown>; changed: string[]; by: string; at: string; reason: string | null };
type Thread = { kind: "raised" | "answered" | "closed" | "reopened"; by: string; body: string; correctsVersion?: number };
type Planned = {
  name: string;
  visit: () => number;
  row: { status: "done" | "missed"; visitDate: string | null; ecog: number | null; weightKg: string | null; response: string | null; missedReason: string | null; sdvBy?: string; sdvAt?: string };
  versions: Version[];
  queries: { field: string; status: "open" | "answered" | "closed"; thread: Thread[] }[];
};

let a: Awaited<ReturnType<typeof createFollowupStudy>>;
let b: CrfStudy;
const visitIds = new Map<string, number>();
const userIds = new Map<string, number>();
const queryIds = new Map<string, number>();
const versionIds = new Map<string, number>();

const visitsOf = async (participantId: number) =>
  new Map(
    (await queryRows<{ id: number; code: string }>(db, sql`select v.id, d.code from participant_visits v join visit_definitions d on d.id = v.visit_definition_id where v.participant_id = ${participantId}`)).map((r) => [
      r.code,
      Number(r.id),
    ]),
  );

const PLAN: Planned[] = [
  {
    name: "A R01 BL: changed once, verified, three queries",
    visit: () => visitIds.get("A1/BL")!,
    row: { status: "done", visitDate: "2025-01-04", ecog: 2, weightKg: "61.5", response: "SD", missedReason: null, sdvBy: MONITOR, sdvAt: "2025-02-01T03:00:00Z" },
    versions: [
      { version: 1, values: { status: "done", visitDate: "2025-01-04", ecog: 1, weightKg: 61.5, tumourResponse: "SD", missedReason: null }, changed: [], by: RC1, at: "2025-01-04T02:00:00Z", reason: null },
      { version: 2, values: { status: "done", visitDate: "2025-01-04", ecog: 2, weightKg: 61.5, tumourResponse: "SD", missedReason: null }, changed: ["ecog"], by: RC1, at: "2025-01-20T05:00:00Z", reason: "Transcription error" },
    ],
    queries: [
      {
        field: "ecog",
        status: "closed",
        thread: [
          { kind: "raised", by: MONITOR, body: "Source says ECOG 2?" },
          { kind: "answered", by: RC1, body: "Corrected per clinic notes", correctsVersion: 2 },
          { kind: "closed", by: MONITOR, body: "" },
        ],
      },
      { field: "weightKg", status: "open", thread: [{ kind: "raised", by: MONITOR, body: "Weight in pounds?" }] },
      {
        field: "visitDate",
        status: "answered",
        thread: [
          { kind: "raised", by: MONITOR, body: "Date per source?" },
          { kind: "answered", by: RC1, body: "Checked: correct" },
        ],
      },
    ],
  },
  {
    name: "A R01 W6: missed, no assessment",
    visit: () => visitIds.get("A1/W6")!,
    row: { status: "missed", visitDate: null, ecog: null, weightKg: null, response: null, missedReason: "Did not attend", sdvBy: undefined },
    versions: [{ version: 1, values: { status: "missed", visitDate: null, ecog: null, weightKg: null, tumourResponse: null, missedReason: "Did not attend" }, changed: [], by: RC1, at: "2025-02-25T02:00:00Z", reason: null }],
    queries: [],
  },
  {
    name: "A R20 BL: no response, an answered then re-opened query",
    visit: () => visitIds.get("A20/BL")!,
    row: { status: "done", visitDate: "2025-01-05", ecog: 0, weightKg: "70.0", response: null, missedReason: null },
    versions: [{ version: 1, values: { status: "done", visitDate: "2025-01-05", ecog: 0, weightKg: 70, tumourResponse: null, missedReason: null }, changed: [], by: RC20, at: "2025-01-05T09:30:00Z", reason: null }],
    queries: [
      {
        field: "tumourResponse",
        status: "open",
        thread: [
          { kind: "raised", by: MONITOR, body: "Response not assessed?" },
          { kind: "answered", by: RC20, body: "Not assessed at baseline" },
          { kind: "reopened", by: MONITOR, body: "Please record NE" },
        ],
      },
    ],
  },
  {
    name: "B R01 BL: at a study with forms already",
    visit: () => visitIds.get("B1/BL")!,
    row: { status: "done", visitDate: "2025-01-06", ecog: 3, weightKg: "80.2", response: "PD", missedReason: null },
    versions: [{ version: 1, values: { status: "done", visitDate: "2025-01-06", ecog: 3, weightKg: 80.2, tumourResponse: "PD", missedReason: null }, changed: [], by: RC1, at: "2025-01-06T01:00:00Z", reason: null }],
    queries: [],
  },
  {
    name: "B R01 W6: first missed, then done",
    visit: () => visitIds.get("B1/W6")!,
    row: { status: "done", visitDate: "2025-02-14", ecog: 1, weightKg: "79.0", response: "SD", missedReason: null },
    versions: [
      { version: 1, values: { status: "missed", visitDate: null, ecog: null, weightKg: null, tumourResponse: null, missedReason: "Ill" }, changed: [], by: RC1, at: "2025-02-10T02:00:00Z", reason: null },
      {
        version: 2,
        values: { status: "done", visitDate: "2025-02-14", ecog: 1, weightKg: 79, tumourResponse: "SD", missedReason: null },
        changed: ["ecog", "missedReason", "status", "tumourResponse", "visitDate", "weightKg"],
        by: RC1,
        at: "2025-02-14T08:00:00Z",
        reason: "Visit took place after all",
      },
    ],
    queries: [],
  },
];

const ITEM: Record<string, string> = { visitDate: "visit_date", ecog: "ecog", weightKg: "weight_kg", tumourResponse: "recist" };
const ASSESSMENT = ["visitDate", "ecog", "weightKg", "tumourResponse"];
/** A visit version's values as the form stores them: item names, REDCap raw text, blanks left out. */
function asItems(v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ASSESSMENT) {
    const x = v[f];
    if (x === null || x === undefined) continue;
    out[ITEM[f]] = f === "weightKg" ? Number(x).toFixed(1) : String(x);
  }
  return out;
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  scratch = url ? await scratchPostgres(url, "va") : null;
  h = scratch ? scratch.handle : await openPglite(null);
  owner = scratch?.ownerUrl && process.env.DATABASE_OWNER_URL ? await openPostgres(scratch.ownerUrl) : null;
  db = (owner ?? h).db;
  await migrateWithout(db, HELD);
  setProcessDatabase(h);

  await seedBase(db);
  a = await createFollowupStudy(db, "VA-A", { enrolledOn: "2025-01-03", monitor: MONITOR });
  b = await createCrfStudy(db, "VA-B", { enrolledOn: "2025-01-03" });
  for (const [k, id] of await visitsOf(a.atR01.id)) visitIds.set(`A1/${k}`, id);
  for (const [k, id] of await visitsOf(a.atR20.id)) visitIds.set(`A20/${k}`, id);
  for (const [k, id] of await visitsOf(b.atR01.id)) visitIds.set(`B1/${k}`, id);
  for (const u of await queryRows<{ id: number; email: string }>(db, sql`select id, email from users`)) userIds.set(u.email, Number(u.id));
  const uid = (email: string) => userIds.get(email)!;

  // The old shape, written as the old commands did (raw SQL: the schema no longer has these columns).
  for (const p of PLAN) {
    const id = p.visit();
    const last = p.versions[p.versions.length - 1];
    await db.execute(sql`update participant_visits set status = ${p.row.status}::visit_status, visit_date = ${p.row.visitDate}::date, ecog = ${p.row.ecog}::smallint,
      weight_kg = ${p.row.weightKg}::numeric, tumour_response = ${p.row.response}::tumour_response, missed_reason = ${p.row.missedReason},
      out_of_window = false, version = ${last.version}, recorded_by = ${uid(last.by)}, recorded_at = ${last.at}::timestamptz,
      sdv_by = ${p.row.sdvBy ? uid(p.row.sdvBy) : null}::int, sdv_at = ${p.row.sdvAt ?? null}::timestamptz where id = ${id}`);
    for (const v of p.versions) {
      const [row] = await queryRows<{ id: number }>(
        db,
        sql`insert into record_versions (entity_type, entity_id, study_id, participant_id, version, values, changed_fields, changed_by, changed_at, reason)
            select 'visit', v.id, v.study_id, v.participant_id, ${v.version}, ${JSON.stringify(v.values)}::jsonb, array(select jsonb_array_elements_text(${JSON.stringify(v.changed)}::jsonb)), ${uid(v.by)}, ${v.at}::timestamptz, ${v.reason}
            from participant_visits v where v.id = ${id} returning id`,
      );
      versionIds.set(`${id}/${v.version}`, Number(row.id));
    }
    for (const q of p.queries) {
      const [row] = await queryRows<{ id: number }>(
        db,
        sql`insert into queries (study_id, participant_id, entity_type, entity_id, field, status, raised_by, opened_at, answered_at, closed_at)
            select v.study_id, v.participant_id, 'visit', v.id, ${q.field}, ${q.status}::query_status, ${uid(MONITOR)}, '2025-01-22T01:00:00Z'::timestamptz,
              ${q.thread.some((e) => e.kind === "answered") ? "2025-01-23T01:00:00Z" : null}::timestamptz, ${q.status === "closed" ? "2025-01-24T01:00:00Z" : null}::timestamptz
            from participant_visits v where v.id = ${id} returning id`,
      );
      queryIds.set(`${id}/${q.field}`, Number(row.id));
      for (const [n, e] of q.thread.entries()) {
        const rv = e.correctsVersion ? versionIds.get(`${id}/${e.correctsVersion}`)! : null;
        await db.execute(sql`insert into query_events (query_id, kind, body, author_id, record_version_id, created_at)
          values (${row.id}, ${e.kind}::query_event_kind, ${e.body}, ${uid(e.by)}, ${rv}::int, ${`2025-01-22T0${n + 1}:00:00Z`}::timestamptz)`);
      }
      await db.execute(sql`insert into notifications (user_id, kind, study_id, participant_id, entity_type, entity_id, params)
        select ${uid(RC1)}, 'query_raised', v.study_id, v.participant_id, 'query', ${row.id}, jsonb_build_object('record', 'visit', 'field', ${q.field}::text, 'subjectCode', 'X')
        from participant_visits v where v.id = ${id}`);
    }
  }
  await applyHeld(db, HELD);
  // Nothing left to apply; on PostgreSQL with two roles this grants the app role its privileges.
  await h.migrate();
});

afterAll(async () => {
  setProcessDatabase(undefined);
  await owner?.close();
  if (scratch) await scratch.drop();
  else await h.close();
});

type Instance = { id: number; status: string; values: Record<string, unknown>; version: number; enteredBy: number; eventDate: string | null; verifiedBy: number | null; verifiedAt: string | null; eventName: string; createdAt: string };
const instanceOf = async (visitId: number): Promise<Instance | undefined> =>
  (
    await queryRows<Instance>(
      h.db,
      sql`select i.id, i.status, i.values, i.version, i.entered_by as "enteredBy", i.event_date::text as "eventDate", i.verified_by as "verifiedBy",
            to_char(i.verified_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "verifiedAt", e.name as "eventName",
            to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
          from participant_visits v join visit_definitions d on d.id = v.visit_definition_id
          join crf_events e on e.study_id = v.study_id and e.kind = 'scheduled' and e.visit_code = d.code
          join crf_forms f on f.study_id = v.study_id and f.name = ${VISIT_ASSESSMENT_FORM}
          join crf_form_instances i on i.participant_id = v.participant_id and i.event_id = e.id and i.form_id = f.id and i.repeat = 1
          where v.id = ${visitId}`,
    )
  )[0];

describe("the visit assessment migration (0027, 0028)", () => {
  it("gives each study the visit assessment form, as lib/crf/visit-assessment.ts designs it, at its scheduled events", async () => {
    for (const study of [a.study, b.study]) {
      const [s] = await queryRows<{ id: number; currentProtocolVersion: number }>(h.db, sql`select id, current_protocol_version as "currentProtocolVersion" from studies where id = ${study.id}`);
      const defs = await loadFormDefs(h.db, (await formsInForce(h.db, s)).filter((f) => f.name === VISIT_ASSESSMENT_FORM));
      expect(defs).toEqual([VISIT_ASSESSMENT_DEF]);
    }
    const at = await queryRows<{ code: string; events: string[] }>(
      h.db,
      sql`select s.code, array_agg(e.name::text order by e.ordinal) as events from crf_event_forms ef join crf_events e on e.id = ef.event_id join crf_forms f on f.id = ef.form_id
          join studies s on s.id = e.study_id where f.name = ${VISIT_ASSESSMENT_FORM} group by s.code order by s.code`,
    );
    // Study A had no events: the one of its recorded visit's code is made; B's scheduled events get the form, its unscheduled visit and log do not.
    expect(at).toEqual([
      { code: "VA-A", events: ["bl"] },
      { code: "VA-B", events: ["baseline", "week6"] },
    ]);
  });

  it("keeps every value, status and verification mark in a form instance per recorded visit", async () => {
    for (const p of PLAN) {
      const inst = await instanceOf(p.visit());
      if (p.row.status === "missed") {
        expect(inst, p.name).toBeUndefined();
        continue;
      }
      const last = p.versions[p.versions.length - 1];
      expect(inst, p.name).toMatchObject({
        values: asItems({ visitDate: p.row.visitDate, ecog: p.row.ecog, weightKg: p.row.weightKg, tumourResponse: p.row.response }),
        status: p.row.sdvAt ? "verified" : "complete",
        version: last.version,
        enteredBy: userIds.get(p.versions[0].by),
        eventDate: p.row.visitDate,
        verifiedBy: p.row.sdvBy ? userIds.get(p.row.sdvBy) : null,
        verifiedAt: p.row.sdvAt ?? null,
        createdAt: p.versions[0].at,
      });
    }
  });

  it("keeps every version with its values, changed items, changer, time and reason", async () => {
    for (const p of PLAN) {
      const inst = await instanceOf(p.visit());
      if (!inst) continue;
      const got = await queryRows<{ version: number; values: { values: Record<string, unknown>; missing: object }; changed: string[]; by: number; at: string; reason: string | null }>(
        h.db,
        sql`select version, values, changed_fields as changed, changed_by as by, to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, reason
            from record_versions where entity_type = 'crf_form' and entity_id = ${inst.id} order by version`,
      );
      expect(
        got.map((g) => [g.version, g.values.values, g.values.missing, g.changed, g.by, g.at, g.reason]),
        p.name,
      ).toEqual(p.versions.map((v) => [v.version, asItems(v.values), {}, v.changed.filter((f) => ASSESSMENT.includes(f)).map((f) => ITEM[f]).sort(), userIds.get(v.by), v.at, v.reason]));
      // The visit's own history keeps its schedule facts only, every version still there.
      const visit = await queryRows<{ version: number; values: Record<string, unknown>; changed: string[]; reason: string | null }>(
        h.db,
        sql`select version, values, changed_fields as changed, reason from record_versions where entity_type = 'visit' and entity_id = ${p.visit()} order by version`,
      );
      expect(
        visit.map((v) => [v.version, v.values, v.changed, v.reason]),
        p.name,
      ).toEqual(
        p.versions.map((v) => [
          v.version,
          { status: v.values.status, visitDate: v.values.visitDate, missedReason: v.values.missedReason },
          v.changed.filter((f) => !["ecog", "weightKg", "tumourResponse"].includes(f)),
          v.reason,
        ]),
      );
    }
  });

  it("moves every query on the assessment to the form's item with its whole thread; a visit-date query stays on the visit", async () => {
    await signInAs(h.db, MONITOR);
    const monitor = (await getActor())!;
    for (const p of PLAN) {
      const inst = await instanceOf(p.visit());
      for (const q of p.queries) {
        const id = queryIds.get(`${p.visit()}/${q.field}`)!;
        const [row] = await queryRows<{ entityType: string; entityId: number; field: string; status: string }>(
          h.db,
          sql`select entity_type as "entityType", entity_id as "entityId", field, status from queries where id = ${id}`,
        );
        const onVisit = q.field === "visitDate";
        expect(row, `${p.name} ${q.field}`).toEqual(onVisit ? { entityType: "visit", entityId: p.visit(), field: "visitDate", status: q.status } : { entityType: "crf_form", entityId: inst!.id, field: ITEM[q.field], status: q.status });
        const thread = await getQueryThread(monitor, id);
        expect(
          thread?.events.map((e) => [e.kind, e.body, e.correctedVersion]),
          `${p.name} ${q.field}`,
        ).toEqual(q.thread.map((e) => [e.kind, e.body, e.correctsVersion ?? null]));
        const events = await queryRows<{ author: number; target: string | null }>(
          h.db,
          sql`select e.author_id as author, r.entity_type::text as target from query_events e left join record_versions r on r.id = e.record_version_id where e.query_id = ${id} order by e.id`,
        );
        expect(events, `${p.name} ${q.field}`).toEqual(q.thread.map((e) => ({ author: userIds.get(e.by), target: e.correctsVersion ? (onVisit ? "visit" : "crf_form") : null })));
        const [n] = await queryRows<{ params: Record<string, unknown> }>(h.db, sql`select params from notifications where entity_type = 'query' and entity_id = ${id}`);
        expect(n.params).toMatchObject(onVisit ? { record: "visit", field: "visitDate" } : { record: "crf_form", field: ITEM[q.field] });
      }
    }
  });

  it("drops the visits' assessment columns, and the completion counters equal a recount", async () => {
    const cols = await queryRows<{ name: string }>(
      h.db,
      sql`select column_name as name from information_schema.columns where table_name = 'participant_visits' and column_name in ('ecog', 'weight_kg', 'tumour_response')`,
    );
    expect(cols).toEqual([]);
    await signInAs(h.db, PI);
    const pi = (await getActor())!;
    for (const study of [a.study, b.study]) {
      const read = (await studyCompletion(pi, study.id, "2025-03-01"))!;
      const recount = await recountCompletion(h.db, study.id, "2025-03-01");
      expect(read.study).toEqual(recount.get(null));
      expect(read.study.entered).toBeGreaterThan(0);
    }
  });

  it("runs on an empty database too, all migrations in one go (PostgreSQL refuses an enum value added in the same transaction as a constant)", async () => {
    const url = process.env.DATABASE_URL;
    const fresh = url ? await scratchPostgres(url, "va_empty") : null;
    const e = fresh ? fresh.handle : await openPglite(null);
    try {
      await e.migrate();
      const [r] = await queryRows<{ forms: number; visits: number }>(e.db, sql`select (select count(*)::int from crf_forms) as forms, (select count(*)::int from participant_visits) as visits`);
      expect(r).toEqual({ forms: 0, visits: 0 });
    } finally {
      if (fresh) await fresh.drop();
      else await e.close();
    }
  });

  it("goes on through the form page's save: the next change of a migrated instance is its next version, with a reason", async () => {
    const inst = (await instanceOf(visitIds.get("B1/BL")!))!;
    const [f] = await queryRows<{ formId: number; formVersionId: number; eventId: number }>(
      h.db,
      sql`select form_id as "formId", form_version_id as "formVersionId", event_id as "eventId" from crf_form_instances where id = ${inst.id}`,
    );
    const input = {
      participantId: b.atR01.id,
      eventId: Number(f.eventId),
      formId: Number(f.formId),
      repeat: 1,
      formVersionId: Number(f.formVersionId),
      expectedVersion: 1,
      values: { ...inst.values, weight_kg: "80.4" },
      missing: {},
      complete: true,
      confirmedSoft: [],
    };
    const refused = await runCommand(RC1, saveFormCommand, input);
    expect(refused.ok).toBe(false);
    expect((await instanceOf(visitIds.get("B1/BL")!))!.version).toBe(1);
    expectOk(await runCommand(RC1, saveFormCommand, { ...input, reason: "Scale recalibrated" }));
    const after = (await instanceOf(visitIds.get("B1/BL")!))!;
    expect([after.version, after.values.weight_kg, after.values.ecog]).toEqual([2, "80.4", "3"]);
    // A query answer on a migrated item is the CRF query flow's (no correction of a visit field).
    const open = queryIds.get(`${visitIds.get("A20/BL")!}/tumourResponse`)!;
    expectOk(await runCommand(RC20, answerQueryCommand, { queryId: open, answer: "Not evaluable at baseline" }));
  });
});
