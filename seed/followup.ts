import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generateMissingVisits } from "@/lib/studies/visit-schedule";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";
import { seedClock, type SeedClock } from "@/seed/clock";

/** The demo visit schedule: [code, zh, en, target day, ± window days]. */
const DEMO_SCHEDULE: [string, string, string, number, number][] = [
  ["BL", "基线", "Baseline", 0, 3],
  ["C2", "第 2 周期", "Cycle 2", 21, 3],
  ["W6", "第 6 周", "Week 6", 42, 7],
  ["W12", "第 12 周", "Week 12", 84, 7],
  ["W24", "第 24 周", "Week 24", 168, 14],
  ["W48", "第 48 周", "Week 48", 336, 14],
];

/**
 * Demo follow-up, all in bulk SQL and deterministic (every choice is a function of row ids, and
 * every INSERT … SELECT has an ORDER BY, so the ids those choices use are the same on every
 * engine and plan; dates come from the seed's clock, never the server's):
 * a visit schedule on every protocol version, the expected visits of every enrolled participant,
 * visits recorded (a few out of window, some missed, some left overdue), adverse events of every
 * CTCAE grade with SAEs (some reported late) and their notifications, and queries in every state.
 * Runs after the enrolment step.
 */
export async function seedFollowup(db: Db, clock: SeedClock = seedClock()): Promise<void> {
  const c = clockSql(clock);
  const values = sql.join(
    DEMO_SCHEDULE.map(([code, zh, en, day, w], i) => sql`(${i + 1}::int, ${code}::text, ${zh}::text, ${en}::text, ${day}::int, ${w}::int)`),
    sql`, `,
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into visit_definitions (protocol_version_id, ordinal, code, name_zh, name_en, target_day, window_days)
      select pv.id, d.ord, d.code, d.zh, d.en, d.day, d.w from protocol_versions pv
      cross join (values ${values}) as d(ord, code, zh, en, day, w)
      where not exists (select 1 from visit_definitions x where x.protocol_version_id = pv.id)
      order by pv.id, d.ord`);
    await generateMissingVisits(tx as Db);
    await recordVisits(tx as Db, c);
    await adverseEvents(tx as Db, c);
    await queries(tx as Db, c, "visit");
  });
}

/**
 * The demo visit assessment of a done visit (the visit_assessment form, lib/crf/visit-assessment.ts),
 * a function of the visit's id as SQL: ECOG 0–2, weight 48.0–92.9 kg, a RECIST response. The CRF
 * step enters it and keeps the other forms consistent with it (seed/crf-data.ts).
 */
export const DEMO_ASSESSMENT_SQL = {
  ecog: (id: SQL) => sql`(${id} % 3)`,
  weight: (id: SQL) => sql`(48 + (${id} % 35) + (${id} % 10) / 10.0)::float8`,
  response: (id: SQL) => sql`(array['CR','PR','SD','SD','SD','PD','NE'])[1 + (${id} % 7)]`,
};

/** Queries on the demo visits' assessment items, raised once their forms exist (the CRF step runs this last). */
export async function seedVisitQueries(db: Db, clock: SeedClock = seedClock()): Promise<void> {
  await queries(db, clockSql(clock), "assessment");
}

/**
 * The clock as SQL: `today` and `now` of the demo (never current_date or now(), which are the
 * server's), and `at(day, hours)`: that day at that hour in the network's time zone (never a
 * date cast to timestamptz, which follows the session's time zone).
 */
type ClockSql = { today: SQL; now: SQL; at: (day: SQL, hours: SQL) => SQL };

function clockSql(clock: SeedClock): ClockSql {
  return {
    today: sql`${clock.today}::date`,
    now: sql`${clock.now.toISOString()}::timestamptz`,
    at: (day, hours) => sql`((${day})::timestamp + (${hours})) at time zone ${NETWORK_TIME_ZONE}`,
  };
}

/** Who records at a participant's site: a site-staff user of that centre, else whoever enrolled. */
const RECORDER = sql`coalesce((select min(u.id) from users u where u.role = 'site_staff' and u.centre_id = p.centre_id), p.enrolled_by)`;

async function recordVisits(db: Db, c: ClockSql) {
  // Visits whose window has closed: ~83 % done (1 in 12 of those out of window), ~7 % missed, the rest stay overdue.
  await db.execute(sql`
    with due as (
      select v.id, v.due_on, v.window_start, v.window_end, (v.id * 7919) % 100 as r, ${RECORDER} as who, p.withdrawn_on
      from participant_visits v join participants p on p.id = v.participant_id
      where v.window_end < ${c.today} - 1 and v.status = 'expected'
    ), chosen as (
      select id, who, r,
        case when r < 83 then 'done' when r < 90 then 'missed' else 'expected' end as st,
        case when r < 83 and r % 12 = 5 then least(window_end + 2 + (id % 6), ${c.today} - 1)
             when r < 83 then greatest(window_start, least(window_end, due_on + ((id % 5) - 2))) end as on_day
      from due where withdrawn_on is null or due_on <= withdrawn_on
    )
    update participant_visits v set status = c.st::visit_status, visit_date = c.on_day,
      out_of_window = c.st = 'done' and (c.on_day < v.window_start or c.on_day > v.window_end),
      missed_reason = case when c.st = 'missed' then '患者未能返院 / Patient could not attend' end,
      version = case when c.st = 'expected' then 0 else 1 end,
      recorded_by = case when c.st <> 'expected' then c.who end,
      recorded_at = case when c.st <> 'expected' then ${c.at(sql`coalesce(c.on_day, v.window_end)`, sql`interval '10 hours'`)} end
    from chosen c where v.id = c.id and c.st <> 'expected'`);
  await db.execute(sql`
    insert into record_versions (entity_type, entity_id, study_id, participant_id, version, values, changed_by, changed_at)
    select 'visit', v.id, v.study_id, v.participant_id, 1,
      jsonb_build_object('status', v.status, 'visitDate', v.visit_date, 'missedReason', v.missed_reason),
      v.recorded_by, v.recorded_at
    from participant_visits v where v.version = 1 and not exists (select 1 from record_versions x where x.entity_type = 'visit' and x.entity_id = v.id)
    order by v.id`);
}

async function adverseEvents(db: Db, c: ClockSql) {
  // One AE for about two in five participants with a done visit, mostly grade 1–2, a few grade 4–5; grade ≥ 3 is
  // serious about half the time, grade 5 always (fatal). One SAE in four is reported after 24 h.
  await db.execute(sql`
    with src as (
      select p.id as participant_id, p.study_id, ${RECORDER} as who,
        (select min(v.visit_date) from participant_visits v where v.participant_id = p.id and v.status = 'done' and v.visit_date > p.enrolled_on) as onset,
        case when (p.id / 5) % 20 < 8 then 1 when (p.id / 5) % 20 < 13 then 2 when (p.id / 5) % 20 < 17 then 3 when (p.id / 5) % 20 < 19 then 4 else 5 end as grade,
        p.id as k
      from participants p where p.id % 5 in (0, 2)
    ), ae as (
      select s.*, (array['Neutropenia','Nausea','Fatigue','Rash','Diarrhoea','Anaemia','Pneumonitis','Hepatotoxicity','Febrile neutropenia','Sepsis'])[1 + ((k / 5) % 10)] as term,
        (array['blood_lymphatic','gastrointestinal','general','skin','gastrointestinal','blood_lymphatic','respiratory','hepatobiliary','blood_lymphatic','infection'])[1 + ((k / 5) % 10)] as cat,
        case when grade = 5 then array['death'] when grade >= 3 and k % 2 = 0 then array[(array['hospitalisation','life_threatening','other_important'])[1 + (k % 3)]] else '{}'::text[] end as crit,
        ${c.at(sql`onset`, sql`interval '9 hours' + ((k % 20) * interval '1 hour')`)} as aware
      from src s where onset is not null
    )
    insert into adverse_events (participant_id, study_id, term, category, grade, onset_on, ended_on, serious, serious_criteria, relatedness,
      action_taken, outcome, aware_at, reported_at, recorded_by, created_at)
    select participant_id, study_id, term, cat::ae_category, grade, onset,
      case when grade < 5 and k % 3 <> 0 then least(onset + 3 + (k % 20), ${c.today} - 1) end,
      cardinality(crit) > 0, crit,
      (array['not_related','unlikely','possible','probable','definite'])[1 + (k % 5)]::ae_relatedness,
      (case when grade >= 3 then 'interrupted' when grade = 2 then 'dose_reduced' else 'none' end)::ae_action,
      (case when grade = 5 then 'fatal' when k % 3 <> 0 then 'recovered' else 'recovering' end)::ae_outcome,
      aware,
      case when cardinality(crit) > 0 then aware + case when k % 4 = 0 then interval '31 hours' else interval '5 hours' + (k % 17) * interval '1 hour' end end,
      who, aware + interval '5 hours'
    from ae order by participant_id`);
  await db.execute(sql`
    insert into record_versions (entity_type, entity_id, study_id, participant_id, version, values, changed_by, changed_at)
    select 'adverse_event', a.id, a.study_id, a.participant_id, 1,
      jsonb_build_object('term', a.term, 'category', a.category, 'grade', a.grade, 'onsetOn', a.onset_on, 'endedOn', a.ended_on,
        'seriousCriteria', to_jsonb(a.serious_criteria), 'relatedness', a.relatedness, 'actionTaken', a.action_taken, 'outcome', a.outcome,
        'awareAt', to_char(a.aware_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      a.recorded_by, a.created_at
    from adverse_events a where not exists (select 1 from record_versions x where x.entity_type = 'adverse_event' and x.entity_id = a.id)
    order by a.id`);
  // SAE notifications to the study PI and the hub; all but the last fortnight's already read.
  await db.execute(sql`
    insert into notifications (user_id, kind, study_id, participant_id, entity_type, entity_id, params, read_at, created_at)
    select u.id, 'sae_reported', a.study_id, a.participant_id, 'adverse_event', a.id,
      jsonb_build_object('subjectCode', p.subject_code, 'studyCode', s.code, 'term', a.term, 'grade', a.grade, 'late', a.report_late),
      case when a.reported_at < ${c.now} - interval '14 days' then a.reported_at + interval '1 day' end, a.reported_at
    from adverse_events a join participants p on p.id = a.participant_id join studies s on s.id = a.study_id
    join users u on not u.disabled and (u.id = s.pi_user_id or u.role = 'network_admin')
    where a.serious
    order by a.id, u.id
    on conflict do nothing`);
}

/**
 * Queries raised by the study's monitor where it has one, else its PI, each on about one done
 * visit in fifteen; the state cycles open → answered → closed → re-opened. `visit`: on the visit's
 * date or status (the follow-up step); `assessment`: on ECOG, weight or response, items of the
 * visit's assessment form, where the form holds the value and is not verified (a verified form has
 * no query under way; the CRF step, once the forms exist).
 */
async function queries(db: Db, c: ClockSql, on: "visit" | "assessment") {
  const [fields, residue] = on === "visit" ? [sql`array['visitDate','status']`, 3] : [sql`array['ecog','weight_kg','recist']`, 8];
  await db.execute(sql`
    with base as (
      select v.id as visit_id, v.study_id, v.participant_id, v.recorded_at, v.id % 4 as state,
        (${fields})[1 + (v.id / 15) % cardinality(${fields})] as field,
        (select i.id from crf_form_instances i join crf_events e on e.id = i.event_id join crf_forms f on f.id = i.form_id
          where i.participant_id = v.participant_id and e.study_id = v.study_id and e.visit_code = d.code and f.name = 'visit_assessment' and i.repeat = 1) as instance_id,
        coalesce((select min(t.user_id) from study_team t where t.study_id = v.study_id and t.study_role = 'monitor' and t.removed_at is null),
                 (select s.pi_user_id from studies s where s.id = v.study_id)) as raiser,
        ${RECORDER} as answerer
      from participant_visits v join participants p on p.id = v.participant_id join visit_definitions d on d.id = v.visit_definition_id
      where v.status = 'done' and v.id % 15 = ${residue}
    ), pick as (
      -- An item query only on a value the form holds.
      select b.*, ${on === "visit" ? "visit" : "crf_form"}::text as entity_type, ${on === "visit" ? sql`b.visit_id` : sql`b.instance_id`} as entity_id
      from base b
      where ${on === "visit" ? sql`true` : sql`exists (select 1 from crf_form_instances i where i.id = b.instance_id and i.values ? b.field and i.status <> 'verified')`}
    ), q as (
      insert into queries (study_id, participant_id, entity_type, entity_id, field, status, raised_by, opened_at, answered_at, closed_at, created_at)
      select study_id, participant_id, entity_type::clinical_entity, entity_id, field,
        (case state when 1 then 'answered' when 2 then 'closed' else 'open' end)::query_status, raiser,
        least(recorded_at + interval '12 days', ${c.now} - interval '1 day'),
        case when state in (1, 2) then least(recorded_at + interval '15 days', ${c.now} - interval '12 hours') end,
        case when state = 2 then least(recorded_at + interval '18 days', ${c.now} - interval '6 hours') end,
        least(recorded_at + interval '12 days', ${c.now} - interval '1 day')
      from pick where raiser is not null
      order by visit_id
      returning id, entity_type, entity_id, status, opened_at, answered_at, closed_at, raised_by
    )
    insert into query_events (query_id, kind, body, author_id, created_at)
    select q.id, e.kind::query_event_kind, e.body, e.author, e.at from q join pick on pick.entity_type = q.entity_type::text and pick.entity_id = q.entity_id
    cross join lateral (values
      (1, 'raised', '请核对原始病历中的该数值。 / Please check this value against the source record.', q.raised_by, q.opened_at, true),
      (2, 'answered', '已核对原始病历，数值无误。 / Checked against source: the value is correct.', pick.answerer, coalesce(q.answered_at, q.opened_at + interval '2 days'), q.status <> 'open' or pick.state = 3),
      (3, 'closed', '', q.raised_by, coalesce(q.closed_at, q.opened_at + interval '3 days'), q.status = 'closed' or pick.state = 3),
      (4, 'reopened', '单位仍不一致，请再次核对。 / Units still differ, please check again.', q.raised_by, q.opened_at + interval '4 days', pick.state = 3)
    ) as e(ord, kind, body, author, at, wanted)
    where e.wanted and e.author is not null
    order by q.id, e.ord`);
}
