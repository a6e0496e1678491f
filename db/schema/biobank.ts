import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { CUSTODY_EVENTS, FUTURE_CONSENTS, RELEASE_STATUSES, SPECIMEN_CATEGORIES, SPECIMEN_STATUSES, SPECIMEN_TYPES, SPECIMEN_UNITS, TRANSFER_OUTCOMES, TRANSFER_STATUSES } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { organisations } from "@/db/schema/network";
import { users } from "@/db/schema/people";
import { participants } from "@/db/schema/enrolment";
import { studies } from "@/db/schema/studies";

export const specimenCategory = pgEnum("specimen_category", SPECIMEN_CATEGORIES);
export const specimenType = pgEnum("specimen_type", SPECIMEN_TYPES);
/** "missing" is reached only from in_transit, when a receipt notes a specimen as not arrived. */
export const specimenStatus = pgEnum("specimen_status", SPECIMEN_STATUSES);
export const specimenUnit = pgEnum("specimen_unit", SPECIMEN_UNITS);
export const futureConsent = pgEnum("future_consent", FUTURE_CONSENTS);
export const transferStatus = pgEnum("transfer_status", TRANSFER_STATUSES);
export const transferOutcome = pgEnum("transfer_outcome", TRANSFER_OUTCOMES);
export const releaseStatus = pgEnum("release_status", RELEASE_STATUSES);
export const custodyEvent = pgEnum("custody_event", CUSTODY_EVENTS);

/** Biobank-only donors: no study, their own consent record. */
export const donors = pgTable(
  "donors",
  {
    id: serial("id").primaryKey(),
    donorCode: text("donor_code").notNull().unique(),
    futureConsent: futureConsent("future_consent").notNull(),
    consentDate: date("consent_date", { mode: "string" }).notNull(),
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    ...timestamps,
  },
  (t) => [index("donors_centre_idx").on(t.centreId)],
);

export const storageFreezers = pgTable(
  "storage_freezers",
  {
    id: serial("id").primaryKey(),
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    temperatureC: smallint("temperature_c").notNull(),
    ...timestamps,
  },
  (t) => [unique("storage_freezers_centre_code_uq").on(t.centreId, t.code)],
);

export const storageRacks = pgTable(
  "storage_racks",
  {
    id: serial("id").primaryKey(),
    freezerId: integer("freezer_id").notNull().references(() => storageFreezers.id),
    code: text("code").notNull(),
    ...timestamps,
  },
  (t) => [unique("storage_racks_freezer_code_uq").on(t.freezerId, t.code)],
);

export const storageBoxes = pgTable(
  "storage_boxes",
  {
    id: serial("id").primaryKey(),
    rackId: integer("rack_id").notNull().references(() => storageRacks.id),
    /** Denormalised from rack -> freezer so scope is one comparison. */
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    code: text("code").notNull(),
    rows: smallint("rows").notNull(),
    cols: smallint("cols").notNull(),
    ...timestamps,
  },
  (t) => [
    unique("storage_boxes_rack_code_uq").on(t.rackId, t.code),
    index("storage_boxes_centre_idx").on(t.centreId),
    check("storage_boxes_size_ck", sql`${t.rows} between 1 and 26 and ${t.cols} between 1 and 26`),
  ],
);

export const specimens = pgTable(
  "specimens",
  {
    id: serial("id").primaryKey(),
    barcode: text("barcode").notNull().unique(),
    category: specimenCategory("category").notNull(),
    type: specimenType("type").notNull(),
    /** Collecting centre: never changes. */
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    /** Centre that holds the specimen now (changes on receipt of a transfer). */
    holderCentreId: integer("holder_centre_id").notNull().references(() => organisations.id),
    /** The enrolled participant the specimen was taken from (null for biobank-only donors). */
    participantId: integer("participant_id").references(() => participants.id),
    subjectCode: text("subject_code"),
    donorId: integer("donor_id").references(() => donors.id),
    collectedAt: timestamp("collected_at", { withTimezone: true, mode: "date" }).notNull(),
    quantity: numeric("quantity", { precision: 12, scale: 3 }).notNull(),
    unit: specimenUnit("unit").notNull(),
    futureConsent: futureConsent("future_consent").notNull(),
    status: specimenStatus("status").notNull().default("available"),
    parentId: integer("parent_id").references((): AnyPgColumn => specimens.id),
    boxId: integer("box_id").references(() => storageBoxes.id),
    posRow: smallint("pos_row"),
    posCol: smallint("pos_col"),
    createdBy: integer("created_by").references(() => users.id),
    ...timestamps,
  },
  (t) => [
    // One specimen per position: NULLs (not stored) never collide.
    unique("specimens_position_uq").on(t.boxId, t.posRow, t.posCol),
    check("specimens_position_ck", sql`(${t.boxId} is null) = (${t.posRow} is null) and (${t.boxId} is null) = (${t.posCol} is null)`),
    check("specimens_owner_ck", sql`${t.subjectCode} is not null or ${t.donorId} is not null or ${t.parentId} is not null`),
    check("specimens_quantity_ck", sql`${t.quantity} >= 0`),
    index("specimens_centre_type_status_idx").on(t.centreId, t.type, t.status),
    index("specimens_holder_idx").on(t.holderCentreId, t.status),
    index("specimens_collected_idx").on(t.collectedAt, t.id),
    index("specimens_subject_idx").on(t.subjectCode),
    index("specimens_donor_idx").on(t.donorId),
    index("specimens_parent_idx").on(t.parentId),
    index("specimens_participant_idx").on(t.participantId),
  ],
);

export const specimenTransfers = pgTable(
  "specimen_transfers",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    fromCentreId: integer("from_centre_id").notNull().references(() => organisations.id),
    toCentreId: integer("to_centre_id").notNull().references(() => organisations.id),
    status: transferStatus("status").notNull().default("created"),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    shippedAt: timestamp("shipped_at", { withTimezone: true, mode: "date" }),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }),
    receivedBy: integer("received_by").references(() => users.id),
    ...timestamps,
  },
  (t) => [index("specimen_transfers_from_idx").on(t.fromCentreId), index("specimen_transfers_to_idx").on(t.toCentreId)],
);

export const specimenTransferItems = pgTable(
  "specimen_transfer_items",
  {
    id: serial("id").primaryKey(),
    transferId: integer("transfer_id").notNull().references(() => specimenTransfers.id),
    specimenId: integer("specimen_id").notNull().references(() => specimens.id),
    outcome: transferOutcome("outcome").notNull().default("pending"),
    note: text("note"),
    ...timestamps,
  },
  (t) => [unique("specimen_transfer_items_uq").on(t.transferId, t.specimenId), index("specimen_transfer_items_specimen_idx").on(t.specimenId)],
);

/** Chain of custody: who held a specimen, where, when. Written by the biobank commands only. */
export const custodyEvents = pgTable(
  "custody_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    specimenId: integer("specimen_id").notNull().references(() => specimens.id),
    event: custodyEvent("event").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    userId: integer("user_id").references(() => users.id),
    /** Location path or other detail at the time ("TJ01 / F01 / R1 / B001 / A3"). */
    detail: text("detail"),
    transferId: integer("transfer_id").references(() => specimenTransfers.id),
    ...timestamps,
  },
  (t) => [index("custody_events_specimen_idx").on(t.specimenId, t.at)],
);

export const releaseRequests = pgTable(
  "release_requests",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    /** The bank asked: requests are decided by that centre's biobank manager. */
    centreId: integer("centre_id").notNull().references(() => organisations.id),
    /** studies.id once the studies area lands; the code is what the requester names. */
    studyId: integer("study_id").references(() => studies.id),
    studyCode: text("study_code").notNull(),
    purpose: text("purpose").notNull(),
    criteria: text("criteria"),
    geneticUse: boolean("genetic_use").notNull(),
    hgrApprovalNo: text("hgr_approval_no"),
    status: releaseStatus("status").notNull().default("pending"),
    requestedBy: integer("requested_by").references(() => users.id),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    decisionReason: text("decision_reason"),
    ...timestamps,
  },
  (t) => [index("release_requests_centre_idx").on(t.centreId, t.status), index("release_requests_study_idx").on(t.studyId)],
);

export const releaseRequestItems = pgTable(
  "release_request_items",
  {
    id: serial("id").primaryKey(),
    requestId: integer("request_id").notNull().references(() => releaseRequests.id),
    specimenId: integer("specimen_id").notNull().references(() => specimens.id),
    ...timestamps,
  },
  (t) => [unique("release_request_items_uq").on(t.requestId, t.specimenId), index("release_request_items_specimen_idx").on(t.specimenId)],
);

export type Specimen = typeof specimens.$inferSelect;
export type SpecimenType = (typeof specimenType.enumValues)[number];
export type SpecimenCategory = (typeof specimenCategory.enumValues)[number];
export type SpecimenStatus = (typeof specimenStatus.enumValues)[number];
export type FutureConsent = (typeof futureConsent.enumValues)[number];
export type TransferOutcome = (typeof transferOutcome.enumValues)[number];
