// Builds a network for bench/dashboard.ts in bulk SQL, at a scale of 1 to 30: always 1 hub,
// 4 sub-centres, 40 regional centres and 205 hospitals (250 centres), 50 studies with ~1,000
// sites; per unit of scale 7,000 screenings, 5,000 participants, ~5,800 specimens, ~1,250
// adverse events and 500 queries (scale 10: 50,000 participants; 30: 150,000). The facts
// tables are kept by their triggers during the inserts, as for any write. No ANALYZE here: the
// benchmark then measures the database as the app's own start leaves it (bench/dashboard.ts).
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

async function insertOrg(db: Db, code: string, level: string, parent: { id: number; path: string; depth: number } | null) {
  const depth = parent ? parent.depth + 1 : 0;
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into organisations (code, name_zh, name_en, level, parent_id, path, depth, province, city)
        values (${code}, ${code + "医院"}, ${code + " Hospital"}, ${level}::org_level, ${parent?.id ?? null}, '/', ${depth}, '天津', '天津') returning id`,
  );
  const path = `${parent?.path ?? "/"}${row.id}/`;
  await db.execute(sql`update organisations set path = ${path} where id = ${row.id}`);
  return { id: row.id, path, depth, code };
}

export type BenchNetwork = { hub: { id: number; path: string }; regional: { id: number; path: string; code: string } };

export async function buildBenchNetwork(db: Db, hasFollowUp: boolean, scale = 10): Promise<BenchNetwork> {
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new Error(`scale must be a whole number from 1 to 100, not ${scale}`);
  const hub = await insertOrg(db, "BH01", "hub", null);
  let firstRegional: { id: number; path: string; depth: number; code: string } | null = null;
  let g = 0;
  for (let s = 1; s <= 4; s++) {
    const sub = await insertOrg(db, `BS${s}`, "sub_centre", hub);
    for (let r = 1; r <= 10; r++) {
      const n = (s - 1) * 10 + r;
      const rc = await insertOrg(db, `BR${String(n).padStart(2, "0")}`, "regional_centre", sub);
      firstRegional ??= rc;
      const count = n <= 5 ? 6 : 5; // 205 hospitals
      for (let k = 1; k <= count; k++) await insertOrg(db, `BG${String(++g).padStart(3, "0")}`, "grassroots", rc);
    }
  }
  await db.execute(sql`insert into users (email, name, password_hash, role, centre_id)
    select 'pi' || i || '@bench.test', 'PI ' || i, 'x', 'pi', ${hub.id} from generate_series(1, 50) i`);
  await db.execute(sql`insert into studies (code, title_zh, title_en, phase, design, area, lead_centre_id, pi_user_id, target_enrolment, planned_start, planned_end, status)
    select 'BENCH-' || i, '研究 ' || i, 'Study ' || i, 'III', 'observational', 'clinical_oncology', ${hub.id}, u.id, 1200 + (i % 7) * 100,
      date '2022-01-01' + i * 20, date '2022-01-01' + i * 20 + 1100,
      (case when i % 10 = 0 then 'suspended' when i % 10 = 5 then 'closed_to_accrual' else 'recruiting' end)::study_status
    from generate_series(1, 50) i join users u on u.email = 'pi' || i || '@bench.test'`);
  await db.execute(sql`insert into protocol_versions (study_id, version, effective_date, reason, target_enrolment, created_by)
    select s.id, 1, s.planned_start, 'initial', s.target_enrolment, s.pi_user_id from studies s where s.code like 'BENCH-%'`);
  await db.execute(sql`insert into eligibility_criteria (protocol_version_id, kind, ordinal, code, text_zh, text_en)
    select pv.id, (case when c like 'I%' then 'inclusion' else 'exclusion' end)::criterion_kind, k, c, '标准 ' || c, 'Criterion ' || c
    from protocol_versions pv cross join unnest(array['I1','I2','I3','E1','E2']) with ordinality as x(c, k)`);
  await db.execute(sql`insert into consent_versions (protocol_version_id, label, effective_date) select id, 'v1', effective_date from protocol_versions`);
  await db.execute(sql`insert into study_sites (study_id, centre_id, target, status)
    select s.id, o.id, 40 + abs(hashtext(s.id || '/' || o.id)) % 40,
      (case when abs(hashtext(o.id || '/' || s.id)) % 20 = 0 then 'pending' else 'active' end)::study_site_status
    from studies s cross join organisations o where abs(hashtext(s.id || ':' || o.id)) % 250 < 20`);
  await db.execute(sql`insert into screenings (study_id, site_id, centre_id, protocol_version, screened_on, outcome, failed_codes, answers)
    with sites as (select id, study_id, centre_id, row_number() over (order by id) as rn, count(*) over () as n from study_sites where status = 'active')
    select st.study_id, st.id, st.centre_id, 1, date '2022-01-01' + abs(hashtext(i || 'd')) % 1420,
      (case when i % 7 < 2 then 'screen_failed' else 'eligible' end)::screening_outcome,
      case when i % 7 < 2 then string_to_array((array['I1', 'I2', 'E1', 'I3,E2', 'E1,I1'])[1 + i % 5], ',') else '{}'::text[] end,
      '{}'::jsonb
    from generate_series(1, ${7000 * scale}) i join sites st on st.rn = 1 + abs(hashtext(i::text)) % st.n`);
  await db.execute(sql`insert into participants (study_id, screening_id, enrol_site_id, site_id, centre_id, seq, subject_code, national_id_hash, year_of_birth, sex,
      consent_version_id, consent_date, enrolled_on, status, withdrawn_on, withdrawal_reason)
    select sc.study_id, sc.id, sc.site_id, sc.site_id, sc.centre_id, row_number() over (partition by sc.study_id, sc.site_id order by sc.id),
      'B-' || sc.id, md5(sc.id::text), 1950 + sc.id % 40, (case when sc.id % 2 = 0 then 'female' else 'male' end)::participant_sex,
      cv.id, sc.screened_on + sc.id % 21, sc.screened_on + sc.id % 21,
      (case when sc.id % 20 = 0 then 'withdrawn' else 'enrolled' end)::participant_status,
      case when sc.id % 20 = 0 then sc.screened_on + 60 end,
      (case when sc.id % 20 = 0 then 'consent_withdrawn' end)::withdrawal_reason
    from screenings sc
    join protocol_versions pv on pv.study_id = sc.study_id and pv.version = 1
    join consent_versions cv on cv.protocol_version_id = pv.id
    where sc.outcome = 'eligible'`);
  await db.execute(sql`insert into specimens (barcode, category, type, centre_id, holder_centre_id, participant_id, subject_code, collected_at, quantity, unit, future_consent)
    select 'BP' || p.id || '-' || k, (case when k = 1 then 'blood' else 'tissue' end)::specimen_category,
      (case when k = 1 then (array['plasma','serum','whole_blood'])[1 + p.id % 3] else 'ffpe_block' end)::specimen_type,
      p.centre_id, p.centre_id, p.id, p.subject_code, (p.enrolled_on + 1)::timestamp at time zone 'Asia/Shanghai', 1, 'ml', 'yes'
    from participants p cross join generate_series(1, 2) k where p.id % 3 <> 0 and (k = 1 or p.id % 2 = 0)`);
  if (hasFollowUp) {
    await db.execute(sql`insert into adverse_events (participant_id, study_id, term, category, grade, onset_on, serious, serious_criteria, relatedness, action_taken, outcome, aware_at, reported_at)
      select p.id, p.study_id, 'Fatigue', 'general', 1 + p.id % 4, p.enrolled_on + 30, p.id % 20 = 0,
        case when p.id % 20 = 0 then array['hospitalisation'] else '{}'::text[] end, 'possible', 'none', 'recovered',
        (p.enrolled_on + 30)::timestamp at time zone 'Asia/Shanghai',
        case when p.id % 20 = 0 then (p.enrolled_on + 30)::timestamp at time zone 'Asia/Shanghai' + (case when p.id % 40 = 0 then interval '48 hours' else interval '12 hours' end) end
      from participants p where p.id % 4 = 0`);
    await db.execute(sql`insert into queries (study_id, participant_id, entity_type, entity_id, field, status, raised_by, opened_at, closed_at)
      select p.study_id, p.id, 'participant', p.id, 'year_of_birth', (case when p.id % 30 = 0 then 'open' else 'closed' end)::query_status, s.pi_user_id,
        (p.enrolled_on + 45)::timestamp at time zone 'Asia/Shanghai',
        case when p.id % 30 = 0 then null else (p.enrolled_on + 50)::timestamp at time zone 'Asia/Shanghai' end
      from participants p join studies s on s.id = p.study_id where p.id % 10 = 0`);
  }
  return { hub, regional: firstRegional! };
}
