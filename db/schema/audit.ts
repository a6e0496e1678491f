import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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
