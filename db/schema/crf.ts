import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { CRF_EVENT_KINDS, CRF_FORM_INSTANCE_STATUSES, CRF_ITEM_TYPES, CRF_VALIDATION_TYPES } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { participants } from "@/db/schema/enrolment";
import { users } from "@/db/schema/people";
import { protocolVersions, studies } from "@/db/schema/studies";

export const crfEventKind = pgEnum("crf_event_kind", CRF_EVENT_KINDS);
export const crfItemType = pgEnum("crf_item_type", CRF_ITEM_TYPES);
export const crfValidationType = pgEnum("crf_validation_type", CRF_VALIDATION_TYPES);
export const crfFormInstanceStatus = pgEnum("crf_form_instance_status", CRF_FORM_INSTANCE_STATUSES);

/** REDCap's naming rule for variables, forms and events: lower-case letters, digits, underscores, starting with a letter. */
const NAME_RE = "^[a-z][a-z0-9_]*$";

/**
 * The events of a study at which forms are collected. A scheduled event is one visit of the
 * protocol's schedule, linked by the visit's code (visit_definitions rows are rewritten for each
 * protocol version, the code stays); unscheduled visits and study-wide logs have none.
 */
export const crfEvents = pgTable(
  "crf_events",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    name: text("name").notNull(),
    kind: crfEventKind("kind").notNull(),
    visitCode: text("visit_code"),
    ordinal: integer("ordinal").notNull(),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
    ...timestamps,
  },
  (t) => [
    unique("crf_events_study_name_uq").on(t.studyId, t.name),
    unique("crf_events_study_visit_uq").on(t.studyId, t.visitCode),
    check("crf_events_name_ck", sql.raw(`name ~ '${NAME_RE}'`)),
    check("crf_events_visit_ck", sql`(${t.kind} = 'scheduled') = (${t.visitCode} is not null)`),
  ],
);

/** A form of a study (its REDCap instrument name); what it asks lives in its versions. */
export const crfForms = pgTable(
  "crf_forms",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    name: text("name").notNull(),
    ordinal: integer("ordinal").notNull(),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
    ...timestamps,
  },
  (t) => [unique("crf_forms_study_name_uq").on(t.studyId, t.name), check("crf_forms_name_ck", sql.raw(`name ~ '${NAME_RE}'`))],
);

/** Which forms each event collects. */
export const crfEventForms = pgTable(
  "crf_event_forms",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id").notNull().references(() => crfEvents.id),
    formId: integer("form_id").notNull().references(() => crfForms.id),
    ordinal: integer("ordinal").notNull(),
    ...timestamps,
  },
  (t) => [unique("crf_event_forms_uq").on(t.eventId, t.formId)],
);

/**
 * The content of a form from one protocol version on. While the study is a draft the version
 * in force is edited in place; once recruiting, a change is an amendment and makes a new form
 * version tied to the new protocol version. The version of a form in force under protocol
 * version p is its latest version whose protocol version is ≤ p. Data keeps its version.
 */
export const crfFormVersions = pgTable(
  "crf_form_versions",
  {
    id: serial("id").primaryKey(),
    formId: integer("form_id").notNull().references(() => crfForms.id),
    version: integer("version").notNull(),
    protocolVersionId: integer("protocol_version_id").notNull().references(() => protocolVersions.id),
    createdBy: integer("created_by").notNull().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    unique("crf_form_versions_form_version_uq").on(t.formId, t.version),
    unique("crf_form_versions_form_protocol_uq").on(t.formId, t.protocolVersionId),
    check("crf_form_versions_version_ck", sql`${t.version} >= 1`),
  ],
);

/** A section of a form version (REDCap's section header starts one). */
export const crfSections = pgTable(
  "crf_sections",
  {
    id: serial("id").primaryKey(),
    formVersionId: integer("form_version_id").notNull().references(() => crfFormVersions.id),
    ordinal: integer("ordinal").notNull(),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
    ...timestamps,
  },
  (t) => [unique("crf_sections_version_ordinal_uq").on(t.formVersionId, t.ordinal)],
);

/** A table of rows inside a form (target lesions, doses, medications): its items repeat per row. */
export const crfRepeatingGroups = pgTable(
  "crf_repeating_groups",
  {
    id: serial("id").primaryKey(),
    formVersionId: integer("form_version_id").notNull().references(() => crfFormVersions.id),
    name: text("name").notNull(),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
    maxRows: integer("max_rows").notNull(),
    ...timestamps,
  },
  (t) => [
    unique("crf_repeating_groups_version_name_uq").on(t.formVersionId, t.name),
    check("crf_repeating_groups_name_ck", sql.raw(`name ~ '${NAME_RE}'`)),
    check("crf_repeating_groups_rows_ck", sql`${t.maxRows} between 1 and 200`),
  ],
);

/**
 * An item of a form version. Limits are kept as text in the item's own format (numbers, ISO
 * days, times; REDCap's "today"/"now"): hard limits refuse a value, soft limits ask for a
 * confirmation and raise a query. Branching logic and calculations are REDCap-syntax source
 * text, checked by lib/crf/expressions when written.
 */
export const crfItems = pgTable(
  "crf_items",
  {
    id: serial("id").primaryKey(),
    formVersionId: integer("form_version_id").notNull().references(() => crfFormVersions.id),
    sectionId: integer("section_id").references(() => crfSections.id),
    repeatingGroupId: integer("repeating_group_id").references(() => crfRepeatingGroups.id),
    ordinal: integer("ordinal").notNull(),
    name: text("name").notNull(),
    type: crfItemType("type").notNull(),
    validation: crfValidationType("validation"),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
    noteZh: text("note_zh"),
    noteEn: text("note_en"),
    unit: text("unit"),
    decimalPlaces: smallint("decimal_places"),
    required: boolean("required").notNull().default(false),
    identifier: boolean("identifier").notNull().default(false),
    hardMin: text("hard_min"),
    hardMax: text("hard_max"),
    softMin: text("soft_min"),
    softMax: text("soft_max"),
    branchingLogic: text("branching_logic"),
    calculation: text("calculation"),
    /** Slider end and middle labels (REDCap "left | middle | right"), each bilingual; and whether the number shows. */
    sliderLabels: jsonb("slider_labels").$type<{ zh: string; en: string }[]>(),
    sliderShowNumber: boolean("slider_show_number").notNull().default(false),
    /** Missing-data codes this item allows (ND, UNK, NA); never stored as values. */
    missingCodes: text("missing_codes").array().notNull().default(sql`'{}'::text[]`),
    matrixGroup: text("matrix_group"),
    matrixRanking: boolean("matrix_ranking").notNull().default(false),
    alignment: text("alignment"),
    questionNumber: text("question_number"),
    annotation: text("annotation"),
    ...timestamps,
  },
  (t) => [
    unique("crf_items_version_name_uq").on(t.formVersionId, t.name),
    unique("crf_items_version_ordinal_uq").on(t.formVersionId, t.ordinal),
    check("crf_items_name_ck", sql.raw(`name ~ '${NAME_RE}'`)),
    check("crf_items_decimals_ck", sql`${t.decimalPlaces} is null or ${t.decimalPlaces} between 0 and 6`),
    check("crf_items_calc_ck", sql`(${t.type} = 'calc') = (${t.calculation} is not null)`),
    check("crf_items_missing_ck", sql`${t.missingCodes} <@ array['ND','UNK','NA']::text[]`),
    check("crf_items_alignment_ck", sql`${t.alignment} is null or ${t.alignment} in ('LV','LH','RV','RH')`),
    index("crf_items_section_idx").on(t.sectionId),
  ],
);

/** The choices of a radio, dropdown or checkbox item, in order. */
export const crfItemChoices = pgTable(
  "crf_item_choices",
  {
    id: serial("id").primaryKey(),
    itemId: integer("item_id").notNull().references(() => crfItems.id),
    ordinal: integer("ordinal").notNull(),
    code: text("code").notNull(),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
    ...timestamps,
  },
  (t) => [
    unique("crf_item_choices_item_code_uq").on(t.itemId, t.code),
    unique("crf_item_choices_item_ordinal_uq").on(t.itemId, t.ordinal),
    check("crf_item_choices_code_ck", sql`${t.code} ~ '^[A-Za-z0-9_.-]{1,40}$'`),
  ],
);

/**
 * One participant's form at one event (and one row of a repeating event, `repeat` ≥ 1): item
 * values as one JSONB object per instance ({ item: "text" | ["codes"] | [{ row }] for a
 * repeating group }), missing-data codes in their own object, never among the values. Opening
 * or saving a form reads or writes one row; per-value history lives in record_versions and the
 * audit trail.
 */
export const crfFormInstances = pgTable(
  "crf_form_instances",
  {
    id: serial("id").primaryKey(),
    participantId: integer("participant_id").notNull().references(() => participants.id),
    studyId: integer("study_id").notNull().references(() => studies.id),
    eventId: integer("event_id").notNull().references(() => crfEvents.id),
    formId: integer("form_id").notNull().references(() => crfForms.id),
    repeat: integer("repeat").notNull().default(1),
    formVersionId: integer("form_version_id").notNull().references(() => crfFormVersions.id),
    status: crfFormInstanceStatus("status").notNull().default("in_progress"),
    values: jsonb("values").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    missing: jsonb("missing").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** Saved versions in record_versions (1 after the first save). */
    version: integer("version").notNull().default(1),
    enteredBy: integer("entered_by").notNull().references(() => users.id),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
    /**
     * The day the data was collected: the visit's date for a scheduled event (when recorded),
     * otherwise the day of the first save. "Days from visit to entry" counts from here to
     * created_at (the first save).
     */
    eventDate: date("event_date", { mode: "string" }),
    /** Source data verification: who verified the form and when (status 'verified'). */
    verifiedBy: integer("verified_by").references(() => users.id),
    verifiedAt: timestamp("verified_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    unique("crf_form_instances_uq").on(t.participantId, t.eventId, t.formId, t.repeat),
    check("crf_form_instances_repeat_ck", sql`${t.repeat} >= 1`),
    check("crf_form_instances_values_ck", sql`jsonb_typeof(${t.values}) = 'object' and jsonb_typeof(${t.missing}) = 'object'`),
    index("crf_form_instances_study_idx").on(t.studyId, t.formId, t.status),
    check("crf_form_instances_sdv_ck", sql`(${t.verifiedBy} is null) = (${t.verifiedAt} is null)`),
    check("crf_form_instances_verified_ck", sql`(${t.status} = 'verified') = (${t.verifiedAt} is not null)`),
  ],
);

export type CrfEvent = typeof crfEvents.$inferSelect;
export type CrfForm = typeof crfForms.$inferSelect;
export type CrfFormVersion = typeof crfFormVersions.$inferSelect;
export type CrfSection = typeof crfSections.$inferSelect;
export type CrfItem = typeof crfItems.$inferSelect;
export type CrfItemChoice = typeof crfItemChoices.$inferSelect;
export type CrfFormInstance = typeof crfFormInstances.$inferSelect;

/*
 * Data-entry figures (lib/crf/queries/completion.ts), kept exact by triggers in the same
 * transaction as every write to crf_form_instances, participant_visits, participants (site
 * transfers), crf_event_forms, crf_events and visit_definitions (migration
 * 0025_crf_completion_triggers): whatever changes a participant, they are counted again from the
 * base rows and what differs from their ledger rows is applied to the counters. Nobody else writes these tables; they
 * carry no timestamps and no foreign keys (derived rows). Kinds and keys:
 * - 'status', the instance status: forms entered per status;
 * - 'days', days from the visit (event date) to the first save, as a whole number: the histogram
 *   the median is read from;
 * - 'due', the forms of a done or expected scheduled visit not entered yet, keyed '' when the
 *   visit is done (always expected) or by the visit's window end (expected once it has passed).
 * Counters per study and the participant's current centre: a view reads sites × keys, not rows.
 */
export const crfCompletionFacts = pgTable(
  "crf_completion_facts",
  {
    studyId: integer("study_id").notNull(),
    centreId: integer("centre_id").notNull(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ name: "crf_completion_facts_pk", columns: [t.studyId, t.centreId, t.kind, t.key] }), check("crf_completion_facts_kind_ck", sql`${t.kind} in ('status', 'days', 'due')`)],
);

/** What each participant counts in crf_completion_facts (the rows taken back when they change). */
export const crfCompletionLedger = pgTable(
  "crf_completion_ledger",
  {
    participantId: integer("participant_id").notNull(),
    studyId: integer("study_id").notNull(),
    centreId: integer("centre_id").notNull(),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ name: "crf_completion_ledger_pk", columns: [t.participantId, t.kind, t.key] })],
);
