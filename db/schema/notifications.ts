import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { MAIL_STATUSES, NOTIFICATION_ENTITIES, NOTIFICATION_KINDS } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";
import { participants } from "@/db/schema/enrolment";
import { users } from "@/db/schema/people";
import { studies } from "@/db/schema/studies";

export const notificationKind = pgEnum("notification_kind", NOTIFICATION_KINDS);
export const notificationEntity = pgEnum("notification_entity", NOTIFICATION_ENTITIES);
export const mailStatus = pgEnum("mail_status", MAIL_STATUSES);

/**
 * In-app notifications: one row per event and person (lib/notifications/notify.ts writes them,
 * in the transaction of the change that causes them). The unique key makes writing the same
 * notice twice harmless — a routine run twice, or by two app instances at once, inserts it once
 * (`on conflict do nothing`). `occurrence` tells repeated events of one kind on one record apart
 * (the query event of an answer, the AE version awaiting follow-up); 0 for a one-off event.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    kind: notificationKind("kind").notNull(),
    studyId: integer("study_id").references(() => studies.id),
    participantId: integer("participant_id").references(() => participants.id),
    entityType: notificationEntity("entity_type").notNull(),
    entityId: integer("entity_id").notNull(),
    occurrence: integer("occurrence").notNull().default(0),
    params: jsonb("params").$type<Record<string, string | number | boolean>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    index("notifications_user_unread_idx").on(t.userId, t.readAt),
    unique("notifications_event_uq").on(t.userId, t.kind, t.entityType, t.entityId, t.occurrence),
    // The routines ask "has this visit / SAE been noticed yet?" by record, for anyone.
    index("notifications_entity_idx").on(t.entityType, t.entityId, t.kind),
  ],
);

/**
 * The e-mail outbox: one row per notification to be mailed, written in the notification's own
 * transaction and sent after it commits (lib/notifications/mail-delivery.ts), so a mail server
 * that is down never rolls back a clinical change. A sender claims a row by moving
 * `next_attempt_at` forward (a lease): a crash mid-send means the row is tried again later.
 */
export const notificationMails = pgTable(
  "notification_mails",
  {
    id: serial("id").primaryKey(),
    notificationId: integer("notification_id")
      .notNull()
      .references(() => notifications.id)
      .unique("notification_mails_notification_uq"),
    status: mailStatus("status").notNull().default("pending"),
    attempts: smallint("attempts").notNull().default(0),
    /** A pending mail is not tried before this moment (the next retry, or the end of a running attempt's lease). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    /** The last failure as the mail server or the network put it (no message content). */
    lastError: text("last_error"),
    ...timestamps,
  },
  (t) => [
    index("notification_mails_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check("notification_mails_sent_ck", sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
  ],
);

export type Notification = typeof notifications.$inferSelect;
export type NotificationMail = typeof notificationMails.$inferSelect;
