import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { ClinicalEntity } from "@/lib/enums";
import type { Actor } from "@/lib/authz/actor";
import { notify } from "@/lib/notifications/notify";
import { crfItemLabel } from "@/lib/followup/crf-query-target";
import { mayStillRaiseQueries, siteStaff, studyMonitors, studyPi } from "@/lib/followup/recipients";

/** The query as the notices need it. */
export type NoticeQuery = { id: number; studyId: number; participantId: number; entityType: ClinicalEntity; entityId: number; field: string; raisedBy: number };

async function aboutParticipant(tx: Db, participantId: number) {
  const [row] = await queryRows<{ subjectCode: string; studyCode: string; centreId: number }>(
    tx,
    sql`select p.subject_code as "subjectCode", s.code as "studyCode", p.centre_id as "centreId"
        from participants p join studies s on s.id = p.study_id where p.id = ${participantId}`,
  );
  return { ...row, centreId: Number(row.centreId) };
}

async function tell(tx: Db, actor: Pick<Actor, "id">, kind: "query_raised" | "query_answered" | "query_reopened", q: NoticeQuery, eventId: number, recipients: (about: Awaited<ReturnType<typeof aboutParticipant>>) => Promise<number[]>, extra: Record<string, boolean> = {}) {
  const about = await aboutParticipant(tx, q.participantId);
  // A CRF item is named by its label (both languages: the reader's is chosen when shown), never its path.
  const label = q.entityType === "crf_form" ? await crfItemLabel(tx, q.entityId, q.field) : null;
  const crf: Record<string, string> = label ? { fieldZh: label.zh, fieldEn: label.en } : {};
  return notify(
    tx,
    [
      {
        kind,
        recipients: await recipients(about),
        studyId: q.studyId,
        participantId: q.participantId,
        entityType: "query",
        entityId: q.id,
        // One notice per query event: a second answer after a re-open is news again.
        occurrence: eventId,
        params: { subjectCode: about.subjectCode, studyCode: about.studyCode, record: q.entityType, field: q.field, ...crf, ...extra },
      },
    ],
    { except: actor.id },
  );
}

/** A query was raised (or re-opened): the site staff of the participant's current site are to answer it. */
export function noticeQueryRaised(tx: Db, actor: Pick<Actor, "id">, q: NoticeQuery, eventId: number, kind: "query_raised" | "query_reopened" = "query_raised") {
  return tell(tx, actor, kind, q, eventId, (about) => siteStaff(tx, about.centreId));
}

/**
 * A query was answered: its raiser is to close or re-open it. When the raiser can no longer do
 * that (account disabled, off the study team, no longer PI), the study's monitors and PI are
 * told instead, so that the answer is not left unread.
 */
export function noticeQueryAnswered(tx: Db, actor: Pick<Actor, "id">, q: NoticeQuery, eventId: number, corrected: boolean) {
  return tell(
    tx,
    actor,
    "query_answered",
    q,
    eventId,
    async () => ((await mayStillRaiseQueries(tx, q.raisedBy, q.studyId)) ? [q.raisedBy] : [...(await studyMonitors(tx, q.studyId)), ...(await studyPi(tx, q.studyId))]),
    { corrected },
  );
}
