import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { notify, type Notice } from "@/lib/notifications/notify";
import { wakeMailer } from "@/lib/notifications/mail-delivery";
import { networkToday } from "@/lib/time/network-day";
import { studyPi } from "@/lib/followup/recipients";
import { FOLLOWUP_DAYS, RESOLVED_OUTCOMES, URGENT_CRITERIA, URGENT_FOLLOWUP_DAYS } from "@/lib/followup/sae-followup";
import { overdueVisit, siteStaffOf } from "@/lib/followup/scope";

/**
 * Notices about things that fall due with time: visits becoming overdue, SAE follow-up reports
 * becoming due. Nothing changes when they fall due, so a routine looks for them — on reading
 * the follow-up and notification pages (sweepDueNotices), at most every few minutes per process.
 * It is idempotent: an event already noticed is skipped, and the unique key of notifications
 * makes two runs at once (two app instances on PostgreSQL) write each notice once.
 *
 * Only what fell due within NOTICE_HORIZON_DAYS is pushed to people: the backlog older than
 * that (a first run after an upgrade, a long outage) is on the overdue and SAE lists, not in
 * everybody's notifications.
 */
export const NOTICE_HORIZON_DAYS = 30;
const BATCH = 500;

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
const recipientsAt = (centreId: SQL) =>
  sql`coalesce((select array_agg(u.id order by u.id) from users u where not u.disabled and ${siteStaffOf(centreId)}), '{}')`;

type OverdueNoticeRow = {
  visitId: number;
  participantId: number;
  studyId: number;
  subjectCode: string;
  studyCode: string;
  visitCode: string;
  nameZh: string;
  nameEn: string;
  windowEnd: string;
  recipients: number[];
};

/** Overdue visits not noticed yet: the site staff of the participant's current site are told, once per visit. */
export async function noticeOverdueVisits(db: Db, today: string = networkToday()): Promise<number> {
  let written = 0;
  for (let after = 0; ; ) {
    const rows = await db.transaction(async (tx) => {
      const found = await queryRows<OverdueNoticeRow>(
        tx as Db,
        sql`select v.id as "visitId", p.id as "participantId", p.study_id as "studyId", p.subject_code as "subjectCode", s.code as "studyCode",
              d.code as "visitCode", d.name_zh as "nameZh", d.name_en as "nameEn", v.window_end::text as "windowEnd", ${recipientsAt(sql`p.centre_id`)} as recipients
            from participant_visits v join participants p on p.id = v.participant_id join studies s on s.id = p.study_id
            join visit_definitions d on d.id = v.visit_definition_id
            where ${overdueVisit(today)} and v.window_end >= ${today}::date - ${NOTICE_HORIZON_DAYS}::int and v.id > ${after}
              and not exists (select 1 from notifications n where n.entity_type = 'visit' and n.entity_id = v.id and n.kind = 'visit_overdue')
            order by v.id limit ${BATCH}`,
      );
      const notices: Notice[] = found.map((r) => ({
        kind: "visit_overdue",
        recipients: r.recipients.map(Number),
        studyId: Number(r.studyId),
        participantId: Number(r.participantId),
        entityType: "visit",
        entityId: Number(r.visitId),
        params: { subjectCode: r.subjectCode, studyCode: r.studyCode, visitCode: r.visitCode, visitNameZh: r.nameZh, visitNameEn: r.nameEn, windowEnd: r.windowEnd },
      }));
      written += await notify(tx as Db, notices);
      return found;
    });
    if (rows.length < BATCH) return written;
    after = Number(rows[rows.length - 1].visitId);
  }
}

type SaeDueRow = {
  aeId: number;
  participantId: number;
  studyId: number;
  subjectCode: string;
  studyCode: string;
  term: string;
  version: number;
  days: number;
  recipients: number[];
};

/**
 * Serious AEs whose follow-up report fell due (lib/followup/sae-followup.ts) and was not noticed
 * for this version of the AE: the participant's site staff, who write it, and the study's PI
 * are told. A follow-up saved starts a new version, and so a new notice when it falls due again.
 */
export async function noticeSaeFollowupsDue(db: Db, now: Date = new Date()): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  let written = 0;
  for (let after = 0; ; ) {
    const rows = await db.transaction(async (tx) => {
      const found = await queryRows<SaeDueRow>(
        tx as Db,
        sql`select a.id as "aeId", a.participant_id as "participantId", a.study_id as "studyId", p.subject_code as "subjectCode", s.code as "studyCode",
              a.term, a.version, r.days, ${recipientsAt(sql`p.centre_id`)} as recipients
            from adverse_events a join participants p on p.id = a.participant_id join studies s on s.id = a.study_id
            cross join lateral (select greatest(a.reported_at,
              (select max(rv.changed_at) from record_versions rv where rv.entity_type = 'adverse_event' and rv.entity_id = a.id)) as last_report) lr
            cross join lateral (select case when a.serious_criteria && array[${list(URGENT_CRITERIA)}]::text[] then ${URGENT_FOLLOWUP_DAYS}::int else ${FOLLOWUP_DAYS}::int end as days) r
            where a.serious and a.outcome::text not in (${list(RESOLVED_OUTCOMES)}) and a.id > ${after}
              and lr.last_report + make_interval(days => r.days) <= ${at}
              and lr.last_report + make_interval(days => r.days) > ${at} - make_interval(days => ${NOTICE_HORIZON_DAYS}::int)
              and not exists (select 1 from notifications n where n.entity_type = 'adverse_event' and n.entity_id = a.id
                              and n.kind = 'sae_followup_due' and n.occurrence = a.version)
            order by a.id limit ${BATCH}`,
      );
      const pis = new Map<number, number[]>();
      const notices: Notice[] = [];
      for (const r of found) {
        const studyId = Number(r.studyId);
        if (!pis.has(studyId)) pis.set(studyId, await studyPi(tx as Db, studyId));
        notices.push({
          kind: "sae_followup_due",
          recipients: [...r.recipients.map(Number), ...pis.get(studyId)!],
          studyId,
          participantId: Number(r.participantId),
          entityType: "adverse_event",
          entityId: Number(r.aeId),
          occurrence: Number(r.version),
          params: { subjectCode: r.subjectCode, studyCode: r.studyCode, term: r.term, days: Number(r.days) },
        });
      }
      written += await notify(tx as Db, notices);
      return found;
    });
    if (rows.length < BATCH) return written;
    after = Number(rows[rows.length - 1].aeId);
  }
}

/** How often one process looks again (the network day changes once a day; SAE clocks run in days). */
export const SWEEP_EVERY_MS = 5 * 60_000;

const g = globalThis as { __ncrcDueSweep?: { at: number; running?: Promise<void> } };

/**
 * Runs both routines unless this process ran them in the last SWEEP_EVERY_MS; a page that calls
 * it while a run is going waits for that run. A failure is logged and never breaks the page.
 * It also wakes the mailer, so mail queued before a restart goes out.
 */
export async function sweepDueNotices(now: Date = new Date()): Promise<void> {
  const s = (g.__ncrcDueSweep ??= { at: 0 });
  if (s.running) return s.running;
  if (now.getTime() - s.at < SWEEP_EVERY_MS) return;
  s.at = now.getTime();
  s.running = (async () => {
    try {
      const db = await getDb();
      await noticeOverdueVisits(db, networkToday(now));
      await noticeSaeFollowupsDue(db, now);
      wakeMailer();
    } catch (err) {
      console.error("[notifications] due-notice sweep failed", err);
    }
  })().finally(() => {
    s.running = undefined;
  });
  return s.running;
}
