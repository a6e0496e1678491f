import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained. A trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 * No foreign keys on purpose: the trail must outlive anything it describes.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
    actorId: integer("actor_id"),
    actorCentreId: integer("actor_centre_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** Centre the record belongs to: what a coordinator's scope filters on. */
    centreId: integer("centre_id"),
    /** Study the record belongs to, if any: the study history tab filters on it. */
    studyId: integer("study_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_actor_idx").on(t.actorId),
    index("audit_events_centre_idx").on(t.centreId),
    index("audit_events_study_idx").on(t.studyId),
    index("audit_events_at_idx").on(t.at),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;

/**
 * Signed checkpoints of the chain (lib/audit/checkpoints.ts): the head's hash and its position
 * (events counted from the first), signed with AUDIT_SIGNING_KEY, which the database never holds.
 * Someone who owns the database can rewrite events and recompute every hash, but cannot sign
 * the result. Append-only like the events (migration 0009); `every` is the interval in force
 * when it was signed, so a verifier can tell when checkpoints are missing.
 */
export const auditCheckpoints = pgTable("audit_checkpoints", {
  eventId: bigint("event_id", { mode: "number" }).primaryKey(),
  position: bigint("position", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
  every: integer("every").notNull(),
  keyId: text("key_id").notNull(),
  signature: text("signature").notNull(),
});

export type AuditCheckpoint = typeof auditCheckpoints.$inferSelect;

/**
 * Signed records of a verification that found the chain intact up to an event: the next
 * verification starts there instead of at the first event (a full walk stays available).
 */
export const auditVerifications = pgTable("audit_verifications", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
  throughEventId: bigint("through_event_id", { mode: "number" }).notNull(),
  throughPosition: bigint("through_position", { mode: "number" }).notNull(),
  throughHash: text("through_hash").notNull(),
  full: boolean("full").notNull(),
  keyId: text("key_id").notNull(),
  signature: text("signature").notNull(),
});

export type AuditVerificationRecord = typeof auditVerifications.$inferSelect;
