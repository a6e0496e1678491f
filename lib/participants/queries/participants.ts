import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { ParticipantStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { armVisibleSql } from "@/lib/participants/blinding";
import { PARTICIPANT_PAGE_SIZE, type ParticipantFilters } from "@/lib/participants/filters";
import { participantScope, seesWholeStudySql } from "@/lib/participants/scope";
import { defineQuery } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

export type ParticipantRow = {
  id: number;
  subjectCode: string;
  studyCode: string;
  status: ParticipantStatus;
  enrolledOn: string;
  centreCode: string;
  centreNameZh: string;
  centreNameEn: string;
  /** Null when the study is not randomized or the arm is blinded for this actor. */
  armCode: string | null;
  armNameZh: string | null;
  armNameEn: string | null;
  blinded: boolean;
  /** Only for those who see the whole study (the PI, study-wide team, admins). */
  inOtherStudy: boolean;
};

/**
 * The select list shared by the participant reads. Allocation entries are reached only through
 * `e.participant_id = p.id`: an entry not yet assigned can never appear.
 */
function rowSelect(actor: ScopeActor): SQL {
  const vis = armVisibleSql(actor);
  return sql`p.id, p.subject_code as "subjectCode", s.code as "studyCode", p.status, p.enrolled_on::text as "enrolledOn",
    o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn",
    case when ${vis} then a.code end as "armCode", case when ${vis} then a.name_zh end as "armNameZh",
    case when ${vis} then a.name_en end as "armNameEn",
    (a.id is not null and not ${vis}) as blinded,
    (p.in_other_study and ${seesWholeStudySql(actor, sql`p.study_id`)}) as "inOtherStudy"`;
}

const rowFrom = sql`from participants p
  join studies s on s.id = p.study_id
  join organisations o on o.id = p.centre_id
  left join allocation_entries e on e.participant_id = p.id
  left join study_arms a on a.id = e.arm_id`;

/** The filters every participant list shares (status, subject code contains `q`). */
function filterConds(f: ParticipantFilters): SQL[] {
  const conds: SQL[] = [];
  if (f.status) conds.push(sql`p.status = ${f.status}`);
  if (f.q) conds.push(sql`p.subject_code like ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return conds;
}

const noRows = (pageSize: number): Paged<ParticipantRow> => paged([], 0, 1, pageSize);

/** Participants of one study in the actor's scope, filtered and paged on the server. */
export const listParticipants = defineQuery({
  permission: "participant.read",
  run: async (actor: ScopeActor, studyId: number, f: ParticipantFilters, pageSize: number = PARTICIPANT_PAGE_SIZE) => {
    const conds: SQL[] = [sql`p.study_id = ${studyId}`, participantScope(actor), ...filterConds(f)];
    if (f.site) conds.push(sql`o.code = ${f.site}`);
    return participantPage(actor, sql.join(conds, sql` and `), f.page, pageSize);
  },
  otherwise: (_studyId, _f, pageSize = PARTICIPANT_PAGE_SIZE) => noRows(pageSize),
});

/** Every participant in the actor's scope across their studies (the Participants menu). */
export const listMyParticipants = defineQuery({
  permission: "participant.read",
  run: async (actor: ScopeActor, f: ParticipantFilters, pageSize: number = PARTICIPANT_PAGE_SIZE) =>
    participantPage(actor, sql.join([participantScope(actor), ...filterConds(f)], sql` and `), f.page, pageSize),
  otherwise: (_f, pageSize = PARTICIPANT_PAGE_SIZE) => noRows(pageSize),
});

/** One page of participant rows; `where` already holds the actor's scope. */
async function participantPage(actor: ScopeActor, where: SQL, page: number, pageSize: number): Promise<Paged<ParticipantRow>> {
  const db = await getDb();
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${rowFrom} where ${where}`);
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const p = Math.min(page, pages);
  const rows = await queryRows<ParticipantRow>(
    db,
    sql`select ${rowSelect(actor)} ${rowFrom} where ${where} order by p.enrolled_on desc, p.id desc limit ${pageSize} offset ${(p - 1) * pageSize}`,
  );
  return paged(rows, total, p, pageSize);
}
