import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { participantStatus, type ParticipantStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { participantScope, seesWholeStudySql } from "@/lib/participants/scope";
import { paged, type Paged } from "@/lib/reads/paging";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

export const PARTICIPANT_PAGE_SIZE = 25;

export type ParticipantFilters = { site: string; status: ParticipantStatus | ""; q: string; page: number };

export function parseParticipantFilters(sp: { site?: string; status?: string; q?: string; page?: number }): ParticipantFilters {
  const status = (participantStatus.enumValues as readonly string[]).includes(sp.status ?? "") ? (sp.status as ParticipantStatus) : "";
  const site = /^[A-Z0-9]{2,8}$/.test(sp.site ?? "") ? sp.site! : "";
  return { site, status, q: (sp.q ?? "").toUpperCase().slice(0, 40), page: sp.page ?? 1 };
}

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
 * Whether the actor sees the arm of participant `p` (in study `s`): open studies yes; blinded
 * ones only for the study PI / a network admin after an emergency unblinding of `p`.
 */
export function armVisibleSql(actor: ScopeActor): SQL {
  const mayUnblind = actor.role === "network_admin" ? sql`true` : actor.role === "pi" ? sql`s.pi_user_id = ${actor.id}` : sql`false`;
  return sql`(s.blinding is distinct from 'blinded' or (${mayUnblind} and exists (select 1 from unblindings ub where ub.participant_id = p.id)))`;
}

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

/** Participants of one study in the actor's scope, filtered and paged on the server. */
export async function listParticipants(actor: ScopeActor, studyId: number, f: ParticipantFilters, pageSize = PARTICIPANT_PAGE_SIZE): Promise<Paged<ParticipantRow>> {
  if (!can(actor, "participant.read")) return paged([], 0, 1, pageSize);
  const conds: SQL[] = [sql`p.study_id = ${studyId}`, participantScope(actor)];
  if (f.site) conds.push(sql`o.code = ${f.site}`);
  if (f.status) conds.push(sql`p.status = ${f.status}`);
  if (f.q) conds.push(sql`p.subject_code like ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return pageOf(actor, sql.join(conds, sql` and `), f.page, pageSize);
}

/** Every participant in the actor's scope across their studies (the Participants menu). */
export async function listMyParticipants(actor: ScopeActor, f: ParticipantFilters, pageSize = PARTICIPANT_PAGE_SIZE): Promise<Paged<ParticipantRow>> {
  if (!can(actor, "participant.read")) return paged([], 0, 1, pageSize);
  const conds: SQL[] = [participantScope(actor)];
  if (f.status) conds.push(sql`p.status = ${f.status}`);
  if (f.q) conds.push(sql`p.subject_code like ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return pageOf(actor, sql.join(conds, sql` and `), f.page, pageSize);
}

async function pageOf(actor: ScopeActor, where: SQL, page: number, pageSize: number): Promise<Paged<ParticipantRow>> {
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
