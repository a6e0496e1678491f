import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { AE_ACTIONS, AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, CLINICAL_ENTITIES, QUERY_EVENT_KINDS, QUERY_STATUSES, VISIT_STATUSES } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { participants } from "@/db/schema/enrolment";
import { users } from "@/db/schema/people";
import { protocolVersions, studies } from "@/db/schema/studies";

export const visitStatus = pgEnum("visit_status", VISIT_STATUSES);
export const aeCategory = pgEnum("ae_category", AE_CATEGORIES);
export const aeRelatedness = pgEnum("ae_relatedness", AE_RELATEDNESS);
export const aeAction = pgEnum("ae_action", AE_ACTIONS);
export const aeOutcome = pgEnum("ae_outcome", AE_OUTCOMES);
/** Records that carry a reason-for-change history, queries and SDV marks. */
export const clinicalEntity = pgEnum("clinical_entity", CLINICAL_ENTITIES);
export const queryStatus = pgEnum("query_status", QUERY_STATUSES);
export const queryEventKind = pgEnum("query_event_kind", QUERY_EVENT_KINDS);

/** The visit schedule is part of the protocol: one set of rows per protocol version (copied on amendment). */
export const visitDefinitions = pgTable(
  "visit_definitions",
  {
    id: serial("id").primaryKey(),
    protocolVersionId: integer("protocol_version_id").notNull().references(() => protocolVersions.id),
    ordinal: integer("ordinal").notNull(),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    /** Days after enrolment (day 0 = the enrolment date). */
    targetDay: integer("target_day").notNull(),
    /** The window is target ± window_days, inclusive at both ends. */
    windowDays: integer("window_days").notNull(),
    ...timestamps,
  },
  (t) => [
    unique("visit_definitions_version_code_uq").on(t.protocolVersionId, t.code),
    check("visit_definitions_day_ck", sql`${t.targetDay} >= 0`),
    check("visit_definitions_window_ck", sql`${t.windowDays} between 0 and 365`),
  ],
);

/**
 * A participant's expected visit, generated at enrolment from the schedule in force, then
 * recorded by site staff. Overdue = status 'expected' and window_end < today. The visit holds the
 * schedule facts only (status, date, window, missed reason); its assessment (ECOG, weight, RECIST
 * response) is the standard CRF form `visit_assessment` of the visit's event (lib/crf/visit-assessment.ts).
 * `version` counts saved versions in record_versions (0 = never recorded).
 */
export const participantVisits = pgTable(
  "participant_visits",
  {
    id: serial("id").primaryKey(),
    participantId: integer("participant_id").notNull().references(() => participants.id),
    studyId: integer("study_id").notNull().references(() => studies.id),
    visitDefinitionId: integer("visit_definition_id").notNull().references(() => visitDefinitions.id),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    windowStart: date("window_start", { mode: "string" }).notNull(),
    windowEnd: date("window_end", { mode: "string" }).notNull(),
    status: visitStatus("status").notNull().default("expected"),
    visitDate: date("visit_date", { mode: "string" }),
    /** Set when a done visit's date lies outside its window. */
    outOfWindow: boolean("out_of_window").notNull().default(false),
    missedReason: text("missed_reason"),
    version: integer("version").notNull().default(0),
    recordedBy: integer("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }),
    sdvBy: integer("sdv_by").references(() => users.id),
    sdvAt: timestamp("sdv_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    unique("participant_visits_participant_def_uq").on(t.participantId, t.visitDefinitionId),
    index("participant_visits_study_due_idx").on(t.studyId, t.status, t.windowEnd),
    check("participant_visits_window_ck", sql`${t.windowStart} <= ${t.dueOn} and ${t.dueOn} <= ${t.windowEnd}`),
    check("participant_visits_done_ck", sql`(${t.status} = 'done') = (${t.visitDate} is not null)`),
    check("participant_visits_sdv_ck", sql`(${t.sdvBy} is null) = (${t.sdvAt} is null)`),
  ],
);

/**
 * An adverse event. For a serious one `reported_at` is when it was first saved as serious in
 * the portal; `report_late` is derived by the database: serious and reported later than 24 hours after
 * `aware_at` (exactly 24 h is on time — see lib/followup/sae-clock.ts).
 */
export const adverseEvents = pgTable(
  "adverse_events",
  {
    id: serial("id").primaryKey(),
    participantId: integer("participant_id").notNull().references(() => participants.id),
    studyId: integer("study_id").notNull().references(() => studies.id),
    term: text("term").notNull(),
    /** The CTCAE v5.0 term's MedDRA code when the term was picked from the list (lib/followup/ctcae). */
    meddraCode: integer("meddra_code"),
    category: aeCategory("category").notNull(),
    grade: smallint("grade").notNull(),
    onsetOn: date("onset_on", { mode: "string" }).notNull(),
    endedOn: date("ended_on", { mode: "string" }),
    serious: boolean("serious").notNull().default(false),
    /** death, life_threatening, hospitalisation, disability, congenital_anomaly, other_important. */
    seriousCriteria: text("serious_criteria").array().notNull().default(sql`'{}'::text[]`),
    relatedness: aeRelatedness("relatedness").notNull(),
    actionTaken: aeAction("action_taken").notNull(),
    outcome: aeOutcome("outcome").notNull(),
    awareAt: timestamp("aware_at", { withTimezone: true, mode: "date" }).notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true, mode: "date" }),
    reportLate: boolean("report_late")
      .notNull()
      // timestamptz − timestamptz is immutable (timestamptz + interval is not), as a generated column needs.
      .generatedAlwaysAs(sql`coalesce(serious and (reported_at - aware_at) > interval '24 hours', false)`),
    version: integer("version").notNull().default(1),
    recordedBy: integer("recorded_by").references(() => users.id),
    sdvBy: integer("sdv_by").references(() => users.id),
    sdvAt: timestamp("sdv_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    index("adverse_events_participant_idx").on(t.participantId),
    index("adverse_events_study_idx").on(t.studyId, t.serious),
    check("adverse_events_grade_ck", sql`${t.grade} between 1 and 5`),
    check("adverse_events_dates_ck", sql`${t.endedOn} is null or ${t.endedOn} >= ${t.onsetOn}`),
    check("adverse_events_serious_ck", sql`${t.serious} = (cardinality(${t.seriousCriteria}) > 0)`),
    // A report time stays once set, even if a correction later makes the event non-serious.
    check("adverse_events_reported_ck", sql`not ${t.serious} or ${t.reportedAt} is not null`),
    check("adverse_events_sdv_ck", sql`(${t.sdvBy} is null) = (${t.sdvAt} is null)`),
  ],
);

/**
 * Every saved version of a clinical record (visit, AE, participant enrolment data): the full
 * values as saved, who, when and — from version 2 on — why. One generic table so that history,
 * queries on a field and the reason-for-change rule work the same way for every record type.
 */
export const recordVersions = pgTable(
  "record_versions",
  {
    id: serial("id").primaryKey(),
    entityType: clinicalEntity("entity_type").notNull(),
    entityId: integer("entity_id").notNull(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    participantId: integer("participant_id").notNull().references(() => participants.id),
    version: integer("version").notNull(),
    values: jsonb("values").$type<Record<string, unknown>>().notNull(),
    changedFields: text("changed_fields").array().notNull().default(sql`'{}'::text[]`),
    changedBy: integer("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    reason: text("reason"),
    ...timestamps,
  },
  (t) => [
    unique("record_versions_entity_version_uq").on(t.entityType, t.entityId, t.version),
    index("record_versions_participant_idx").on(t.participantId),
    check("record_versions_version_ck", sql`${t.version} >= 1`),
    check("record_versions_reason_ck", sql`${t.version} = 1 or coalesce(length(trim(${t.reason})), 0) > 0`),
  ],
);

/** A monitor's (or the study PI's) question on one field of a participant's record. */
export const dataQueries = pgTable(
  "queries",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    participantId: integer("participant_id").notNull().references(() => participants.id),
    entityType: clinicalEntity("entity_type").notNull(),
    entityId: integer("entity_id").notNull(),
    field: text("field").notNull(),
    status: queryStatus("status").notNull().default("open"),
    raisedBy: integer("raised_by").notNull().references(() => users.id),
    /** First raised; the age of an open query counts from here. */
    openedAt: timestamp("opened_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "date" }),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    index("queries_study_status_idx").on(t.studyId, t.status),
    index("queries_participant_idx").on(t.participantId),
    check("queries_closed_ck", sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** The thread of a query: the question, answers (with the corrected value, if any), closes, re-opens. */
export const queryEvents = pgTable(
  "query_events",
  {
    id: serial("id").primaryKey(),
    queryId: integer("query_id").notNull().references(() => dataQueries.id),
    kind: queryEventKind("kind").notNull(),
    body: text("body").notNull(),
    authorId: integer("author_id").notNull().references(() => users.id),
    /** The record version an answer's correction produced. */
    recordVersionId: integer("record_version_id").references(() => recordVersions.id),
    ...timestamps,
  },
  (t) => [index("query_events_query_idx").on(t.queryId)],
);

export type VisitDefinition = typeof visitDefinitions.$inferSelect;
export type ParticipantVisit = typeof participantVisits.$inferSelect;
export type AdverseEvent = typeof adverseEvents.$inferSelect;
export type RecordVersion = typeof recordVersions.$inferSelect;
export type DataQuery = typeof dataQueries.$inferSelect;
export type ClinicalEntity = (typeof clinicalEntity.enumValues)[number];
export type QueryStatus = (typeof queryStatus.enumValues)[number];
export type AeCategory = (typeof aeCategory.enumValues)[number];
export type AeRelatedness = (typeof aeRelatedness.enumValues)[number];
export type AeAction = (typeof aeAction.enumValues)[number];
export type AeOutcome = (typeof aeOutcome.enumValues)[number];
export type VisitStatus = (typeof visitStatus.enumValues)[number];
