import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, serial, smallint, text, timestamp, unique, type AnyPgColumn } from "drizzle-orm/pg-core";
import { PARTICIPANT_SEXES, PARTICIPANT_STATUSES, SCREENING_OUTCOMES, WITHDRAWAL_REASONS } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { organisations } from "@/db/schema/network";
import { screeningInvitations } from "@/db/schema/molecular-criteria";
import { users } from "@/db/schema/people";
import { consentVersions, studies, studyArms, studySites } from "@/db/schema/studies";

export const screeningOutcome = pgEnum("screening_outcome", SCREENING_OUTCOMES);
export const participantSex = pgEnum("participant_sex", PARTICIPANT_SEXES);
export const participantStatus = pgEnum("participant_status", PARTICIPANT_STATUSES);
export const withdrawalReason = pgEnum("withdrawal_reason", WITHDRAWAL_REASONS);

/** One patient assessed against the criteria of the protocol version in force at a site. */
export const screenings = pgTable(
  "screenings",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    siteId: integer("site_id").notNull().references(() => studySites.id),
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    protocolVersion: integer("protocol_version").notNull(),
    screenedOn: date("screened_on", { mode: "string" }).notNull(),
    outcome: screeningOutcome("outcome").notNull(),
    /** Codes of the criteria that failed (I2 = inclusion not met, E1 = exclusion present). */
    failedCodes: text("failed_codes").array().notNull().default(sql`'{}'::text[]`),
    /** criterion code -> answer (true = met / present). */
    answers: jsonb("answers").$type<Record<string, boolean>>().notNull(),
    screenedBy: integer("screened_by").references(() => users.id),
    /** The invitation to screening from a biomarker match this screening answers (lib/molecular), if any: once. */
    invitationId: integer("invitation_id")
      .references((): AnyPgColumn => screeningInvitations.id)
      .unique("screenings_invitation_uq"),
    ...timestamps,
  },
  (t) => [
    index("screenings_study_site_idx").on(t.studyId, t.siteId, t.screenedOn),
    index("screenings_centre_idx").on(t.centreId),
    check("screenings_outcome_ck", sql`(${t.outcome} = 'eligible') = (cardinality(${t.failedCodes}) = 0)`),
  ],
);

/**
 * An enrolled patient, known only by the subject code. `enrolSiteId`/`seq` never change (the
 * code stays on transfer); `siteId`/`centreId` follow transfers.
 */
export const participants = pgTable(
  "participants",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    screeningId: integer("screening_id").notNull().references(() => screenings.id),
    enrolSiteId: integer("enrol_site_id").notNull().references(() => studySites.id),
    siteId: integer("site_id").notNull().references(() => studySites.id),
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    seq: integer("seq").notNull(),
    subjectCode: text("subject_code").notNull(),
    /** HMAC-SHA256 (hex) of the normalised national ID; the number itself is never stored. */
    nationalIdHash: text("national_id_hash").notNull(),
    /** The same person is enrolled in another study: shown to the PI. */
    inOtherStudy: boolean("in_other_study").notNull().default(false),
    yearOfBirth: smallint("year_of_birth").notNull(),
    sex: participantSex("sex").notNull(),
    consentVersionId: integer("consent_version_id").notNull().references(() => consentVersions.id),
    consentDate: date("consent_date", { mode: "string" }).notNull(),
    specimensFutureUse: boolean("specimens_future_use").notNull().default(false),
    enrolledOn: date("enrolled_on", { mode: "string" }).notNull(),
    enrolledBy: integer("enrolled_by").references(() => users.id),
    /** factor code -> level code, as recorded at enrolment. */
    strata: jsonb("strata").$type<Record<string, string>>().notNull().default({}),
    status: participantStatus("status").notNull().default("enrolled"),
    withdrawnOn: date("withdrawn_on", { mode: "string" }),
    withdrawalReason: withdrawalReason("withdrawal_reason"),
    /** Client-generated key of the enrol request: a retried or double submit enrols once. */
    requestKey: text("request_key"),
    ...timestamps,
  },
  (t) => [
    unique("participants_subject_code_uq").on(t.subjectCode),
    unique("participants_study_person_uq").on(t.studyId, t.nationalIdHash),
    unique("participants_study_site_seq_uq").on(t.studyId, t.enrolSiteId, t.seq),
    unique("participants_screening_uq").on(t.screeningId),
    unique("participants_request_key_uq").on(t.requestKey),
    index("participants_site_idx").on(t.siteId),
    index("participants_centre_idx").on(t.centreId),
    index("participants_person_idx").on(t.nationalIdHash),
    check("participants_seq_ck", sql`${t.seq} >= 1`),
    check("participants_consent_ck", sql`${t.consentDate} <= ${t.enrolledOn}`),
    check("participants_withdrawn_ck", sql`(${t.status} = 'withdrawn') = (${t.withdrawnOn} is not null and ${t.withdrawalReason} is not null)`),
  ],
);

/**
 * The stored allocation lists. Permuted-block entries are generated (crypto) per stratum before
 * they are needed; minimization writes its entry at the moment of assignment. An entry is used
 * at most once and never changes afterwards. Data-layer reads only reach entries through
 * participant_id (assigned ones): see lib/queries/allocation-concealment.test.ts.
 */
export const allocationEntries = pgTable(
  "allocation_entries",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    stratumKey: text("stratum_key").notNull(),
    position: integer("position").notNull(),
    blockNo: integer("block_no").notNull(),
    blockSize: integer("block_size").notNull(),
    armId: integer("arm_id").notNull().references(() => studyArms.id),
    participantId: integer("participant_id").references(() => participants.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    unique("allocation_entries_stratum_position_uq").on(t.studyId, t.stratumKey, t.position),
    unique("allocation_entries_participant_uq").on(t.participantId),
    check("allocation_entries_assigned_ck", sql`(${t.participantId} is null) = (${t.assignedAt} is null)`),
  ],
);

export const participantTransfers = pgTable(
  "participant_transfers",
  {
    id: serial("id").primaryKey(),
    participantId: integer("participant_id").notNull().references(() => participants.id),
    studyId: integer("study_id").notNull().references(() => studies.id),
    fromSiteId: integer("from_site_id").notNull().references(() => studySites.id),
    toSiteId: integer("to_site_id").notNull().references(() => studySites.id),
    fromCentreId: integer("from_centre_id").notNull().references(() => organisations.id),
    toCentreId: integer("to_centre_id").notNull().references(() => organisations.id),
    transferredOn: date("transferred_on", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    transferredBy: integer("transferred_by").references(() => users.id),
    ...timestamps,
  },
  (t) => [index("participant_transfers_participant_idx").on(t.participantId), check("participant_transfers_sites_ck", sql`${t.fromSiteId} <> ${t.toSiteId}`)],
);

/** Emergency unblinding of one participant in a blinded study: who, when, why. */
export const unblindings = pgTable(
  "unblindings",
  {
    id: serial("id").primaryKey(),
    participantId: integer("participant_id").notNull().references(() => participants.id),
    studyId: integer("study_id").notNull().references(() => studies.id),
    reason: text("reason").notNull(),
    unblindedBy: integer("unblinded_by").notNull().references(() => users.id),
    ...timestamps,
  },
  (t) => [index("unblindings_participant_idx").on(t.participantId)],
);

export type Screening = typeof screenings.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type ParticipantStatus = (typeof participantStatus.enumValues)[number];
export type WithdrawalReason = (typeof withdrawalReason.enumValues)[number];
export type ParticipantSex = (typeof participantSex.enumValues)[number];
