import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { ClinicalEntity } from "@/db/schema";

export type EntityRef = { studyId: number; participantId: number; centreId: number; subjectCode: string; studyCode: string; recorded: boolean; verified: boolean };

const FROM: Record<ClinicalEntity, SQL> = {
  participant: sql`from participants p where p.id = `,
  visit: sql`from participant_visits r join participants p on p.id = r.participant_id where r.id = `,
  adverse_event: sql`from adverse_events r join participants p on p.id = r.participant_id where r.id = `,
  crf_form: sql`from crf_form_instances r join participants p on p.id = r.participant_id where r.id = `,
};

const STATE: Record<ClinicalEntity, SQL> = {
  participant: sql`true as recorded, false as verified`,
  visit: sql`r.version > 0 as recorded, r.sdv_at is not null as verified`,
  adverse_event: sql`true as recorded, r.sdv_at is not null as verified`,
  crf_form: sql`true as recorded, r.status = 'verified' as verified`,
};

/**
 * The study and participant of a clinical record, only when `allowed` (a condition over the
 * study id and the participants alias `p`) holds for it: a record outside the actor's scope and
 * a record that does not exist both answer null.
 */
export async function entityRef(db: Db, entityType: ClinicalEntity, entityId: number, allowed: (studyId: SQL) => SQL): Promise<EntityRef | null> {
  const [row] = await queryRows<{ study_id: number; participant_id: number; centre_id: number; subject_code: string; study_code: string; recorded: boolean; verified: boolean }>(
    db,
    sql`select p.study_id, p.id as participant_id, p.centre_id, p.subject_code,
          (select s.code from studies s where s.id = p.study_id) as study_code, ${STATE[entityType]}
        ${FROM[entityType]}${entityId} and ${allowed(sql`p.study_id`)}`,
  );
  if (!row) return null;
  return {
    studyId: Number(row.study_id),
    participantId: Number(row.participant_id),
    centreId: Number(row.centre_id),
    subjectCode: row.subject_code,
    studyCode: row.study_code,
    recorded: Boolean(row.recorded),
    verified: Boolean(row.verified),
  };
}
