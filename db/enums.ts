/**
 * Every stored code list, defined once. The drizzle schema (db/schema/*.ts) builds its pgEnums
 * from these arrays, and lib/enums.ts re-exports them for the browser: this file imports
 * nothing (no drizzle, no server code), so a client component may use it through lib/enums.
 * The order is the order of the database enum (a migration follows any change here).
 */

// network
export const ORG_LEVELS = ["hub", "sub_centre", "regional_centre", "grassroots"] as const;

// people
export const NETWORK_ROLES = ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer", "molecular_lab"] as const;

// studies
export const STUDY_PHASES = ["I", "I_II", "II", "III", "IV", "not_applicable"] as const;
export const STUDY_DESIGNS = ["observational", "single_arm", "randomized"] as const;
export const RESEARCH_AREAS = [
  "clinical_oncology",
  "cancer_epidemiology",
  "cancer_biology",
  "cancer_pharmacy",
  "cancer_immunology",
  "new_cancer_technology",
] as const;
export const STUDY_STATUSES = ["draft", "ethics_review", "recruiting", "suspended", "closed_to_accrual", "completed"] as const;
export const STUDY_BLINDINGS = ["open", "blinded"] as const;
export const RANDOMIZATION_METHODS = ["permuted_blocks", "minimization"] as const;
export const CRITERION_KINDS = ["inclusion", "exclusion"] as const;
export const STUDY_SITE_STATUSES = ["pending", "active", "suspended", "closed"] as const;
export const STUDY_TEAM_ROLES = ["pi", "co_investigator", "site_pi", "monitor", "data_manager"] as const;

// enrolment
export const SCREENING_OUTCOMES = ["eligible", "screen_failed"] as const;
export const PARTICIPANT_SEXES = ["female", "male"] as const;
export const PARTICIPANT_STATUSES = ["enrolled", "withdrawn", "completed"] as const;
export const WITHDRAWAL_REASONS = [
  "consent_withdrawn",
  "adverse_event",
  "lost_to_follow_up",
  "protocol_deviation",
  "investigator_decision",
  "death",
  "other",
] as const;

// follow-up
export const VISIT_STATUSES = ["expected", "done", "missed"] as const;
export const TUMOUR_RESPONSES = ["CR", "PR", "SD", "PD", "NE"] as const;
export const AE_CATEGORIES = [
  "blood_lymphatic",
  "cardiac",
  "gastrointestinal",
  "general",
  "hepatobiliary",
  "infection",
  "investigations",
  "metabolism_nutrition",
  "musculoskeletal",
  "nervous_system",
  "renal_urinary",
  "respiratory",
  "skin",
  "vascular",
  "other",
] as const;
export const AE_RELATEDNESS = ["not_related", "unlikely", "possible", "probable", "definite"] as const;
export const AE_ACTIONS = ["none", "dose_reduced", "interrupted", "withdrawn", "not_applicable"] as const;
export const AE_OUTCOMES = ["recovered", "recovering", "not_recovered", "recovered_with_sequelae", "fatal", "unknown"] as const;
/** The codes stored in adverse_events.serious_criteria (a text[] column: any one makes the event serious). */
export const AE_SERIOUS_CRITERIA = ["death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly", "other_important"] as const;
/** Records that carry a reason-for-change history, queries and SDV marks. */
export const CLINICAL_ENTITIES = ["participant", "visit", "adverse_event", "crf_form"] as const;
export const QUERY_STATUSES = ["open", "answered", "closed"] as const;
export const QUERY_EVENT_KINDS = ["raised", "answered", "closed", "reopened"] as const;

// notifications
/** What a notification is about (its link opens it): a clinical record, or a query. */
export const NOTIFICATION_ENTITIES = ["participant", "visit", "adverse_event", "query", "study"] as const;
export const NOTIFICATION_KINDS = ["sae_reported", "sae_followup_due", "query_raised", "query_answered", "query_reopened", "visit_overdue", "biomarker_match", "biomarker_matches"] as const;
/** A notification's e-mail: waiting (or waiting to retry), sent, given up after the last attempt, or not sent (recipient disabled since). */
export const MAIL_STATUSES = ["pending", "sent", "failed", "skipped"] as const;

// biobank
export const SPECIMEN_CATEGORIES = ["tissue", "blood", "body_fluid"] as const;
export const SPECIMEN_TYPES = ["ffpe_block", "fresh_frozen", "whole_blood", "plasma", "serum", "buffy_coat", "urine", "ascites", "pleural_effusion", "csf"] as const;
/**
 * "missing" and "quarantined" are reached only from in_transit, when a receipt notes a specimen
 * as not arrived or arrived damaged (quarantined until a manager reviews it).
 */
export const SPECIMEN_STATUSES = ["available", "reserved", "in_transit", "missing", "quarantined", "depleted", "distributed", "destroyed"] as const;
export const SPECIMEN_UNITS = ["ml", "mg", "block"] as const;
export const FUTURE_CONSENTS = ["yes", "no", "limited"] as const;
export const TRANSFER_STATUSES = ["created", "in_transit", "received"] as const;
export const TRANSFER_OUTCOMES = ["pending", "received", "missing", "damaged"] as const;
export const RELEASE_STATUSES = ["pending", "approved", "rejected"] as const;
export const CUSTODY_EVENTS = [
  "collected",
  "stored",
  "removed",
  "shipped",
  "received",
  "missing",
  "damaged",
  "aliquoted",
  "reserved",
  "released",
  "status_changed",
] as const;

// molecular diagnostics
export const MOLECULAR_TEST_KINDS = ["ngs_panel", "biochip", "ihc", "fish", "msi", "tmb"] as const;
/** ordered -> received -> in_analysis -> reported; failed (with a reason) from any step before reported. */
export const MOLECULAR_ORDER_STATUSES = ["ordered", "received", "in_analysis", "reported", "failed"] as const;
export const VARIANT_ORIGINS = ["somatic", "germline"] as const;
export const VARIANT_TYPES = ["snv", "mnv", "insertion", "deletion", "delins", "duplication", "fusion", "amplification", "loss"] as const;
/** AMP/ASCO/CAP 2017 tiers of somatic variants. */
export const SOMATIC_TIERS = ["tier_i", "tier_ii", "tier_iii", "tier_iv"] as const;
/** ACMG/AMP 2015 classes of germline variants. */
export const GERMLINE_CLASSES = ["pathogenic", "likely_pathogenic", "uncertain_significance", "likely_benign", "benign"] as const;
export const BIOMARKER_KINDS = ["tmb", "msi", "pdl1_tps", "pdl1_cps", "her2_ihc"] as const;
/** Kinds of a study's structured biomarker criterion (lib/molecular/criteria.ts). */
export const BIOMARKER_CRITERION_KINDS = ["gene_variant", "specific_variant", "fusion", "tmb", "msi_high", "pdl1_tps", "pdl1_cps", "her2"] as const;
/** HER2 criterion: IHC 3+ only, or IHC 3+ or 2+ with ISH positive (an ERBB2 amplification). */
export const HER2_RULES = ["ihc_3plus", "ihc_3plus_or_2plus_ish"] as const;

type Of<T extends readonly string[]> = T[number];

export type OrgLevel = Of<typeof ORG_LEVELS>;
export type NetworkRole = Of<typeof NETWORK_ROLES>;
export type StudyPhase = Of<typeof STUDY_PHASES>;
export type StudyDesign = Of<typeof STUDY_DESIGNS>;
export type ResearchArea = Of<typeof RESEARCH_AREAS>;
export type StudyStatus = Of<typeof STUDY_STATUSES>;
export type StudyBlinding = Of<typeof STUDY_BLINDINGS>;
export type RandomizationMethod = Of<typeof RANDOMIZATION_METHODS>;
export type CriterionKind = Of<typeof CRITERION_KINDS>;
export type StudySiteStatus = Of<typeof STUDY_SITE_STATUSES>;
export type StudyTeamRole = Of<typeof STUDY_TEAM_ROLES>;
export type ScreeningOutcome = Of<typeof SCREENING_OUTCOMES>;
export type ParticipantSex = Of<typeof PARTICIPANT_SEXES>;
export type ParticipantStatus = Of<typeof PARTICIPANT_STATUSES>;
export type WithdrawalReason = Of<typeof WITHDRAWAL_REASONS>;
export type VisitStatus = Of<typeof VISIT_STATUSES>;
export type TumourResponse = Of<typeof TUMOUR_RESPONSES>;
export type AeCategory = Of<typeof AE_CATEGORIES>;
export type AeRelatedness = Of<typeof AE_RELATEDNESS>;
export type AeAction = Of<typeof AE_ACTIONS>;
export type AeOutcome = Of<typeof AE_OUTCOMES>;
export type AeSeriousCriterion = Of<typeof AE_SERIOUS_CRITERIA>;
export type ClinicalEntity = Of<typeof CLINICAL_ENTITIES>;
export type QueryStatus = Of<typeof QUERY_STATUSES>;
export type QueryEventKind = Of<typeof QUERY_EVENT_KINDS>;
export type NotificationEntity = Of<typeof NOTIFICATION_ENTITIES>;
export type NotificationKind = Of<typeof NOTIFICATION_KINDS>;
export type MailStatus = Of<typeof MAIL_STATUSES>;
export type SpecimenCategory = Of<typeof SPECIMEN_CATEGORIES>;
export type SpecimenType = Of<typeof SPECIMEN_TYPES>;
export type SpecimenStatus = Of<typeof SPECIMEN_STATUSES>;
export type SpecimenUnit = Of<typeof SPECIMEN_UNITS>;
export type FutureConsent = Of<typeof FUTURE_CONSENTS>;
export type TransferStatus = Of<typeof TRANSFER_STATUSES>;
export type TransferOutcome = Of<typeof TRANSFER_OUTCOMES>;
export type ReleaseStatus = Of<typeof RELEASE_STATUSES>;
export type CustodyEvent = Of<typeof CUSTODY_EVENTS>;
export type MolecularTestKind = Of<typeof MOLECULAR_TEST_KINDS>;
export type MolecularOrderStatus = Of<typeof MOLECULAR_ORDER_STATUSES>;
export type VariantOrigin = Of<typeof VARIANT_ORIGINS>;
export type VariantType = Of<typeof VARIANT_TYPES>;
export type SomaticTier = Of<typeof SOMATIC_TIERS>;
export type GermlineClass = Of<typeof GERMLINE_CLASSES>;
export type BiomarkerKind = Of<typeof BIOMARKER_KINDS>;
export type BiomarkerCriterionKind = Of<typeof BIOMARKER_CRITERION_KINDS>;
export type Her2Rule = Of<typeof HER2_RULES>;

// Case report forms (lib/crf).
/** scheduled = one of the protocol's visits; unscheduled = a visit outside the schedule; log = study-wide (concomitant medications …). */
export const CRF_EVENT_KINDS = ["scheduled", "unscheduled", "log"] as const;
/** The item types of a form (the REDCap field types the model covers; truefalse is a yes/no shown as true/false). */
export const CRF_ITEM_TYPES = ["text", "longtext", "integer", "decimal", "date", "datetime", "time", "yesno", "truefalse", "radio", "dropdown", "checkbox", "calc", "descriptive", "slider"] as const;
/** Validation types of a text item, as REDCap names them (mobile_cn: a mainland Chinese mobile number). */
export const CRF_VALIDATION_TYPES = [
  "integer",
  "number",
  "number_1dp",
  "number_2dp",
  "number_3dp",
  "number_4dp",
  "date_ymd",
  "date_mdy",
  "date_dmy",
  "datetime_ymd",
  "datetime_mdy",
  "datetime_dmy",
  "datetime_seconds_ymd",
  "datetime_seconds_mdy",
  "datetime_seconds_dmy",
  "time",
  "time_mm_ss",
  "email",
  "phone",
  "mobile_cn",
  "zipcode",
  "alpha_only",
] as const;
/** Standard missing-data codes an item may allow: not done, unknown, not applicable. */
export const CRF_MISSING_CODES = ["ND", "UNK", "NA"] as const;
export const CRF_FORM_INSTANCE_STATUSES = ["in_progress", "complete", "verified"] as const;
export type CrfEventKind = Of<typeof CRF_EVENT_KINDS>;
export type CrfItemType = Of<typeof CRF_ITEM_TYPES>;
export type CrfValidationType = Of<typeof CRF_VALIDATION_TYPES>;
export type CrfMissingCode = Of<typeof CRF_MISSING_CODES>;
export type CrfFormInstanceStatus = Of<typeof CRF_FORM_INSTANCE_STATUSES>;

// REST API personal access tokens (lib/api)
export const API_TOKEN_ACCESS = ["read", "read_write"] as const;
export type ApiTokenAccess = Of<typeof API_TOKEN_ACCESS>;
