/**
 * Biomarker eligibility of studies, and invitations to screening made from biomarker matches.
 *
 * `biomarker_criteria`: the structured biomarker criteria of one protocol version (copied to a new
 * version on amendment, like eligibility_criteria). A patient matches a study when ANY of the
 * version's criteria is met by their latest reported results (lib/molecular/criteria.ts). One row per
 * criterion, `code` B1, B2 … in `ordinal` order, `kind` says which columns are used:
 *   gene_variant      gene + variant_types (null = any non-fusion type) + significance (max_tier for
 *                     somatic: tier_i or tier_ii; min_germline_class for germline: pathogenic or
 *                     likely_pathogenic; null = that origin does not count) + optional min_vaf (0..1)
 *   specific_variant  gene + hgvs_p (normalised three-letter, e.g. p.Leu858Arg) + optional min_vaf
 *   fusion            gene + partner_gene (null = either partner is `gene`)
 *   tmb / pdl1_tps / pdl1_cps   min_value (mut/Mb, %, score): value >= min_value
 *   msi_high          no columns: MSI status msi_h
 *   her2              her2_rule: ihc_3plus, or ihc_3plus_or_2plus_ish (2+ with an ERBB2 amplification)
 * Seed example: { kind: "specific_variant", gene: "EGFR", hgvsP: "p.Leu858Arg" } or
 * { kind: "gene_variant", gene: "EGFR", variantTypes: ["snv", "deletion", "insertion", "delins"], maxTier: "tier_ii" }.
 *
 * `screening_invitations`: one participant or biobank donor (by id: pseudonymous; exactly one of
 * participant_id / donor_id) invited to screening for another study at one of its sites, with the
 * criteria matched and their evidence; once per (person, study). The screening the site then records
 * points back at it (screenings.invitation_id): that is how an invitation counts as screened.
 *
 * `biomarker_match_notices`: the matches a site has been told about (once per person and study),
 * and `biomarker_match_sweeps`: the (study, protocol version) whose matches were announced when it
 * recruits with biomarker criteria (lib/molecular/match-notices.ts).
 */
import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { BIOMARKER_CRITERION_KINDS, HER2_RULES } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { donors } from "@/db/schema/biobank";
import { participants } from "@/db/schema/enrolment";
import { germlineClass, somaticTier } from "@/db/schema/molecular";
import { organisations } from "@/db/schema/network";
import { users } from "@/db/schema/people";
import { protocolVersions, studies, studySites } from "@/db/schema/studies";

export const biomarkerCriterionKind = pgEnum("biomarker_criterion_kind", BIOMARKER_CRITERION_KINDS);
export const her2Rule = pgEnum("her2_rule", HER2_RULES);

export const biomarkerCriteria = pgTable(
  "biomarker_criteria",
  {
    id: serial("id").primaryKey(),
    protocolVersionId: integer("protocol_version_id").notNull().references(() => protocolVersions.id),
    ordinal: integer("ordinal").notNull(),
    code: text("code").notNull(),
    kind: biomarkerCriterionKind("kind").notNull(),
    gene: text("gene"),
    partnerGene: text("partner_gene"),
    variantTypes: text("variant_types").array(),
    hgvsP: text("hgvs_p"),
    maxTier: somaticTier("max_tier"),
    minGermlineClass: germlineClass("min_germline_class"),
    minVaf: numeric("min_vaf", { precision: 5, scale: 4 }),
    minValue: numeric("min_value", { precision: 8, scale: 2 }),
    her2Rule: her2Rule("her2_rule"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    unique("biomarker_criteria_version_code_uq").on(t.protocolVersionId, t.code),
    check("biomarker_criteria_vaf_ck", sql`${t.minVaf} is null or ${t.minVaf} between 0 and 1`),
    check("biomarker_criteria_gene_ck", sql`(${t.kind} in ('gene_variant', 'specific_variant', 'fusion')) = (${t.gene} is not null)`),
    check("biomarker_criteria_hgvs_ck", sql`(${t.kind} = 'specific_variant') = (${t.hgvsP} is not null)`),
    check("biomarker_criteria_value_ck", sql`(${t.kind} in ('tmb', 'pdl1_tps', 'pdl1_cps')) = (${t.minValue} is not null)`),
    check("biomarker_criteria_her2_ck", sql`(${t.kind} = 'her2') = (${t.her2Rule} is not null)`),
  ],
);

export const screeningInvitations = pgTable(
  "screening_invitations",
  {
    id: serial("id").primaryKey(),
    participantId: integer("participant_id").references(() => participants.id),
    donorId: integer("donor_id").references(() => donors.id),
    studyId: integer("study_id").notNull().references(() => studies.id),
    /** The study site the patient is invited to (their own centre's, or the nearest participating one). */
    siteId: integer("site_id").notNull().references(() => studySites.id),
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    protocolVersion: integer("protocol_version").notNull(),
    /** Codes of the biomarker criteria met (B1 …). */
    criterionCodes: text("criterion_codes").array().notNull(),
    /** Per criterion: what met it (gene, variant, VAF, value…), as shown on the match list. */
    evidence: jsonb("evidence").$type<Record<string, unknown>[]>().notNull(),
    invitedOn: date("invited_on", { mode: "string" }).notNull(),
    invitedBy: integer("invited_by").notNull().references(() => users.id),
    requestKey: text("request_key"),
    ...timestamps,
  },
  (t) => [
    unique("screening_invitations_participant_study_uq").on(t.participantId, t.studyId),
    unique("screening_invitations_donor_study_uq").on(t.donorId, t.studyId),
    check("screening_invitations_owner_ck", sql`(${t.participantId} is null) <> (${t.donorId} is null)`),
    unique("screening_invitations_request_key_uq").on(t.requestKey),
    index("screening_invitations_study_idx").on(t.studyId, t.centreId),
  ],
);

export const biomarkerMatchNotices = pgTable(
  "biomarker_match_notices",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id").notNull().references(() => studies.id),
    participantId: integer("participant_id").references(() => participants.id),
    donorId: integer("donor_id").references(() => donors.id),
    /** The person's centre when told (whose site staff were told). */
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    unique("biomarker_match_notices_participant_uq").on(t.studyId, t.participantId),
    unique("biomarker_match_notices_donor_uq").on(t.studyId, t.donorId),
    check("biomarker_match_notices_owner_ck", sql`(${t.participantId} is null) <> (${t.donorId} is null)`),
  ],
);

export const biomarkerMatchSweeps = pgTable(
  "biomarker_match_sweeps",
  {
    studyId: integer("study_id").notNull().references(() => studies.id),
    protocolVersion: integer("protocol_version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.protocolVersion] })],
);

export type BiomarkerCriterionRow = typeof biomarkerCriteria.$inferSelect;
export type ScreeningInvitation = typeof screeningInvitations.$inferSelect;
