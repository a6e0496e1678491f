import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { ParticipantStatus } from "@/db/schema";
import { studyAllowList } from "@/lib/fhir/allow-list";
import { armVisibleSql } from "@/lib/participants/blinding";
import { participantScope } from "@/lib/participants/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";

/** What a ResearchSubject shows: pseudonymous codes and dates only — no name, national ID, birth year or sex. */
export type FhirSubjectRow = {
  id: number;
  subjectCode: string;
  studyId: number;
  studyCode: string;
  status: ParticipantStatus;
  enrolledOn: string;
  withdrawnOn: string | null;
  /** Null when not randomized, or when the arm is hidden from this actor (lib/participants/blinding.ts). */
  armCode: string | null;
};

export type FhirSubjectFilter = {
  studyIds: number[] | null;
  studyCode?: string;
  subjectCode?: string;
  page: number;
  count: number;
};

/**
 * Participants for the FHIR endpoints: the participant scope (lib/participants/scope.ts), the
 * blinding rule for the arm and the token's allow-list, in the WHERE; ordered by id (stable pages).
 */
export const fhirSubjects = defineQuery({
  permission: "participant.read",
  run: async (actor: ReadActor, f: FhirSubjectFilter): Promise<Paged<FhirSubjectRow>> => {
    const db = await getDb();
    const conds: SQL[] = [participantScope(actor), studyAllowList(f.studyIds, sql`p.study_id`)];
    if (f.studyCode !== undefined) conds.push(sql`s.code = ${f.studyCode}`);
    if (f.subjectCode !== undefined) conds.push(sql`p.subject_code = ${f.subjectCode}`);
    const where = sql.join(conds, sql` and `);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from participants p join studies s on s.id = p.study_id where ${where}`);
    const vis = armVisibleSql(actor);
    const rows = await queryRows<FhirSubjectRow>(
      db,
      sql`select p.id, p.subject_code as "subjectCode", p.study_id as "studyId", s.code as "studyCode", p.status,
            p.enrolled_on::text as "enrolledOn", p.withdrawn_on::text as "withdrawnOn",
            case when ${vis} then a.code end as "armCode"
          from participants p
          join studies s on s.id = p.study_id
          left join allocation_entries e on e.participant_id = p.id
          left join study_arms a on a.id = e.arm_id
          where ${where}
          order by p.id limit ${f.count} offset ${(f.page - 1) * f.count}`,
    );
    return paged(rows, Number(n), f.page, f.count);
  },
  otherwise: (f: FhirSubjectFilter): Paged<FhirSubjectRow> => paged([], 0, f.page, f.count),
});
