import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { specimenType } from "@/db/schema/biobank";

/*
 * Pre-aggregated dashboard facts (lib/metrics). Nobody writes these tables: triggers on the base
 * tables keep them exact in the same transaction as every write (migration
 * 0011_metrics_facts_triggers: the old row subtracted, the new row added), and metric_rebuild()
 * recomputes them from the base rows. So they carry no created_at/updated_at and no foreign
 * keys (a fact is derived, and a key check per upsert would only slow every write).
 *
 * Facts are keyed by centre id, never by path: moving a centre in the tree changes no fact; a
 * view rolls the centres up along the paths of the moment.
 *
 * Each fact is counted four times, in a day, a month, a year and the all-time bucket (`grain`
 * 1, 2, 3, 0; `bucket` is the day, the month's first day, the year's first day, 0001-01-01), so
 * that any period of days is read as a few whole years, months and days, and "everything up to
 * a day" as all time less what came after it (lib/metrics/period-buckets.ts): the cost of a view
 * follows centres × periods, not rows.
 *
 * Counters, histograms and specimens are kept per study and, under study_id −1, for all studies
 * of the centre together (what a view that counts every study reads: a quarter of the rows).
 */

const grainCheck = (name: string, grain: unknown) => check(name, sql`${grain} in (0, 1, 2, 3)`);

/**
 * Counters per centre, study and bucket. Each counter has its own centre: screenings at the
 * screening's centre; enrolments (and those enrolled who are now withdrawn) at the enrolling
 * site's centre by enrolment day; AEs (by onset), queries (opened, closed, by network day) at the
 * participant's current centre, where follow-up happens.
 */
export const metricFacts = pgTable(
  "metric_facts",
  {
    grain: smallint("grain").notNull(),
    bucket: date("bucket", { mode: "string" }).notNull(),
    centreId: integer("centre_id").notNull(),
    studyId: integer("study_id").notNull(),
    screened: integer("screened").notNull().default(0),
    screenFailed: integer("screen_failed").notNull().default(0),
    enrolled: integer("enrolled").notNull().default(0),
    /** Of those enrolled in the bucket, withdrawn now (whenever the withdrawal was). */
    enrolledWithdrawn: integer("enrolled_withdrawn").notNull().default(0),
    aes: integer("aes").notNull().default(0),
    saes: integer("saes").notNull().default(0),
    lateSaes: integer("late_saes").notNull().default(0),
    queriesOpened: integer("queries_opened").notNull().default(0),
    queriesClosed: integer("queries_closed").notNull().default(0),
  },
  (t) => [
    // Grain and study first: a view reads one study key (or the all-studies key −1) over a few bucket ranges.
    primaryKey({ name: "metric_facts_pk", columns: [t.grain, t.studyId, t.bucket, t.centreId] }),
    // The last enrolment of a site on or before a day: one backward index step.
    index("metric_facts_site_idx").on(t.centreId, t.studyId, t.grain, t.bucket),
    grainCheck("metric_facts_grain_ck", t.grain),
  ],
);

/** Histogram of days from screening to enrolment, per enrolling centre, study and enrolment bucket. */
export const metricEnrolDays = pgTable(
  "metric_enrol_days",
  {
    grain: smallint("grain").notNull(),
    bucket: date("bucket", { mode: "string" }).notNull(),
    centreId: integer("centre_id").notNull(),
    studyId: integer("study_id").notNull(),
    days: integer("days").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ name: "metric_enrol_days_pk", columns: [t.grain, t.studyId, t.bucket, t.centreId, t.days] }), grainCheck("metric_enrol_days_grain_ck", t.grain)],
);

/** Screen failures per failed criterion, per screening centre, study, protocol version and bucket. */
export const metricScreenReasons = pgTable(
  "metric_screen_reasons",
  {
    grain: smallint("grain").notNull(),
    bucket: date("bucket", { mode: "string" }).notNull(),
    centreId: integer("centre_id").notNull(),
    studyId: integer("study_id").notNull(),
    protocolVersion: integer("protocol_version").notNull(),
    code: text("code").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "metric_screen_reasons_pk", columns: [t.grain, t.studyId, t.bucket, t.centreId, t.protocolVersion, t.code] }),
    grainCheck("metric_screen_reasons_grain_ck", t.grain),
  ],
);

/**
 * Specimens collected (aliquots are not collections) per collecting centre, study of the
 * participant (0: a donor's, no study; −1: all of the centre's), type and bucket of the network
 * day of collection.
 */
export const metricSpecimens = pgTable(
  "metric_specimens",
  {
    grain: smallint("grain").notNull(),
    bucket: date("bucket", { mode: "string" }).notNull(),
    centreId: integer("centre_id").notNull(),
    studyId: integer("study_id").notNull(),
    type: specimenType("type").notNull(),
    collected: integer("collected").notNull().default(0),
    /** Of those, taken from an enrolled participant. */
    ofParticipants: integer("of_participants").notNull().default(0),
  },
  (t) => [primaryKey({ name: "metric_specimens_pk", columns: [t.grain, t.studyId, t.bucket, t.centreId, t.type] }), grainCheck("metric_specimens_grain_ck", t.grain)],
);

/**
 * What is true now per centre and study, kept exact by the same triggers: the site's last
 * enrolment (at the enrolling centre), and the queries not closed (at the participant's current
 * centre) with the moment the oldest of them was raised.
 */
export const metricSiteState = pgTable(
  "metric_site_state",
  {
    centreId: integer("centre_id").notNull(),
    studyId: integer("study_id").notNull(),
    lastEnrolledOn: date("last_enrolled_on", { mode: "string" }),
    openQueries: integer("open_queries").notNull().default(0),
    answeredQueries: integer("answered_queries").notNull().default(0),
    oldestUnclosedAt: timestamp("oldest_unclosed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ name: "metric_site_state_pk", columns: [t.centreId, t.studyId] })],
);

/** One row: the time zone whose days the timestamp facts (queries, specimens) are counted in. */
export const metricSettings = pgTable(
  "metric_settings",
  {
    id: smallint("id").primaryKey().default(1),
    zone: text("zone").notNull(),
  },
  (t) => [check("metric_settings_one_ck", sql`${t.id} = 1`)],
);

export type MetricFact = typeof metricFacts.$inferSelect;
