import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { ClinicalEntity, QueryStatus, VisitStatus } from "@/db/schema";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { participantScope } from "@/lib/participants/scope";
import { visitTiming, type VisitTiming } from "@/lib/studies/visit-windows";
import { networkToday } from "@/lib/time/network-day";
import { atOwnSite, mayRaiseQueries, mayVerify } from "@/lib/followup/scope";
import { VISIT_ASSESSMENT_FORM } from "@/lib/crf/visit-assessment";
import { crfTargetColumn, parseCrfTarget, type CrfQueryTarget } from "@/lib/followup/crf-query-target";

export type FollowupParticipant = {
  id: number;
  subjectCode: string;
  studyId: number;
  studyCode: string;
  studyTitleZh: string;
  studyTitleEn: string;
  status: string;
  sex: "female" | "male";
  yearOfBirth: number;
  enrolledOn: string;
  centreCode: string;
  centreNameZh: string;
  centreNameEn: string;
  /** Site staff of the participant's current site: may record, correct and answer. */
  canRecord: boolean;
  /** A monitor on the team or the study's PI: may raise, close and re-open queries. */
  canQuery: boolean;
  /** A monitor on the team: may mark records verified. */
  canVerify: boolean;
};

export type VisitRow = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  dueOn: string;
  windowStart: string;
  windowEnd: string;
  status: VisitStatus;
  visitDate: string | null;
  outOfWindow: boolean;
  missedReason: string | null;
  /**
   * The visit's assessment: the visit_assessment form of the visit's scheduled event (ids for
   * the form page; null when the study's event does not collect it) and the values entered
   * there (REDCap raw text, null until entered).
   */
  assessment: { eventId: number; formId: number; status: string | null; ecog: string | null; weightKg: string | null; recist: string | null } | null;
  version: number;
  verified: boolean;
  timing: VisitTiming;
  openQueries: number;
};

export type AeRow = {
  id: number;
  term: string;
  meddraCode: number | null;
  category: string;
  grade: number;
  onsetOn: string;
  endedOn: string | null;
  serious: boolean;
  seriousCriteria: string[];
  relatedness: string;
  actionTaken: string;
  outcome: string;
  awareAt: string;
  reportedAt: string | null;
  reportLate: boolean;
  version: number;
  verified: boolean;
  openQueries: number;
};

export type QueryOnRecord = { id: number; entityType: ClinicalEntity; entityId: number; field: string; status: QueryStatus; openedAt: string; raisedByName: string; question: string; crf: CrfQueryTarget | null };

/** A participant's follow-up within the actor's scope, or null (the page answers 404). */
export const getFollowupParticipant = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, subjectCode: string): Promise<FollowupParticipant | null> => {
    const db = await getDb();
    const [row] = await queryRows<FollowupParticipant>(
      db,
      sql`select p.id, p.subject_code as "subjectCode", p.study_id as "studyId", s.code as "studyCode", s.title_zh as "studyTitleZh",
            s.title_en as "studyTitleEn", p.status, p.sex, p.year_of_birth as "yearOfBirth", p.enrolled_on::text as "enrolledOn",
            o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn",
            ${atOwnSite(actor)} as "canRecord", ${mayRaiseQueries(actor, sql`p.study_id`)} as "canQuery", ${mayVerify(actor, sql`p.study_id`)} as "canVerify"
          from participants p join studies s on s.id = p.study_id join organisations o on o.id = p.centre_id
          where p.subject_code = ${subjectCode.toUpperCase()} and ${participantScope(actor)}`,
    );
    return row ?? null;
  },
  otherwise: () => null,
});

/** A participant's expected and recorded visits, with where each stands today. */
export const listVisits = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, participantId: number): Promise<VisitRow[]> => {
    const db = await getDb();
    const rows = await queryRows<Omit<VisitRow, "timing">>(
      db,
      sql`select v.id, d.code, d.name_zh as "nameZh", d.name_en as "nameEn", v.due_on::text as "dueOn", v.window_start::text as "windowStart",
            v.window_end::text as "windowEnd", v.status, v.visit_date::text as "visitDate", v.out_of_window as "outOfWindow",
            v.missed_reason as "missedReason", v.version,
            (select json_build_object('eventId', e.id, 'formId', f.id, 'status', i.status, 'ecog', i.values->>'ecog', 'weightKg', i.values->>'weight_kg', 'recist', i.values->>'recist')
               from crf_events e join crf_event_forms ef on ef.event_id = e.id join crf_forms f on f.id = ef.form_id and f.name = ${VISIT_ASSESSMENT_FORM}
               left join crf_form_instances i on i.participant_id = v.participant_id and i.event_id = e.id and i.form_id = f.id and i.repeat = 1
               where e.study_id = v.study_id and e.kind = 'scheduled' and e.visit_code = d.code limit 1) as assessment,
            v.sdv_at is not null as verified,
            (select count(*)::int from queries q where q.entity_type = 'visit' and q.entity_id = v.id and q.status <> 'closed') as "openQueries"
          from participant_visits v join visit_definitions d on d.id = v.visit_definition_id join participants p on p.id = v.participant_id
          where v.participant_id = ${participantId} and ${participantScope(actor)}
          order by v.due_on, d.ordinal`,
    );
    const today = networkToday();
    return rows.map((r) => ({ ...r, timing: visitTiming(r, today) }));
  },
  otherwise: () => [],
});

/** A participant's adverse events, latest onset first. */
export const listAdverseEvents = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, participantId: number): Promise<AeRow[]> => {
    const db = await getDb();
    return queryRows<AeRow>(
      db,
      sql`select a.id, a.term, a.meddra_code as "meddraCode", a.category, a.grade, a.onset_on::text as "onsetOn", a.ended_on::text as "endedOn", a.serious,
            a.serious_criteria as "seriousCriteria", a.relatedness, a.action_taken as "actionTaken", a.outcome,
            to_char(a.aware_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "awareAt",
            to_char(a.reported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "reportedAt",
            a.report_late as "reportLate", a.version, a.sdv_at is not null as verified,
            (select count(*)::int from queries q where q.entity_type = 'adverse_event' and q.entity_id = a.id and q.status <> 'closed') as "openQueries"
          from adverse_events a join participants p on p.id = a.participant_id
          where a.participant_id = ${participantId} and ${participantScope(actor)}
          order by a.onset_on desc, a.id desc`,
    );
  },
  otherwise: () => [],
});

/** The queries on a participant's records, unclosed first. */
export const listQueriesOnParticipant = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, participantId: number): Promise<QueryOnRecord[]> => {
    const db = await getDb();
    const rows = await queryRows<QueryOnRecord>(
      db,
      sql`select q.id, q.entity_type as "entityType", q.entity_id as "entityId", q.field, q.status, ${crfTargetColumn()} as crf,
            to_char(q.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "openedAt", u.name as "raisedByName",
            (select e.body from query_events e where e.query_id = q.id and e.kind = 'raised' order by e.id limit 1) as question
          from queries q join participants p on p.id = q.participant_id join users u on u.id = q.raised_by
          where q.participant_id = ${participantId} and ${participantScope(actor)}
          order by (q.status = 'closed'), q.opened_at desc`,
    );
    return rows.map((r) => ({ ...r, crf: parseCrfTarget(r.crf) }));
  },
  otherwise: () => [],
});

export type HistoryVersion = { version: number; values: Record<string, unknown>; changedFields: string[]; changedByName: string | null; changedAt: string; reason: string | null };

/** Every saved version of one record (oldest first), when its participant is in the actor's scope. */
export const recordHistory = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, entityType: ClinicalEntity, entityId: number): Promise<HistoryVersion[]> => {
    const db = await getDb();
    return queryRows<HistoryVersion>(
      db,
      sql`select rv.version, rv.values, rv.changed_fields as "changedFields", u.name as "changedByName",
            to_char(rv.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "changedAt", rv.reason
          from record_versions rv join participants p on p.id = rv.participant_id left join users u on u.id = rv.changed_by
          where rv.entity_type = ${entityType} and rv.entity_id = ${entityId} and ${participantScope(actor)}
          order by rv.version`,
    );
  },
  otherwise: () => [],
});

export type QueryThread = QueryOnRecord & {
  studyCode: string;
  subjectCode: string;
  centreId: number;
  raisedById: number;
  answeredAt: string | null;
  closedAt: string | null;
  events: { kind: string; body: string; authorName: string; at: string; correctedVersion: number | null }[];
  /** Staff of the participant's current site. */
  canAnswer: boolean;
  /** The raiser, still allowed to raise queries on the study. */
  canClose: boolean;
};

/** A query with its thread, when its participant is in the actor's scope. */
export const getQueryThread = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, queryId: number): Promise<QueryThread | null> => {
    const db = await getDb();
    const [q] = await queryRows<Omit<QueryThread, "events">>(
      db,
      sql`select q.id, q.entity_type as "entityType", q.entity_id as "entityId", q.field, q.status, s.code as "studyCode", ${crfTargetColumn()} as crf,
            p.subject_code as "subjectCode", p.centre_id as "centreId", q.raised_by as "raisedById", u.name as "raisedByName",
            to_char(q.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "openedAt",
            to_char(q.answered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "answeredAt",
            to_char(q.closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "closedAt",
            (select e.body from query_events e where e.query_id = q.id and e.kind = 'raised' order by e.id limit 1) as question,
            ${atOwnSite(actor)} as "canAnswer",
            (q.raised_by = ${actor.id} and ${mayRaiseQueries(actor, sql`q.study_id`)}) as "canClose"
          from queries q join participants p on p.id = q.participant_id join studies s on s.id = q.study_id join users u on u.id = q.raised_by
          where q.id = ${queryId} and ${participantScope(actor)}`,
    );
    if (!q) return null;
    const events = await queryRows<QueryThread["events"][number]>(
      db,
      sql`select e.kind, e.body, u.name as "authorName", to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
            rv.version as "correctedVersion"
          from query_events e join users u on u.id = e.author_id left join record_versions rv on rv.id = e.record_version_id
          where e.query_id = ${queryId} order by e.id`,
    );
    return { ...q, crf: parseCrfTarget(q.crf), events };
  },
  otherwise: () => null,
});

/**
 * Of the given participants, those whose follow-up the actor may open, by id with their subject
 * code: where a notification may link (scope can change after it was sent).
 */
export const followupSubjects = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, participantIds: readonly number[]): Promise<Map<number, string>> => {
    const ids = [...new Set(participantIds)];
    if (ids.length === 0) return new Map();
    const db = await getDb();
    const rows = await queryRows<{ id: number; subjectCode: string }>(
      db,
      sql`select p.id, p.subject_code as "subjectCode" from participants p
        where p.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) and ${participantScope(actor)}`,
    );
    return new Map(rows.map((r) => [Number(r.id), r.subjectCode]));
  },
  otherwise: () => new Map(),
});
