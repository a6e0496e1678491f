import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { studies } from "@/db/schema";
import { formsInForce, loadFormDefs } from "@/lib/crf/store";
import { setupTestDb } from "@/lib/testing/db";
import { DEMO_SEED_CLOCK, seedDemoThrough } from "@/lib/testing/demo-seed";
import { checkDemoForms, seedCrf } from "@/seed/crf";
import { planCrfData } from "@/seed/crf-data";
import { VISIT_ASSESSMENT_DEF } from "@/lib/crf/visit-assessment";
import { BIOCHEMISTRY, COHORT_FORMS, COHORT_STUDIES, DEMO_FORMS, HAEMATOLOGY } from "@/seed/crf-forms-data";

/**
 * The demo's case report forms and their data (issue 14, item 7), built around a fixed clock
 * like seed/demo-seed.test.ts. What a person looking at the demo would notice: real forms in
 * both languages, data consistent with its own rules, out-of-range values with their queries,
 * forms in every state.
 */
const CLOCK = DEMO_SEED_CLOCK;
const h = await setupTestDb();

beforeAll(async () => {
  await seedDemoThrough(h.db, "followup");
  await seedCrf(h.db, CLOCK);
}, 600_000);

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(h.db, q);
const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(q))[0];

describe("demo case report forms", () => {
  it("the designs pass the dictionary import's rules, and a broken one is refused", () => {
    expect(() => checkDemoForms()).not.toThrow();
    const broken = DEMO_FORMS.map((f) => (f.name === "demographics" ? { ...f, items: f.items.map((i) => (i.name === "bmi" ? { ...i, calculation: "[weight] / [no_such_item]" } : i)) } : f));
    expect(() => checkDemoForms(broken)).toThrow(/bmi|row/);
  });

  it("gives every trial the eight forms and every cohort its three (and each the visit assessment), as the store reads them back, bilingual, with the lesions table as a repeating group", async () => {
    const all = await h.db.select().from(studies);
    let items = 0;
    for (const s of all) {
      const expected = [...(COHORT_STUDIES.includes(s.code) ? DEMO_FORMS.filter((f) => COHORT_FORMS.includes(f.name)) : DEMO_FORMS), VISIT_ASSESSMENT_DEF];
      const defs = await loadFormDefs(h.db, await formsInForce(h.db, s));
      expect(defs).toEqual(expected);
      items += expected.reduce((n, f) => n + f.items.length, 0);
    }
    const labels = await one<{ same: number; items: number }>(sql`select count(*) filter (where label_zh = label_en and type <> 'descriptive')::int as same, count(*)::int as items from crf_items`);
    expect(labels.items).toBe(items);
    expect(labels.same).toBe(0);
    const groupsPerTrial = await rows<{ n: number }>(sql`select count(*)::int as n from crf_repeating_groups g join crf_items i on i.repeating_group_id = g.id group by g.id`);
    expect(groupsPerTrial).toHaveLength(all.length - COHORT_STUDIES.length);
    expect(groupsPerTrial.every((g) => g.n === 2)).toBe(true);
    const groups = await rows<{ name: string; items: string[] }>(
      sql`select g.name, array_agg(i.name order by i.ordinal) as items from crf_repeating_groups g join crf_items i on i.repeating_group_id = g.id group by g.id order by g.id limit 1`,
    );
    expect(groups).toEqual([{ name: "lesions", items: ["tl_site", "tl_diam"] }]);
  });

  it("makes an event per scheduled visit plus an unscheduled visit and two logs, with forms attached", async () => {
    const r = await rows<{ code: string; kinds: string; forms: number }>(
      sql`select s.code, string_agg(e.kind::text || ':' || e.name, ',' order by e.ordinal) as kinds, (select count(*)::int from crf_event_forms ef join crf_events x on x.id = ef.event_id where x.study_id = s.id) as forms
          from studies s join crf_events e on e.study_id = s.id group by s.id order by s.id limit 1`,
    );
    expect(r[0].kinds).toBe("scheduled:bl,scheduled:c2,scheduled:w6,scheduled:w12,scheduled:w24,scheduled:w48,unscheduled:unscheduled,log:conmed_log,log:end_of_study");
    // The demo forms of each event, and the visit assessment at each of the six scheduled ones.
    expect(r[0].forms).toBe(5 + 3 + 4 + 4 + 3 + 3 + 3 + 1 + 1 + 6);
  });
});

describe("the visit assessment in the demo", () => {
  it("is a form of every demo study at every scheduled event, entered for the recorded visits with the visit's date, ECOG, weight and response", async () => {
    const r = await one<{ studies: number; with_form: number; unattached: number; done: number; entered: number; bad_date: number; bad_values: number; queries: number; open: number }>(sql`
      with va as (select f.* from crf_forms f where f.name = 'visit_assessment'),
      done as (select v.*, d.code from participant_visits v join visit_definitions d on d.id = v.visit_definition_id where v.status = 'done'),
      inst as (select i.*, dv.visit_date as day, dv.id as visit_id from done dv
        join crf_events e on e.study_id = dv.study_id and e.kind = 'scheduled' and e.visit_code = dv.code
        join va on va.study_id = dv.study_id
        join crf_form_instances i on i.participant_id = dv.participant_id and i.event_id = e.id and i.form_id = va.id)
      select (select count(*)::int from studies) as studies, (select count(*)::int from va) as with_form,
        (select count(*)::int from crf_events e where e.kind = 'scheduled' and not exists (select 1 from crf_event_forms ef join va on va.id = ef.form_id where ef.event_id = e.id)) as unattached,
        (select count(*)::int from done) as done, (select count(*)::int from inst) as entered,
        (select count(*)::int from inst where values->>'visit_date' is distinct from day::text) as bad_date,
        (select count(*)::int from inst where status <> 'in_progress' and not (values->>'ecog' ~ '^[0-5]$' and (values->>'weight_kg')::numeric between 1 and 400 and values->>'recist' in ('CR','PR','SD','PD','NE'))) as bad_values,
        (select count(*)::int from queries q join inst on inst.id = q.entity_id where q.entity_type = 'crf_form' and q.field in ('ecog', 'weight_kg', 'recist')) as queries,
        (select count(*)::int from queries q where q.entity_type = 'visit' and q.field not in ('status', 'visitDate', 'missedReason')) as open`);
    expect(r.with_form).toBe(r.studies);
    expect(r.unattached).toBe(0);
    // Every done visit of a scheduled event has its assessment (the demo has no other done visits).
    expect(r.entered).toBe(r.done);
    expect(r.done).toBeGreaterThan(1000);
    expect(r).toMatchObject({ bad_date: 0, bad_values: 0, open: 0 });
    expect(r.queries).toBeGreaterThan(20);
  });
});

describe("demo case report form data", () => {
  it("fills the forms of recorded visits, in progress, complete and verified, each with its first version", async () => {
    const states = await rows<{ status: string; n: number }>(sql`select status::text, count(*)::int as n from crf_form_instances group by 1 order by 1`);
    expect(states.map((s) => s.status)).toEqual(["complete", "in_progress", "verified"]);
    for (const s of states) expect(s.n).toBeGreaterThan(500);
    const r = await one<{ unversioned: number; bad_verified: number; logs: number; eos: number; before_visit: number }>(sql`select
      (select count(*)::int from crf_form_instances i where not exists (select 1 from record_versions v where v.entity_type = 'crf_form' and v.entity_id = i.id and v.version = 1)) as unversioned,
      (select count(*)::int from crf_form_instances i where i.status = 'verified' and (i.verified_at < i.created_at or i.verified_by is null)) as bad_verified,
      (select count(*)::int from crf_form_instances i join crf_events e on e.id = i.event_id where e.name = 'conmed_log' and i.repeat > 1) as logs,
      (select count(*)::int from crf_form_instances i join crf_events e on e.id = i.event_id where e.name = 'end_of_study') as eos,
      (select count(*)::int from crf_form_instances i where i.created_at < (i.event_date::timestamp at time zone 'Asia/Shanghai')) as before_visit`);
    expect(r).toMatchObject({ unversioned: 0, bad_verified: 0, before_visit: 0 });
    expect(r.logs).toBeGreaterThan(100);
    expect(r.eos).toBeGreaterThan(50);
  });

  it("keeps the visit assessment's weight, the calculations and the branching in the values", async () => {
    const r = await one<{ n: number; bad_weight: number; with_assessment: number; bad_bmi: number; male_pregnancy: number; bad_sum: number; lesions: number }>(sql`
      with dm as (select i.* from crf_form_instances i join crf_forms f on f.id = i.form_id where f.name = 'demographics' and i.values ? 'bmi'),
      ta as (select i.* from crf_form_instances i join crf_forms f on f.id = i.form_id where f.name = 'tumour_assessment' and i.values ? 'tl_sum')
      select (select count(*)::int from dm) as n,
        (select count(*)::int from dm join crf_form_instances va on va.participant_id = dm.participant_id and va.event_id = dm.event_id
           join crf_forms f on f.id = va.form_id and f.name = 'visit_assessment'
           where va.values ? 'weight_kg' and (dm.values->>'weight')::numeric <> (va.values->>'weight_kg')::numeric) as bad_weight,
        (select count(*)::int from dm join crf_form_instances va on va.participant_id = dm.participant_id and va.event_id = dm.event_id
           join crf_forms f on f.id = va.form_id and f.name = 'visit_assessment' where va.values ? 'weight_kg') as with_assessment,
        (select count(*)::int from dm where abs((values->>'bmi')::numeric - round((values->>'weight')::numeric * 10000 / ((values->>'height')::numeric ^ 2), 1)) > 0.001) as bad_bmi,
        (select count(*)::int from dm where values->>'sex' = '1' and (values ? 'pregnancy_test' or values ? 'childbearing')) as male_pregnancy,
        (select count(*)::int from ta where (values->>'tl_sum')::int <> (select coalesce(sum((l->>'tl_diam')::int), 0) from jsonb_array_elements(values->'lesions') l)) as bad_sum,
        (select count(*)::int from ta where jsonb_array_length(values->'lesions') between 1 and 5) as lesions`);
    expect(r.n).toBeGreaterThan(500);
    expect(r.with_assessment).toBeGreaterThan(400);
    expect(r).toMatchObject({ bad_weight: 0, bad_bmi: 0, male_pregnancy: 0, bad_sum: 0 });
    expect(r.lesions).toBeGreaterThan(500);
  });

  it("has laboratory values outside the normal range, each with a query on that item, most of them open (beside the visit assessment's queries)", async () => {
    const ranges = [...HAEMATOLOGY, ...BIOCHEMISTRY].map((l) => sql`(${l.name}::text, ${l.soft[0]}::numeric, ${l.soft[1]}::numeric)`);
    const r = await one<{ breaches: number; queried: number; stray: number; open: number; verified_open: number }>(sql`
      with lab(name, lo, hi) as (values ${sql.join(ranges, sql`, `)}),
      b as (select i.id, lab.name from crf_form_instances i cross join lab where i.values ? lab.name and ((i.values->>lab.name)::numeric < lab.lo or (i.values->>lab.name)::numeric > lab.hi))
      select (select count(*)::int from b) as breaches,
        (select count(*)::int from b where exists (select 1 from queries q where q.entity_type = 'crf_form' and q.entity_id = b.id and q.field = b.name)) as queried,
        (select count(*)::int from queries q where q.entity_type = 'crf_form' and not exists (select 1 from b where b.id = q.entity_id and b.name = q.field)
           and not exists (select 1 from crf_form_instances i join crf_forms f on f.id = i.form_id where i.id = q.entity_id and f.name = 'visit_assessment')) as stray,
        (select count(*)::int from queries q where q.entity_type = 'crf_form' and q.status = 'open') as open,
        (select count(*)::int from queries q join crf_form_instances i on i.id = q.entity_id where q.entity_type = 'crf_form' and q.status = 'open' and i.status = 'verified') as verified_open`);
    expect(r.breaches).toBeGreaterThan(100);
    expect(r.queried).toBe(r.breaches);
    expect(r.stray).toBe(0);
    expect(r.open).toBeGreaterThan(r.breaches / 2);
    expect(r.verified_open).toBe(0);
    const noThread = await one<{ n: number }>(sql`select count(*)::int as n from queries q where q.entity_type = 'crf_form' and not exists (select 1 from query_events e where e.query_id = q.id and e.kind = 'raised')`);
    expect(noThread.n).toBe(0);
  });

  it("is deterministic: the same plan again from the same clock and rows", async () => {
    const first = await planCrfData(h.db, CLOCK);
    const second = await planCrfData(h.db, CLOCK);
    expect(second).toEqual(first);
    const stored = await one<{ n: number }>(sql`select count(*)::int as n from crf_form_instances`);
    expect(first.length).toBe(stored.n);
  });
});
