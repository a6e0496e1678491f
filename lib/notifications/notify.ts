import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { NotificationEntity, NotificationKind } from "@/lib/enums";
import { mailConfig } from "@/lib/notifications/mail-config";
import { wakeMailer } from "@/lib/notifications/mail-delivery";

/** What a notification shows (in-app only: e-mails carry the subject code and a link, nothing else). */
export type NoticeParams = Record<string, string | number | boolean>;

/**
 * One event to tell people about. Who is told is the caller's decision (the domain that knows
 * the rule: the study's PI, a site's staff, a query's raiser), passed as user ids.
 */
export type Notice = {
  kind: NotificationKind;
  recipients: readonly number[];
  studyId: number | null;
  participantId: number | null;
  entityType: NotificationEntity;
  entityId: number;
  /** Tells repeated events of one kind on one record apart (e.g. the query event id); 0 for a one-off. */
  occurrence?: number;
  /** Must hold `subjectCode` when the record belongs to a participant: links and e-mails are built from it. */
  params: NoticeParams;
};

/**
 * Writes the notifications of some events, in the caller's transaction, once per event and
 * person: an event already notified (a routine run twice, two app instances at once) is skipped
 * by the unique key, disabled accounts and `except` (the actor: nobody is told of their own
 * change) are skipped. When e-mail is configured each new notification also gets an outbox row,
 * sent after the transaction commits. Returns how many notifications were written.
 */
export async function notify(tx: Db, notices: readonly Notice[], opts: { except?: number } = {}): Promise<number> {
  const rows = notices.flatMap((n) =>
    [...new Set(n.recipients)]
      .filter((userId) => userId !== opts.except)
      .map((userId) => ({
        user_id: userId,
        kind: n.kind,
        study_id: n.studyId,
        participant_id: n.participantId,
        entity_type: n.entityType,
        entity_id: n.entityId,
        occurrence: n.occurrence ?? 0,
        params: n.params,
      })),
  );
  if (rows.length === 0) return 0;
  const mail = mailConfig() !== null;
  const written = await queryRows<{ id: number }>(
    tx,
    sql`with x as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(user_id int, kind text, study_id int, participant_id int, entity_type text, entity_id int, occurrence int, params jsonb)
        ), ins as (
          insert into notifications (user_id, kind, study_id, participant_id, entity_type, entity_id, occurrence, params)
          select x.user_id, x.kind::notification_kind, x.study_id, x.participant_id, x.entity_type::notification_entity, x.entity_id, x.occurrence, x.params
          from x join users u on u.id = x.user_id and not u.disabled
          on conflict do nothing
          returning id
        ), outbox as (
          insert into notification_mails (notification_id) select id from ins where ${mail}::boolean returning id
        )
        select id from ins`,
  );
  if (mail && written.length > 0) wakeMailer();
  return written.length;
}
