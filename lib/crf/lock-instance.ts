import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { CrfFormInstanceStatus } from "@/db/enums";
import type { Actor } from "@/lib/authz/actor";
import { crfMonitorScope } from "@/lib/crf/scope";

export type LockedInstance = { id: number; studyId: number; participantId: number; centreId: number; status: CrfFormInstanceStatus; version: number; subjectCode: string };

/** A form instance locked for a monitor's (or the study PI's) verification, or null outside their studies. */
export async function lockInstanceForMonitor(tx: Db, actor: Pick<Actor, "id" | "role">, instanceId: number): Promise<LockedInstance | null> {
  const [row] = await queryRows<{ id: number; study_id: number; participant_id: number; centre_id: number; status: CrfFormInstanceStatus; version: number; subject_code: string }>(
    tx,
    sql`select i.id, i.study_id, i.participant_id, p.centre_id, i.status, i.version, p.subject_code
        from crf_form_instances i join participants p on p.id = i.participant_id
        where i.id = ${instanceId} and ${crfMonitorScope(actor, sql`i.study_id`)}
        for update of i`,
  );
  if (!row) return null;
  return { id: Number(row.id), studyId: Number(row.study_id), participantId: Number(row.participant_id), centreId: Number(row.centre_id), status: row.status, version: Number(row.version), subjectCode: row.subject_code };
}
