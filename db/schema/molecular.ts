import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, numeric, pgEnum, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { BIOMARKER_KINDS, GERMLINE_CLASSES, MOLECULAR_ORDER_STATUSES, MOLECULAR_TEST_KINDS, SOMATIC_TIERS, VARIANT_ORIGINS, VARIANT_TYPES } from "@/db/enums";
import { donors, specimens } from "@/db/schema/biobank";
import { timestamps } from "@/db/schema/columns";
import { participants } from "@/db/schema/enrolment";
import { organisations } from "@/db/schema/network";
import { users } from "@/db/schema/people";
import { studies } from "@/db/schema/studies";

export const molecularTestKind = pgEnum("molecular_test_kind", MOLECULAR_TEST_KINDS);
export const molecularOrderStatus = pgEnum("molecular_order_status", MOLECULAR_ORDER_STATUSES);
export const variantOrigin = pgEnum("variant_origin", VARIANT_ORIGINS);
export const variantType = pgEnum("variant_type", VARIANT_TYPES);
export const somaticTier = pgEnum("somatic_tier", SOMATIC_TIERS);
export const germlineClass = pgEnum("germline_class", GERMLINE_CLASSES);
export const biomarkerKind = pgEnum("biomarker_kind", BIOMARKER_KINDS);

/**
 * A molecular test ordered on a specimen and run by a lab (a centre with molecular lab staff). The
 * specimen's owner is a participant (then the order carries the participant's study) or a biobank
 * donor (no study): exactly one of participant_id / donor_id. Days are the network's days; the
 * turnaround is counted when the report is issued.
 */
export const molecularOrders = pgTable(
  "molecular_orders",
  {
    id: serial("id").primaryKey(),
    specimenId: integer("specimen_id").notNull().references(() => specimens.id),
    participantId: integer("participant_id").references(() => participants.id),
    donorId: integer("donor_id").references(() => donors.id),
    /** The participant's study; null for a donor's specimen. */
    studyId: integer("study_id").references(() => studies.id),
    labCentreId: integer("lab_centre_id").notNull().references(() => organisations.id),
    testKind: molecularTestKind("test_kind").notNull(),
    origin: variantOrigin("origin").notNull(),
    status: molecularOrderStatus("status").notNull().default("ordered"),
    orderedBy: integer("ordered_by").notNull().references(() => users.id),
    orderedOn: date("ordered_on").notNull(),
    receivedOn: date("received_on"),
    analysisOn: date("analysis_on"),
    reportedOn: date("reported_on"),
    failedOn: date("failed_on"),
    failureReason: text("failure_reason"),
    tumourContentPct: numeric("tumour_content_pct", { precision: 5, scale: 2 }),
    meanDepth: integer("mean_depth"),
    coveragePct: numeric("coverage_pct", { precision: 5, scale: 2 }),
    turnaroundDays: integer("turnaround_days"),
    /** When the results (variants, biomarkers) were imported: once per order. */
    resultsAt: timestamp("results_at", { withTimezone: true, mode: "date" }),
    /** A germline pathogenic / likely pathogenic variant in a hereditary cancer gene. */
    hereditaryRisk: boolean("hereditary_risk").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    check("molecular_orders_failed_ck", sql`(${t.status} = 'failed') = (${t.failureReason} is not null)`),
    check("molecular_orders_reported_ck", sql`${t.status} <> 'reported' or (${t.reportedOn} is not null and ${t.turnaroundDays} is not null)`),
    check("molecular_orders_pct_ck", sql`(${t.tumourContentPct} is null or ${t.tumourContentPct} between 0 and 100) and (${t.coveragePct} is null or ${t.coveragePct} between 0 and 100)`),
    check("molecular_orders_owner_ck", sql`(${t.participantId} is null) <> (${t.donorId} is null)`),
    check("molecular_orders_study_ck", sql`(${t.participantId} is null) = (${t.studyId} is null)`),
    index("molecular_orders_participant_idx").on(t.participantId),
    index("molecular_orders_donor_idx").on(t.donorId),
    index("molecular_orders_lab_status_idx").on(t.labCentreId, t.status),
    index("molecular_orders_specimen_idx").on(t.specimenId),
  ],
);

/** One variant of a result (a multi-allelic VCF record gives one row per alternate allele). */
export const molecularVariants = pgTable(
  "molecular_variants",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id").notNull().references(() => molecularOrders.id),
    /** The line of the imported file it came from. */
    line: integer("line").notNull(),
    gene: text("gene").notNull(),
    /** The 5' partner of a fusion (gene is the 3' partner, e.g. EML4::ALK). */
    partnerGene: text("partner_gene"),
    transcript: text("transcript"),
    hgvsC: text("hgvs_c"),
    /** Normalised: three-letter amino acids, no parentheses (p.Leu858Arg). */
    hgvsP: text("hgvs_p"),
    variantType: variantType("variant_type").notNull(),
    chrom: text("chrom"),
    pos: integer("pos"),
    ref: text("ref"),
    alt: text("alt"),
    /** Variant allele fraction, 0..1. */
    vaf: numeric("vaf", { precision: 5, scale: 4 }),
    depth: integer("depth"),
    origin: variantOrigin("origin").notNull(),
    somaticTier: somaticTier("somatic_tier"),
    germlineClass: germlineClass("germline_class"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "molecular_variants_class_ck",
      sql`(${t.origin} = 'somatic' and ${t.somaticTier} is not null and ${t.germlineClass} is null) or (${t.origin} = 'germline' and ${t.germlineClass} is not null and ${t.somaticTier} is null)`,
    ),
    check("molecular_variants_vaf_ck", sql`${t.vaf} is null or ${t.vaf} between 0 and 1`),
    index("molecular_variants_order_idx").on(t.orderId),
    index("molecular_variants_gene_idx").on(t.gene),
  ],
);

/** Biomarker values of a result: numbers (TMB mut/Mb, PD-L1 TPS %, CPS) or a category (MSI status, HER2 IHC score). */
export const molecularBiomarkers = pgTable(
  "molecular_biomarkers",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id").notNull().references(() => molecularOrders.id),
    kind: biomarkerKind("kind").notNull(),
    value: numeric("value", { precision: 8, scale: 2 }),
    category: text("category"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [unique("molecular_biomarkers_order_kind_uq").on(t.orderId, t.kind), check("molecular_biomarkers_value_ck", sql`${t.value} is not null or ${t.category} is not null`)],
);

export type MolecularOrder = typeof molecularOrders.$inferSelect;
export type MolecularVariant = typeof molecularVariants.$inferSelect;
export type MolecularBiomarker = typeof molecularBiomarkers.$inferSelect;
