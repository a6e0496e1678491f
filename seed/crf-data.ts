import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { crfFormInstances, dataQueries, queryEvents } from "@/db/schema";
import type { CrfFormInstanceStatus } from "@/db/enums";
import { applyRules, itemOfPath, type EntryFormDef } from "@/lib/crf/entry";
import { softLimitQuestion } from "@/lib/crf/soft-limit-query";
import { intBetween, seededRandom } from "@/lib/random/seeded";
import { addDays, daysBetween, parseNetworkLocal } from "@/lib/time/network-day";
import type { SeedClock } from "@/seed/clock";
import { DEMO_FORMS, DEMO_GROUPS } from "@/seed/crf-forms-data";
import * as values from "@/seed/crf-values";
import type { Person, Raw, Visit } from "@/seed/crf-values";
import { DEMO_ASSESSMENT_SQL } from "@/seed/followup";
import { VISIT_ASSESSMENT_DEF, VISIT_ASSESSMENT_FORM } from "@/lib/crf/visit-assessment";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 4000;
/** Queries with their threads (up to three events of six parameters each) stay under PostgreSQL's 65,535 parameters. */
const QUERY_CHUNK = 1000;

type VisitRow = Visit & { participantId: number; studyId: number; who: number };
type PersonRow = Person & { studyId: number; who: number; status: string; withdrawnOn: string | null; withdrawal: string | null; studyStatus: string; lastVisit: string | null };

/** One form instance to write, with the soft-limit breaches its rules found. */
export type Planned = {
  row: typeof crfFormInstances.$inferInsert;
  /** Each breach's item path and the question its query opens with (the save command's). */
  breaches: { path: string; question: string }[];
};

const ENTRY_FORMS: Map<string, EntryFormDef> = new Map([...DEMO_FORMS, VISIT_ASSESSMENT_DEF].map((f) => [f.name, { ...f, groups: DEMO_GROUPS[f.name] ?? [] }]));

/**
 * The demo participants' case report form data, built around the seed's clock: the forms of
 * every recorded visit (values consistent with its visit assessment: ECOG, weight and response,
 * seed/followup.ts DEMO_ASSESSMENT_SQL), a
 * concomitant-medications log for about half the participants, end of study for the withdrawn
 * and for those of completed studies, a few unscheduled laboratory visits. Values go through
 * the rules of data entry (lib/crf/entry, the save command's authority): calculations are theirs,
 * hidden items dropped, and each soft-limit breach they report gets a query on that item, as a
 * confirmed breach does on save. Recent forms are often in progress, older ones complete, and
 * many of those verified by the study's monitor (or PI). Inserted in bulk, in a fixed order.
 */
export async function seedCrfData(db: Db, clock: SeedClock): Promise<void> {
  await write(db, await planCrfData(db, clock));
}

/** What seedCrfData writes, in the order it writes it (reads only). */
export async function planCrfData(db: Db, clock: SeedClock): Promise<Planned[]> {
  const events = await queryRows<{ id: number; studyId: number; name: string; visitCode: string | null }>(db, sql`select id, study_id as "studyId", name, visit_code as "visitCode" from crf_events order by id`);
  const forms = await queryRows<{ studyId: number; name: string; formId: number; formVersionId: number }>(
    db,
    sql`select f.study_id as "studyId", f.name, f.id as "formId", fv.id as "formVersionId" from crf_forms f join crf_form_versions fv on fv.form_id = f.id and fv.version = 1 order by f.id`,
  );
  const attached = await queryRows<{ eventId: number; name: string }>(db, sql`select ef.event_id as "eventId", f.name from crf_event_forms ef join crf_forms f on f.id = ef.form_id order by ef.event_id, ef.ordinal`);
  const verifiers = await queryRows<{ studyId: number; who: number }>(
    db,
    sql`select s.id as "studyId", coalesce((select min(t.user_id) from study_team t where t.study_id = s.id and t.study_role = 'monitor' and t.removed_at is null), s.pi_user_id) as who from studies s`,
  );
  const people = await queryRows<PersonRow>(
    db,
    sql`select p.id, p.study_id as "studyId", p.sex, (extract(year from p.enrolled_on) - p.year_of_birth)::int as age, s.code as "studyCode", p.enrolled_on::text as "enrolledOn",
          p.status, p.withdrawn_on::text as "withdrawnOn", p.withdrawal_reason as withdrawal, s.status as "studyStatus",
          coalesce((select min(u.id) from users u where u.role = 'site_staff' and u.centre_id = p.centre_id), p.enrolled_by) as who,
          (select max(v.visit_date)::text from participant_visits v where v.participant_id = p.id and v.status = 'done') as "lastVisit"
        from participants p join studies s on s.id = p.study_id order by p.id`,
  );
  const visits = await queryRows<VisitRow>(
    db,
    sql`select v.id, v.participant_id as "participantId", v.study_id as "studyId", d.code, v.visit_date::text as day, ${DEMO_ASSESSMENT_SQL.ecog(sql`v.id`)} as ecog,
          ${DEMO_ASSESSMENT_SQL.weight(sql`v.id`)} as weight, ${DEMO_ASSESSMENT_SQL.response(sql`v.id`)} as response, v.recorded_by as who
        from participant_visits v join visit_definitions d on d.id = v.visit_definition_id
        where v.status = 'done' and v.visit_date is not null order by v.id`,
  );

  const eventOf = (studyId: number, by: (e: (typeof events)[number]) => boolean) => events.find((e) => e.studyId === studyId && by(e));
  const formOf = new Map(forms.map((f) => [`${f.studyId}/${f.name}`, f]));
  const formsAt = new Map<number, string[]>();
  for (const a of attached) formsAt.set(a.eventId, [...(formsAt.get(a.eventId) ?? []), a.name]);
  const verifierOf = new Map(verifiers.map((v) => [v.studyId, v.who]));
  const personOf = new Map(people.map((p) => [p.id, p]));
  const eventCache = new Map<string, (typeof events)[number] | undefined>();
  const scheduled = (studyId: number, code: string) => {
    const k = `${studyId}/${code}`;
    if (!eventCache.has(k)) eventCache.set(k, eventOf(studyId, (e) => e.visitCode === code));
    return eventCache.get(k);
  };
  const byName = (studyId: number, name: string) => {
    const k = `${studyId}:${name}`;
    if (!eventCache.has(k)) eventCache.set(k, eventOf(studyId, (e) => e.name === name));
    return eventCache.get(k);
  };

  const planned: Planned[] = [];
  const plan = (p: PersonRow, eventId: number, formName: string, repeat: number, day: string, who: number, raw: Raw, missing: Record<string, string>, key: number) => {
    const form = formOf.get(`${p.studyId}/${formName}`);
    const def = ENTRY_FORMS.get(formName);
    if (!form || !def) return;
    planned.push(instance(clock, def, { participantId: p.id, studyId: p.studyId, eventId, formId: form.formId, formVersionId: form.formVersionId, repeat }, day, who, verifierOf.get(p.studyId) ?? null, raw, missing, key));
  };

  for (const v of visits) {
    const p = personOf.get(v.participantId)!;
    const event = scheduled(v.studyId, v.code);
    if (!event) continue;
    for (const [k, name] of (formsAt.get(event.id) ?? []).entries()) {
      const missing: Record<string, string> = {};
      const raw = formValues(name, p, v, missing);
      if (raw) plan(p, event.id, name, 1, v.day, v.who ?? p.who, raw, missing, v.id * 16 + k);
    }
  }
  for (const p of people) {
    if (!p.lastVisit) continue;
    const log = byName(p.studyId, "conmed_log");
    if (log && p.id % 20 < 11) {
      for (let n = 1; n <= 1 + (p.id % 4); n++) {
        const { raw, start } = values.conmed(p, n, clock.today);
        plan(p, log.id, "concomitant_medications", n, start, p.who, raw, {}, p.id * 64 + n);
      }
    }
    const eos = byName(p.studyId, "end_of_study");
    const ended = p.status === "withdrawn" && p.withdrawnOn ? p.withdrawnOn : p.studyStatus === "completed" ? p.lastVisit : null;
    if (eos && ended) plan(p, eos.id, "end_of_study", 1, ended, p.who, values.endOfStudy(ended, p.status === "withdrawn" ? p.withdrawal : null, p.lastVisit), {}, p.id * 64 + 40);
    const unscheduled = byName(p.studyId, "unscheduled");
    if (unscheduled && p.id % 25 === 7) {
      const day = addDays(p.lastVisit, 9);
      if (day < clock.today) {
        const missing: Record<string, string> = {};
        const v: Visit = { id: 1_000_000 + p.id, code: "UNS", day, ecog: null, weight: null, response: null };
        plan(p, unscheduled.id, "haematology", 1, day, p.who, values.haematology(v, missing), missing, p.id * 64 + 41);
      }
    }
  }
  return planned;
}

function formValues(name: string, p: Person, v: Visit, missing: Record<string, string>): Raw | null {
  switch (name) {
    case "demographics":
      return values.demographics(p, v);
    case "medical_history":
      return values.medicalHistory(p, v);
    case "tumour_assessment":
      return values.tumourAssessment(p, v, missing);
    case "haematology":
      return values.haematology(v, missing);
    case "biochemistry":
      return values.biochemistry(v, missing);
    case "treatment":
      return values.treatment(p, v);
    case VISIT_ASSESSMENT_FORM:
      return values.visitAssessment(v);
    default:
      return null;
  }
}

const dayStart = new Map<string, number>();
/** Midnight of a network day, in epoch ms (cached: Intl is slow and the seed asks 100,000 times). */
function midnight(day: string): number {
  let t = dayStart.get(day);
  if (t === undefined) {
    t = parseNetworkLocal(`${day}T00:00`);
    dayStart.set(day, t);
  }
  return t;
}

/**
 * The instance of one form: its values through the rules, its status (recent forms often in
 * progress, a few older ones too; complete otherwise; verified for about half of the complete
 * ones over six weeks old, never with an open query), and its times: first saved 0–10 days after
 * the visit (most within two), completed then, verified 1–5 weeks later.
 */
function instance(clock: SeedClock, def: EntryFormDef, key: Omit<typeof crfFormInstances.$inferInsert, "enteredBy">, day: string, who: number, verifier: number | null, raw: Raw, missing: Record<string, string>, seed: number): Planned {
  const r = seededRandom(seed * 2654435761);
  const age = daysBetween(day, clock.today);
  const now = clock.now.getTime();
  const created = Math.min(midnight(day) + Math.floor(r() ** 3 * 10 * DAY) + 9 * HOUR + intBetween(r, 0, 8) * HOUR + intBetween(r, 0, 59) * 60_000, now - HOUR);
  let status: CrfFormInstanceStatus = r() < 0.06 || (age < 21 && r() < 0.45) ? "in_progress" : "complete";
  const input = { ...raw };
  if (status === "in_progress") {
    // Left half-done: the last answers are not typed yet.
    const names = Object.keys(input);
    for (const n of names.slice(Math.max(1, names.length - intBetween(r, 1, 3)))) delete input[n];
  }
  const run = (confirmedSoft: string[]) => applyRules(def, { values: input, missing, today: clock.today, complete: status !== "in_progress", confirmedSoft });
  let rules = run([]);
  // A breach is entered as staff confirm it on save: confirmed, kept, and queried.
  if (Object.keys(rules.softBreaches).length) rules = run(Object.keys(rules.softBreaches));
  const refused = Object.keys(rules.errors);
  if (refused.length) throw new Error(`demo CRF ${def.name}: ${refused.map((k) => `${k} ${rules.errors[k].key}`).join(", ")}`);
  const breaches = Object.entries(rules.softBreaches).map(([path, e]) => {
    const item = def.items.find((i) => i.name === itemOfPath(path));
    return { path, question: softLimitQuestion(item?.label ?? { zh: path, en: path }, String(rules.values[path] ?? ""), e.params ?? {}) };
  });
  if (status === "complete" && breaches.length === 0 && verifier !== null && age > 42 && r() < 0.55) status = "verified";
  const verifiedAt = status === "verified" ? new Date(Math.min(created + intBetween(r, 7, 35) * DAY + intBetween(r, 1, 6) * HOUR, now - 2 * HOUR)) : null;
  const createdAt = new Date(created);
  return {
    breaches,
    row: {
      ...key,
      status,
      values: rules.values,
      missing: rules.missing,
      version: 1,
      enteredBy: who,
      completedAt: status === "in_progress" ? null : createdAt,
      eventDate: day,
      verifiedBy: verifiedAt ? verifier : null,
      verifiedAt,
      createdAt,
      updatedAt: verifiedAt ?? createdAt,
    },
  };
}

/**
 * Writes the instances in chunks, their first versions in record_versions, and a query on every
 * soft-limit breach: raised by whoever entered the value, as the save does; most still open, some
 * answered, a few closed.
 */
async function write(db: Db, planned: Planned[]): Promise<void> {
  const raised: { q: typeof dataQueries.$inferInsert; body: string; answer: Date | null }[] = [];
  for (let i = 0; i < planned.length; i += CHUNK) {
    const chunk = planned.slice(i, i + CHUNK);
    const ids = await insertInstances(db, chunk);
    chunk.forEach((p, k) => {
      for (const [j, b] of p.breaches.entries()) {
        const at = p.row.createdAt as Date;
        const state = (ids[k] + j) % 10;
        const answered = state >= 7 ? new Date(at.getTime() + (2 + (state % 3)) * DAY) : null;
        raised.push({
          q: {
            studyId: p.row.studyId,
            participantId: p.row.participantId,
            entityType: "crf_form",
            entityId: ids[k],
            field: b.path,
            status: state === 9 ? "closed" : state >= 7 ? "answered" : "open",
            raisedBy: p.row.enteredBy,
            openedAt: at,
            answeredAt: answered,
            closedAt: state === 9 ? new Date(at.getTime() + 5 * DAY) : null,
            createdAt: at,
            updatedAt: at,
          },
          body: b.question,
          answer: answered,
        });
      }
    });
  }
  await db.execute(sql`
    insert into record_versions (entity_type, entity_id, study_id, participant_id, version, values, changed_by, changed_at, created_at, updated_at)
    select 'crf_form', i.id, i.study_id, i.participant_id, 1, jsonb_build_object('values', i.values, 'missing', i.missing, 'status', case when i.status = 'in_progress' then 'in_progress' else 'complete' end),
      i.entered_by, i.created_at, i.created_at, i.created_at
    from crf_form_instances i where not exists (select 1 from record_versions x where x.entity_type = 'crf_form' and x.entity_id = i.id)
    order by i.id`);
  for (let i = 0; i < raised.length; i += QUERY_CHUNK) {
    const chunk = raised.slice(i, i + QUERY_CHUNK);
    const ids = await db
      .insert(dataQueries)
      .values(chunk.map((x) => x.q))
      .returning({ id: dataQueries.id });
    const threads = chunk.flatMap(({ q, body, answer }, k) => [
      { queryId: ids[k].id, kind: "raised" as const, body, authorId: q.raisedBy, createdAt: q.openedAt as Date, updatedAt: q.openedAt as Date },
      ...(answer ? [{ queryId: ids[k].id, kind: "answered" as const, body: "已核对原始记录，数值属实。 / Checked against the source record: the value is correct.", authorId: q.raisedBy, createdAt: answer, updatedAt: answer }] : []),
      ...(q.closedAt ? [{ queryId: ids[k].id, kind: "closed" as const, body: "", authorId: q.raisedBy, createdAt: q.closedAt as Date, updatedAt: q.closedAt as Date }] : []),
    ]);
    await db.insert(queryEvents).values(threads);
  }
}

/**
 * One chunk of instances as one JSON parameter unpacked by the database (a VALUES list of
 * 17 parameters a row costs the seed several seconds more); ids in the order given.
 */
async function insertInstances(db: Db, chunk: Planned[]): Promise<number[]> {
  const rows = chunk.map(({ row: r }, ord) => ({
    ord,
    participant_id: r.participantId,
    study_id: r.studyId,
    event_id: r.eventId,
    form_id: r.formId,
    repeat: r.repeat,
    form_version_id: r.formVersionId,
    status: r.status,
    values: r.values,
    missing: r.missing,
    entered_by: r.enteredBy,
    completed_at: r.completedAt ?? null,
    event_date: r.eventDate,
    verified_by: r.verifiedBy ?? null,
    verified_at: r.verifiedAt ?? null,
    created_at: r.createdAt,
  }));
  const out = await queryRows<{ id: number; ord: number }>(
    db,
    sql`with x as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(ord int, participant_id int, study_id int, event_id int, form_id int, repeat int, form_version_id int,
            status crf_form_instance_status, values jsonb, missing jsonb, entered_by int, completed_at timestamptz, event_date date, verified_by int, verified_at timestamptz, created_at timestamptz)
        ), ins as (
          insert into crf_form_instances (participant_id, study_id, event_id, form_id, repeat, form_version_id, status, values, missing, version, entered_by, completed_at, event_date, verified_by, verified_at, created_at, updated_at)
          select participant_id, study_id, event_id, form_id, repeat, form_version_id, status, values, missing, 1, entered_by, completed_at, event_date, verified_by, verified_at, created_at, coalesce(verified_at, created_at)
          from x order by ord
          returning id, participant_id, event_id, form_id, repeat
        )
        select ins.id, x.ord from ins join x on x.participant_id = ins.participant_id and x.event_id = ins.event_id and x.form_id = ins.form_id and x.repeat = ins.repeat`,
  );
  const ids: number[] = new Array(chunk.length);
  for (const r of out) ids[Number(r.ord)] = Number(r.id);
  return ids;
}
