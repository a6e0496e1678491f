// Builds the study of bench/crf.ts in bulk SQL: one hub and 20 hospitals, one recruiting study
// with its PI, a monitor and a site-staff user per hospital, 5 forms of 20 items (written by the
// store, as an import writes them), 8 scheduled events collecting all 5 (and the visit schedule
// they follow, every visit done), and `participants`
// participants with every form of every event entered (status mixed: in progress, complete,
// verified), each with its first version in record_versions, and an open query on one form in
// 200. No ANALYZE here: bench/crf.ts measures the database as the app's start leaves it.
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { protocolVersions } from "@/db/schema";
import type { FormDef, ItemDef } from "@/lib/crf/design";
import { createForm } from "@/lib/crf/store";

export const BENCH_EVENTS = 8;
export const BENCH_FORMS = 5;
export const BENCH_SITES = 20;
const NUMBERS = 12;

function item(name: string, type: ItemDef["type"], en: string, o: Partial<ItemDef> = {}): ItemDef {
  return {
    name, type, validation: null, section: null, label: { zh: `${en}（中）`, en }, note: null, unit: null, decimalPlaces: null, required: false, identifier: false,
    hardMin: null, hardMax: null, softMin: null, softMax: null, branchingLogic: null, calculation: null, choices: [], sliderLabels: null, sliderShowNumber: false,
    missingCodes: [], matrixGroup: null, matrixRanking: false, alignment: null, questionNumber: null, annotation: null, ...o,
  };
}

/** Form k: a date, 12 measured values with units and limits, 3 choices, a yes/no with a branched text, a calculation, a note: 20 items. */
export function benchForm(k: number): FormDef {
  const p = `f${k}`;
  const choices = [0, 1, 2].map((c) => ({ code: String(c), label: { zh: `选项 ${c}`, en: `Option ${c}` } }));
  return {
    name: `bench_form_${k}`,
    label: { zh: `表单 ${k}`, en: `Form ${k}` },
    items: [
      item(`${p}_date`, "date", "Date", { validation: "date_ymd", required: true, hardMax: "today" }),
      ...Array.from({ length: NUMBERS }, (_, n) =>
        item(`${p}_n${n + 1}`, "decimal", `Value ${n + 1}`, { validation: "number_1dp", decimalPlaces: 1, unit: "mmol/L", softMin: "10", softMax: "90", hardMin: "0", hardMax: "1000", missingCodes: ["ND"] }),
      ),
      ...[1, 2, 3].map((c) => item(`${p}_c${c}`, "radio", `Choice ${c}`, { choices, required: true })),
      item(`${p}_flag`, "yesno", "Flag"),
      item(`${p}_spec`, "text", "Specify", { branchingLogic: `[${p}_flag] = "1"` }),
      item(`${p}_total`, "calc", "Total", { calculation: `round([${p}_n1] + [${p}_n2] + [${p}_n3], 1)` }),
      item(`${p}_note`, "longtext", "Note"),
    ],
  };
}

async function insertOrg(db: Db, code: string, level: string, parent: { id: number; path: string } | null) {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into organisations (code, name_zh, name_en, level, parent_id, path, depth, province, city)
        values (${code}, ${code + "医院"}, ${code + " Hospital"}, ${level}::org_level, ${parent?.id ?? null}, '/', ${parent ? 1 : 0}, '天津', '天津') returning id`,
  );
  const path = `${parent?.path ?? "/"}${row.id}/`;
  await db.execute(sql`update organisations set path = ${path} where id = ${row.id}`);
  return { id: Number(row.id), path };
}

export type BenchCrf = { studyId: number; piEmail: string; staffEmail: string; monitorEmail: string; siteCentreId: number };

export async function buildCrfBench(db: Db, participants: number): Promise<BenchCrf> {
  const hub = await insertOrg(db, "CH01", "hub", null);
  const sites = [];
  for (let i = 1; i <= BENCH_SITES; i++) sites.push(await insertOrg(db, `CG${String(i).padStart(2, "0")}`, "grassroots", hub));
  await db.execute(sql`insert into users (email, name, password_hash, role, centre_id) values
    ('pi@crf.bench', 'PI', 'x', 'pi', ${hub.id}), ('monitor@crf.bench', 'Monitor', 'x', 'monitor', ${hub.id})`);
  await db.execute(sql`insert into users (email, name, password_hash, role, centre_id)
    select 'staff' || o.code || '@crf.bench', 'Staff ' || o.code, 'x', 'site_staff', o.id from organisations o where o.level = 'grassroots' order by o.id`);
  const [study] = await queryRows<{ id: number; pi: number }>(
    db,
    sql`insert into studies (code, title_zh, title_en, phase, design, area, lead_centre_id, pi_user_id, target_enrolment, planned_start, planned_end, status)
        select 'CRF-BENCH', '病例报告表基准', 'CRF benchmark', 'III', 'single_arm', 'clinical_oncology', ${hub.id}, u.id, ${participants}, date '2023-01-01', date '2027-12-31', 'recruiting'
        from users u where u.email = 'pi@crf.bench' returning id, pi_user_id as pi`,
  );
  const studyId = Number(study.id);
  const [pv] = await db.insert(protocolVersions).values({ studyId, version: 1, effectiveDate: "2023-01-01", reason: "initial", targetEnrolment: participants, createdBy: Number(study.pi) }).returning();
  await db.execute(sql`insert into consent_versions (protocol_version_id, label, effective_date) values (${pv.id}, 'v1', '2023-01-01')`);
  await db.execute(sql`insert into study_sites (study_id, centre_id, target, status) select ${studyId}, id, ${participants}, 'active' from organisations where level = 'grassroots' order by id`);
  await db.execute(sql`insert into study_team (study_id, user_id, study_role, centre_id)
    select ${studyId}, id, (case when role = 'pi' then 'pi' else 'monitor' end)::study_team_role, centre_id from users where email in ('pi@crf.bench', 'monitor@crf.bench') order by id`);

  const forms: { id: number; fv: number; k: number }[] = [];
  for (let k = 1; k <= BENCH_FORMS; k++) {
    const { formId, formVersion } = await createForm(db, Number(study.pi), studyId, pv, benchForm(k));
    forms.push({ id: formId, fv: formVersion.id, k });
  }
  await db.execute(sql`insert into crf_events (study_id, name, kind, visit_code, ordinal, label_zh, label_en)
    select ${studyId}, 'v' || i, 'scheduled', 'V' || i, i, '访视 ' || i, 'Visit ' || i from generate_series(1, ${BENCH_EVENTS}) i order by i`);
  await db.execute(sql`insert into crf_event_forms (event_id, form_id, ordinal)
    select e.id, f.id, f.ordinal from crf_events e cross join crf_forms f where e.study_id = ${studyId} and f.study_id = ${studyId} order by e.ordinal, f.ordinal`);

  await db.execute(sql`insert into screenings (study_id, site_id, centre_id, protocol_version, screened_on, outcome, failed_codes, answers)
    with s as (select id, centre_id, row_number() over (order by id) - 1 as rn from study_sites where study_id = ${studyId})
    select ${studyId}, s.id, s.centre_id, 1, date '2023-01-01' + (i % 900), 'eligible', '{}'::text[], '{}'::jsonb
    from generate_series(1, ${participants}) i join s on s.rn = i % ${BENCH_SITES} order by i`);
  await db.execute(sql`insert into participants (study_id, screening_id, enrol_site_id, site_id, centre_id, seq, subject_code, national_id_hash, year_of_birth, sex,
      consent_version_id, consent_date, enrolled_on, status)
    select sc.study_id, sc.id, sc.site_id, sc.site_id, sc.centre_id, row_number() over (partition by sc.site_id order by sc.id), 'CB-' || sc.id, md5('crf' || sc.id), 1950 + sc.id % 40,
      (case when sc.id % 2 = 0 then 'female' else 'male' end)::participant_sex, cv.id, sc.screened_on, sc.screened_on, 'enrolled'
    from screenings sc join consent_versions cv on cv.protocol_version_id = ${pv.id} where sc.study_id = ${studyId} order by sc.id`);

  // The visit schedule the events follow, and every visit done (so every form is expected).
  await db.execute(sql`insert into visit_definitions (protocol_version_id, ordinal, code, name_zh, name_en, target_day, window_days)
    select ${pv.id}, i, 'V' || i, '访视 ' || i, 'Visit ' || i, i * 21, 7 from generate_series(1, ${BENCH_EVENTS}) i order by i`);
  await db.execute(sql`insert into participant_visits (participant_id, study_id, visit_definition_id, due_on, window_start, window_end, status, visit_date, version, recorded_by, recorded_at)
    select p.id, p.study_id, d.id, p.enrolled_on + d.target_day, p.enrolled_on + d.target_day - 7, p.enrolled_on + d.target_day + 7, 'done', p.enrolled_on + d.target_day, 1, st.id,
      (p.enrolled_on + d.target_day)::timestamp at time zone 'Asia/Shanghai'
    from participants p join visit_definitions d on d.protocol_version_id = ${pv.id} join users st on st.centre_id = p.centre_id and st.role = 'site_staff'
    where p.study_id = ${studyId} order by p.id, d.ordinal`);

  // Every form of every event, one statement per form: values as the rules store them.
  for (const f of forms) {
    const p = `f${f.k}`;
    const num = (n: number) => sql`(10 + abs(hashtext(p.id || ':' || e.id || ':' || ${n}::int)) % 800 / 10.0)::numeric(5,1)`;
    const pairs = [
      sql`${`${p}_date`}::text, (p.enrolled_on + e.ordinal * 21)::text`,
      ...Array.from({ length: NUMBERS }, (_, n) => sql`${`${p}_n${n + 1}`}::text, ${num(n + 1)}::text`),
      ...[1, 2, 3].map((c) => sql`${`${p}_c${c}`}::text, ((p.id + e.id + ${c}::int) % 3)::text`),
      sql`${`${p}_flag`}::text, case when p.id % 7 = 0 then '1' else '0' end`,
      sql`${`${p}_total`}::text, round(${num(1)} + ${num(2)} + ${num(3)}, 1)::text`,
    ];
    await db.execute(sql`insert into crf_form_instances (participant_id, study_id, event_id, form_id, repeat, form_version_id, status, values, missing, version, entered_by,
        completed_at, event_date, verified_by, verified_at, created_at, updated_at)
      select p.id, p.study_id, e.id, ${f.id}, 1, ${f.fv},
        (case when x.r = 0 then 'in_progress' when x.r <= 2 then 'verified' else 'complete' end)::crf_form_instance_status,
        jsonb_build_object(${sql.join(pairs, sql`, `)}) || case when p.id % 7 = 0 then jsonb_build_object(${`${p}_spec`}::text, '已注明') else '{}'::jsonb end,
        '{}'::jsonb, 1, st.id,
        case when x.r <> 0 then x.at end, (p.enrolled_on + e.ordinal * 21), case when x.r between 1 and 2 then mon.id end, case when x.r between 1 and 2 then x.at + interval '9 days' end,
        x.at, x.at
      from participants p join crf_events e on e.study_id = p.study_id
      join users st on st.centre_id = p.centre_id and st.role = 'site_staff'
      cross join (select id from users where email = 'monitor@crf.bench') mon
      cross join lateral (select abs(hashtext(p.id || '/' || e.id || '/' || ${f.k}::int)) % 10 as r, ((p.enrolled_on + e.ordinal * 21 + 2)::timestamp at time zone 'Asia/Shanghai') as at) x
      where p.study_id = ${studyId} order by p.id, e.ordinal`);
  }
  await db.execute(sql`insert into record_versions (entity_type, entity_id, study_id, participant_id, version, values, changed_by, changed_at, created_at, updated_at)
    select 'crf_form', i.id, i.study_id, i.participant_id, 1, jsonb_build_object('values', i.values, 'missing', i.missing, 'status', case when i.status = 'in_progress' then 'in_progress' else 'complete' end),
      i.entered_by, i.created_at, i.created_at, i.created_at from crf_form_instances i where i.study_id = ${studyId} order by i.id`);
  await db.execute(sql`insert into queries (study_id, participant_id, entity_type, entity_id, field, status, raised_by, opened_at, created_at)
    select i.study_id, i.participant_id, 'crf_form', i.id, 'f' || f.ordinal || '_n1', 'open', i.entered_by, i.created_at, i.created_at
    from crf_form_instances i join crf_forms f on f.id = i.form_id where i.study_id = ${studyId} and i.id % 200 = 7 order by i.id`);

  const [site] = await queryRows<{ id: number; code: string }>(db, sql`select id, code from organisations where code = 'CG01'`);
  return { studyId, piEmail: "pi@crf.bench", staffEmail: `staff${site.code}@crf.bench`, monitorEmail: "monitor@crf.bench", siteCentreId: Number(site.id) };
}
