import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { CRITERION_KINDS, RANDOMIZATION_METHODS, RESEARCH_AREAS, STUDY_BLINDINGS, STUDY_DESIGNS, STUDY_PHASES, STUDY_SITE_STATUSES, STUDY_STATUSES, STUDY_TEAM_ROLES } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { organisations } from "@/db/schema/network";
import { users } from "@/db/schema/people";

export const studyPhase = pgEnum("study_phase", STUDY_PHASES);
export const studyDesign = pgEnum("study_design", STUDY_DESIGNS);
export const researchArea = pgEnum("research_area", RESEARCH_AREAS);
export const studyStatus = pgEnum("study_status", STUDY_STATUSES);
export const studyBlinding = pgEnum("study_blinding", STUDY_BLINDINGS);
export const randomizationMethod = pgEnum("randomization_method", RANDOMIZATION_METHODS);
export const criterionKind = pgEnum("criterion_kind", CRITERION_KINDS);
export const studySiteStatus = pgEnum("study_site_status", STUDY_SITE_STATUSES);
export const studyTeamRole = pgEnum("study_team_role", STUDY_TEAM_ROLES);

/** Ordinal, code and bilingual names: the shape shared by arms, factors and levels (fresh builders per table). */
const orderedCodeAndNames = () => ({
  ordinal: integer("ordinal").notNull(),
  code: text("code").notNull(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
});

export const studies = pgTable(
  "studies",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    registryNo: text("registry_no"),
    phase: studyPhase("phase").notNull(),
    design: studyDesign("design").notNull(),
    area: researchArea("area").notNull(),
    leadCentreId: integer("lead_centre_id").notNull().references(() => organisations.id),
    piUserId: integer("pi_user_id").notNull().references(() => users.id),
    targetEnrolment: integer("target_enrolment").notNull(),
    plannedStart: date("planned_start", { mode: "string" }),
    plannedEnd: date("planned_end", { mode: "string" }),
    status: studyStatus("status").notNull().default("draft"),
    /** Randomized designs only; null otherwise. */
    blinding: studyBlinding("blinding"),
    randomizationMethod: randomizationMethod("randomization_method"),
    siteIsStratum: boolean("site_is_stratum").notNull().default(false),
    /** The protocol version in force (protocol_versions.version for this study). */
    currentProtocolVersion: integer("current_protocol_version").notNull().default(1),
    ethicsApprovalDate: date("ethics_approval_date", { mode: "string" }),
    ethicsRef: text("ethics_ref"),
    /** Set when the study first enters recruiting; from then on protocol changes are amendments. */
    recruitingStartedAt: timestamp("recruiting_started_at", { withTimezone: true, mode: "date" }),
    /** Study-wide enrolled count, maintained by enrolment under a lock on this row (overall cap). */
    enrolledCount: integer("enrolled_count").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    check("studies_code_ck", sql`${t.code} ~ '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$'`),
    check("studies_target_ck", sql`${t.targetEnrolment} > 0`),
    check("studies_enrolled_ck", sql`${t.enrolledCount} >= 0`),
    check("studies_dates_ck", sql`${t.plannedEnd} is null or ${t.plannedStart} is null or ${t.plannedEnd} >= ${t.plannedStart}`),
    index("studies_pi_idx").on(t.piUserId),
    index("studies_lead_centre_idx").on(t.leadCentreId),
    index("studies_status_idx").on(t.status),
  ],
);

/** Version 1 is created with the study; later versions are amendments. Never deleted. */
export const protocolVersions = pgTable(
  "protocol_versions",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    version: integer("version").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    /** Overall target in force under this version. */
    targetEnrolment: integer("target_enrolment").notNull(),
    /** What this version changed compared to the previous one (field names → before/after). */
    changes: jsonb("changes"),
    createdBy: integer("created_by").notNull().references(() => users.id),
    ...timestamps,
  },
  (t) => [unique("protocol_versions_study_version_uq").on(t.studyId, t.version), check("protocol_versions_version_ck", sql`${t.version} >= 1`)],
);

export const studyArms = pgTable(
  "study_arms",
  {
    id: serial("id").primaryKey(),
    protocolVersionId: integer("protocol_version_id").notNull().references(() => protocolVersions.id),
    ...orderedCodeAndNames(),
    ratio: integer("ratio").notNull(),
    ...timestamps,
  },
  (t) => [unique("study_arms_version_code_uq").on(t.protocolVersionId, t.code), check("study_arms_ratio_ck", sql`${t.ratio} between 1 and 20`)],
);

export const stratFactors = pgTable(
  "strat_factors",
  {
    id: serial("id").primaryKey(),
    protocolVersionId: integer("protocol_version_id").notNull().references(() => protocolVersions.id),
    ...orderedCodeAndNames(),
    ...timestamps,
  },
  (t) => [unique("strat_factors_version_code_uq").on(t.protocolVersionId, t.code)],
);

export const stratLevels = pgTable(
  "strat_levels",
  {
    id: serial("id").primaryKey(),
    factorId: integer("factor_id").notNull().references(() => stratFactors.id),
    ...orderedCodeAndNames(),
    ...timestamps,
  },
  (t) => [unique("strat_levels_factor_code_uq").on(t.factorId, t.code)],
);

/** Each answered yes/no at screening; `code` (I1, E2 …) is the coded screen-failure reason. */
export const eligibilityCriteria = pgTable(
  "eligibility_criteria",
  {
    id: serial("id").primaryKey(),
    protocolVersionId: integer("protocol_version_id").notNull().references(() => protocolVersions.id),
    kind: criterionKind("kind").notNull(),
    ordinal: integer("ordinal").notNull(),
    code: text("code").notNull(),
    textZh: text("text_zh").notNull(),
    textEn: text("text_en").notNull(),
    ...timestamps,
  },
  (t) => [unique("eligibility_criteria_version_code_uq").on(t.protocolVersionId, t.code)],
);

export const consentVersions = pgTable(
  "consent_versions",
  {
    id: serial("id").primaryKey(),
    protocolVersionId: integer("protocol_version_id").notNull().references(() => protocolVersions.id),
    label: text("label").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    ...timestamps,
  },
  (t) => [unique("consent_versions_version_label_uq").on(t.protocolVersionId, t.label)],
);

export const studySites = pgTable(
  "study_sites",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    target: integer("target").notNull(),
    sitePiUserId: integer("site_pi_user_id").references(() => users.id),
    ethicsApprovalDate: date("ethics_approval_date", { mode: "string" }),
    status: studySiteStatus("status").notNull().default("pending"),
    allowOverEnrolment: boolean("allow_over_enrolment").notNull().default(false),
    /** Maintained by enrolment under a lock on this row (site cap). */
    enrolledCount: integer("enrolled_count").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    unique("study_sites_study_centre_uq").on(t.studyId, t.centreId),
    index("study_sites_centre_idx").on(t.centreId),
    check("study_sites_target_ck", sql`${t.target} >= 0`),
    check("study_sites_enrolled_ck", sql`${t.enrolledCount} >= 0`),
  ],
);

/** Membership ends by setting removed_at (kept for the record); re-adding clears it. */
export const studyTeam = pgTable(
  "study_team",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    userId: integer("user_id").notNull().references(() => users.id),
    studyRole: studyTeamRole("study_role").notNull(),
    centreId: integer("centre_id").references(() => organisations.id),
    removedAt: timestamp("removed_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [unique("study_team_study_user_role_uq").on(t.studyId, t.userId, t.studyRole), index("study_team_user_idx").on(t.userId)],
);

export type Study = typeof studies.$inferSelect;
export type StudySite = typeof studySites.$inferSelect;
export type ProtocolVersion = typeof protocolVersions.$inferSelect;
export type StudyStatus = (typeof studyStatus.enumValues)[number];
export type StudyPhase = (typeof studyPhase.enumValues)[number];
export type StudyDesign = (typeof studyDesign.enumValues)[number];
export type ResearchArea = (typeof researchArea.enumValues)[number];
export type StudySiteStatus = (typeof studySiteStatus.enumValues)[number];
export type StudyTeamRole = (typeof studyTeamRole.enumValues)[number];
export type CriterionKind = (typeof criterionKind.enumValues)[number];
