import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { ParticipantStatus } from "@/db/schema";
import { armVisibleSql } from "@/lib/participants/blinding";
import { participantScope } from "@/lib/participants/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** A participant as the API lists them: pseudonymous (subject code), never a name or national ID. */
export type ApiParticipantRow = {
  id: number;
  subjectCode: string;
  status: ParticipantStatus;
  enrolledOn: string;
  siteCode: string;
  /** Null when the study is not randomized or the arm is hidden from this actor. */
  armCode: string | null;
  blinded: boolean;
};

export type ParticipantCursorPage = { rows: ApiParticipantRow[]; nextAfter: number | null };

/**
 * One page of a study's participants in the actor's participant scope, by id (keyset: `after`
 * is the last id of the previous page), at most `limit` rows. Viewers: nothing.
 */
export const participantCursorPage = defineQuery({
  permission: "participant.read",
  run: async (actor: ReadActor, studyId: number, after: number, limit: number): Promise<ParticipantCursorPage> => {
    const db = await getDb();
    const vis = armVisibleSql(actor);
    const rows = await queryRows<ApiParticipantRow>(
      db,
      sql`select p.id, p.subject_code as "subjectCode", p.status, p.enrolled_on::text as "enrolledOn", o.code as "siteCode",
            case when ${vis} then a.code end as "armCode", (a.id is not null and not ${vis}) as blinded
          from participants p
          join studies s on s.id = p.study_id
          join organisations o on o.id = p.centre_id
          left join allocation_entries e on e.participant_id = p.id
          left join study_arms a on a.id = e.arm_id
          where p.study_id = ${studyId} and p.id > ${after} and ${participantScope(actor)}
          order by p.id limit ${limit + 1}`,
    );
    const page = rows.slice(0, limit).map((r) => ({ ...r, id: Number(r.id), blinded: Boolean(r.blinded) }));
    return { rows: page, nextAfter: rows.length > limit ? page[page.length - 1].id : null };
  },
  otherwise: (): ParticipantCursorPage => ({ rows: [], nextAfter: null }),
});

/** A participant of a study by subject code, in the actor's participant scope (viewers: none), or null: the key the form endpoints need, without the detail page's history. */
export const participantBySubject = defineQuery({
  permission: "participant.read",
  run: async (actor: ReadActor, studyId: number, subjectCode: string): Promise<{ id: number; subjectCode: string } | null> => {
    const db = await getDb();
    const [row] = await queryRows<{ id: number; subjectCode: string }>(
      db,
      sql`select p.id, p.subject_code as "subjectCode" from participants p
          where p.study_id = ${studyId} and p.subject_code = ${subjectCode} and ${participantScope(actor)}`,
    );
    return row ? { id: Number(row.id), subjectCode: row.subjectCode } : null;
  },
  otherwise: (): { id: number; subjectCode: string } | null => null,
});
