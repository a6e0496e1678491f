import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { QueryStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { todayInNetwork } from "@/lib/followup/fields";
import { participantScope } from "@/lib/followup/scope";
import { studyScope } from "@/lib/studies/scope";
import { paged, type Paged } from "@/lib/reads/paging";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

export const FOLLOWUP_PAGE_SIZE = 25;

export type ListFilters = { study: string; status: QueryStatus | ""; page: number };

const empty = <T>(page: number): Paged<T> => paged<T>([], 0, page, FOLLOWUP_PAGE_SIZE);

function studyFilter(code: string): SQL {
  return code ? sql`and s.code = ${code.toUpperCase()}` : sql``;
}

export type SiteCount = { centreCode: string; centreNameZh: string; centreNameEn: string; count: number; oldestDays: number };

/** Overdue visits per site (the participant's current site): how many, and the longest overdue in days. */
export async function overdueBySite(actor: ScopeActor, study = ""): Promise<SiteCount[]> {
  if (!can(actor, "followup.read")) return [];
  const db = await getDb();
  const today = todayInNetwork();
  return queryRows<SiteCount>(
    db,
    sql`select o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn", count(*)::int as count,
          max(${today}::date - v.window_end)::int as "oldestDays"
        from participant_visits v join participants p on p.id = v.participant_id join studies s on s.id = p.study_id
        join organisations o on o.id = p.centre_id
        where v.status = 'expected' and v.window_end < ${today}::date and p.status = 'enrolled' and ${participantScope(actor)} ${studyFilter(study)}
        group by o.code, o.name_zh, o.name_en order by count desc, o.code`,
  );
}

export type OverdueRow = { visitId: number; subjectCode: string; studyCode: string; centreCode: string; visitCode: string; nameZh: string; nameEn: string; windowEnd: string; daysOverdue: number };

export async function listOverdueVisits(actor: ScopeActor, f: Pick<ListFilters, "study" | "page">): Promise<Paged<OverdueRow>> {
  if (!can(actor, "followup.read")) return empty(f.page);
  const db = await getDb();
  const today = todayInNetwork();
  const where = sql`v.status = 'expected' and v.window_end < ${today}::date and p.status = 'enrolled' and ${participantScope(actor)} ${studyFilter(f.study)}`;
  const from = sql`from participant_visits v join participants p on p.id = v.participant_id join studies s on s.id = p.study_id
    join organisations o on o.id = p.centre_id join visit_definitions d on d.id = v.visit_definition_id`;
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${where}`);
  const rows = await queryRows<OverdueRow>(
    db,
    sql`select v.id as "visitId", p.subject_code as "subjectCode", s.code as "studyCode", o.code as "centreCode", d.code as "visitCode",
          d.name_zh as "nameZh", d.name_en as "nameEn", v.window_end::text as "windowEnd", (${today}::date - v.window_end)::int as "daysOverdue"
        ${from} where ${where}
        order by o.code, v.window_end, p.subject_code limit ${FOLLOWUP_PAGE_SIZE} offset ${(f.page - 1) * FOLLOWUP_PAGE_SIZE}`,
  );
  return paged(rows, n, f.page, FOLLOWUP_PAGE_SIZE);
}

/** Open (not closed) queries per site and the age of the oldest, in days: a dashboard figure. */
export async function openQueriesBySite(actor: ScopeActor, study = ""): Promise<SiteCount[]> {
  if (!can(actor, "followup.read")) return [];
  const db = await getDb();
  return queryRows<SiteCount>(
    db,
    sql`select o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn", count(*)::int as count,
          max(extract(day from now() - q.opened_at))::int as "oldestDays"
        from queries q join participants p on p.id = q.participant_id join studies s on s.id = q.study_id join organisations o on o.id = p.centre_id
        where q.status <> 'closed' and ${participantScope(actor)} ${studyFilter(study)}
        group by o.code, o.name_zh, o.name_en order by count desc, o.code`,
  );
}

export type QueryListRow = { id: number; studyCode: string; subjectCode: string; centreCode: string; entityType: string; field: string; status: QueryStatus; ageDays: number; raisedByName: string };

export async function listQueries(actor: ScopeActor, f: ListFilters): Promise<Paged<QueryListRow>> {
  if (!can(actor, "followup.read")) return empty(f.page);
  const db = await getDb();
  const where = sql`${participantScope(actor)} ${studyFilter(f.study)} ${f.status ? sql`and q.status = ${f.status}` : sql``}`;
  const from = sql`from queries q join participants p on p.id = q.participant_id join studies s on s.id = q.study_id
    join organisations o on o.id = p.centre_id join users u on u.id = q.raised_by`;
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${where}`);
  const rows = await queryRows<QueryListRow>(
    db,
    sql`select q.id, s.code as "studyCode", p.subject_code as "subjectCode", o.code as "centreCode", q.entity_type as "entityType", q.field, q.status,
          extract(day from coalesce(q.closed_at, now()) - q.opened_at)::int as "ageDays", u.name as "raisedByName"
        ${from} where ${where}
        order by (q.status = 'closed'), q.opened_at limit ${FOLLOWUP_PAGE_SIZE} offset ${(f.page - 1) * FOLLOWUP_PAGE_SIZE}`,
  );
  return paged(rows, n, f.page, FOLLOWUP_PAGE_SIZE);
}

export type SaeRow = { id: number; studyCode: string; subjectCode: string; centreCode: string; term: string; grade: number; awareAt: string; reportedAt: string; reportLate: boolean; hoursToReport: number };

export async function listSaes(actor: ScopeActor, f: Pick<ListFilters, "study" | "page">): Promise<Paged<SaeRow>> {
  if (!can(actor, "followup.read")) return empty(f.page);
  const db = await getDb();
  const where = sql`a.serious and ${participantScope(actor)} ${studyFilter(f.study)}`;
  const from = sql`from adverse_events a join participants p on p.id = a.participant_id join studies s on s.id = a.study_id join organisations o on o.id = p.centre_id`;
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${where}`);
  const rows = await queryRows<SaeRow>(
    db,
    sql`select a.id, s.code as "studyCode", p.subject_code as "subjectCode", o.code as "centreCode", a.term, a.grade,
          to_char(a.aware_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "awareAt",
          to_char(a.reported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "reportedAt", a.report_late as "reportLate",
          round(extract(epoch from a.reported_at - a.aware_at) / 3600.0, 1)::float as "hoursToReport"
        ${from} where ${where}
        order by a.reported_at desc, a.id desc limit ${FOLLOWUP_PAGE_SIZE} offset ${(f.page - 1) * FOLLOWUP_PAGE_SIZE}`,
  );
  return paged(rows, n, f.page, FOLLOWUP_PAGE_SIZE);
}

export type ScheduleVersion = { version: number; effectiveDate: string; visits: { code: string; nameZh: string; nameEn: string; targetDay: number; windowDays: number }[] };

/** The visit schedule of every protocol version of a study the actor may see (newest first). */
export async function studySchedules(actor: ScopeActor, studyId: number): Promise<ScheduleVersion[]> {
  const db = await getDb();
  const rows = await queryRows<{ version: number; effectiveDate: string; code: string | null; nameZh: string; nameEn: string; targetDay: number; windowDays: number }>(
    db,
    sql`select pv.version, pv.effective_date::text as "effectiveDate", d.code, d.name_zh as "nameZh", d.name_en as "nameEn",
          d.target_day as "targetDay", d.window_days as "windowDays"
        from protocol_versions pv left join visit_definitions d on d.protocol_version_id = pv.id
        where pv.study_id = ${studyId} and ${can(actor, "study.read") ? studyScope(actor, sql`pv.study_id`) : sql`false`}
        order by pv.version desc, d.ordinal`,
  );
  const out: ScheduleVersion[] = [];
  for (const r of rows) {
    let v = out.find((x) => x.version === r.version);
    if (!v) out.push((v = { version: r.version, effectiveDate: r.effectiveDate, visits: [] }));
    if (r.code) v.visits.push({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, targetDay: r.targetDay, windowDays: r.windowDays });
  }
  return out;
}
