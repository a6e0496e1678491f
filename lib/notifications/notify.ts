import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export type SaeNotice = { aeId: number; studyId: number; participantId: number; subjectCode: string; studyCode: string; term: string; grade: number; late: boolean };

/**
 * A serious AE was reported: the study's PI and every active network administrator (the hub)
 * get an in-app notification, once per event and person.
 */
export async function notifySae(tx: Db, n: SaeNotice): Promise<number> {
  const params = JSON.stringify({ subjectCode: n.subjectCode, studyCode: n.studyCode, term: n.term, grade: n.grade, late: n.late });
  const res = (await tx.execute(sql`
    insert into notifications (user_id, kind, study_id, participant_id, entity_type, entity_id, params)
    select u.id, 'sae_reported', ${n.studyId}, ${n.participantId}, 'adverse_event', ${n.aeId}, ${params}::jsonb
    from users u
    where not u.disabled
      and (u.id = (select s.pi_user_id from studies s where s.id = ${n.studyId}) or u.role = 'network_admin')
    on conflict do nothing
    returning id`)) as unknown as { rows: unknown[] };
  return res.rows.length;
}
