import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { QueryStatus } from "@/db/schema";
import { crfTargetColumn, parseCrfTarget, type CrfQueryTarget } from "@/lib/followup/crf-query-target";
import type { ListFilters } from "@/lib/followup/list-filters";
import { myQueries, overdueVisit, queriesAtMySite } from "@/lib/followup/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";
import { participantScope } from "@/lib/participants/scope";
import { networkToday } from "@/lib/time/network-day";

export const FOLLOWUP_PAGE_SIZE = 25;

const empty = <T>(page: number): Paged<T> => paged<T>([], 0, page, FOLLOWUP_PAGE_SIZE);

function studyFilter(code: string): SQL {
  return code ? sql`and s.code = ${code.toUpperCase()}` : sql``;
}

export type SiteCount = { centreCode: string; centreNameZh: string; centreNameEn: string; count: number; oldestDays: number };

/** Overdue visits per site (the participant's current site): how many, and the longest overdue in days; `study` a code or "" for all. */
export const overdueBySite = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, study: string): Promise<SiteCount[]> => {
    const db = await getDb();
    const today = networkToday();
    return queryRows<SiteCount>(
      db,
      sql`select o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn", count(*)::int as count,
            max(${today}::date - v.window_end)::int as "oldestDays"
          from participant_visits v join participants p on p.id = v.participant_id join studies s on s.id = p.study_id
          join organisations o on o.id = p.centre_id
          where ${overdueVisit(today)} and ${participantScope(actor)} ${studyFilter(study)}
          group by o.code, o.name_zh, o.name_en order by count desc, o.code`,
    );
  },
  otherwise: () => [],
});

export type OverdueRow = { visitId: number; subjectCode: string; studyCode: string; centreCode: string; visitCode: string; nameZh: string; nameEn: string; windowEnd: string; daysOverdue: number };

/** Expected visits past their window, of enrolled participants in scope, by site. */
export const listOverdueVisits = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, f: Pick<ListFilters, "study" | "page">): Promise<Paged<OverdueRow>> => {
    const db = await getDb();
    const today = networkToday();
    const where = sql`${overdueVisit(today)} and ${participantScope(actor)} ${studyFilter(f.study)}`;
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
  },
  otherwise: (f) => empty(f.page),
});

/** Open (not closed) queries per site and the age of the oldest, in days: a dashboard figure. */
export const openQueriesBySite = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, study: string): Promise<SiteCount[]> => {
    const db = await getDb();
    return queryRows<SiteCount>(
      db,
      sql`select o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn", count(*)::int as count,
            max(extract(day from now() - q.opened_at))::int as "oldestDays"
          from queries q join participants p on p.id = q.participant_id join studies s on s.id = q.study_id join organisations o on o.id = p.centre_id
          where q.status <> 'closed' and ${participantScope(actor)} ${studyFilter(study)}
          group by o.code, o.name_zh, o.name_en order by count desc, o.code`,
    );
  },
  otherwise: () => [],
});

/** `crf`: where a query on a CRF item points (its form page, the item's label); null on other records. */
export type QueryListRow = { id: number; studyCode: string; subjectCode: string; centreCode: string; entityType: string; entityId: number; field: string; crf: CrfQueryTarget | null; status: QueryStatus; ageDays: number; raisedByName: string };

const SHOW: Record<NonNullable<ListFilters["show"]>, (actor: ReadActor) => SQL> = {
  all: () => sql`true`,
  mine: myQueries,
  site: queriesAtMySite,
};

/** Queries in scope, newest raised first (or oldest first); all, mine or my site's. */
export const listQueries = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, f: ListFilters): Promise<Paged<QueryListRow>> => {
    const db = await getDb();
    const where = sql`${participantScope(actor)} and ${SHOW[f.show ?? "all"](actor)} ${studyFilter(f.study)} ${f.status ? sql`and q.status = ${f.status}` : sql``}`;
    const order = f.sort === "oldest" ? sql`q.opened_at, q.id` : sql`q.opened_at desc, q.id desc`;
    const from = sql`from queries q join participants p on p.id = q.participant_id join studies s on s.id = q.study_id
      join organisations o on o.id = p.centre_id join users u on u.id = q.raised_by`;
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${where}`);
    const rows = await queryRows<QueryListRow>(
      db,
      sql`select q.id, s.code as "studyCode", p.subject_code as "subjectCode", o.code as "centreCode", q.entity_type as "entityType", q.entity_id as "entityId", q.field, ${crfTargetColumn()} as crf, q.status,
            extract(day from coalesce(q.closed_at, now()) - q.opened_at)::int as "ageDays", u.name as "raisedByName"
          ${from} where ${where}
          order by ${order} limit ${FOLLOWUP_PAGE_SIZE} offset ${(f.page - 1) * FOLLOWUP_PAGE_SIZE}`,
    );
    return paged(rows.map((r) => ({ ...r, crf: parseCrfTarget(r.crf) })), n, f.page, FOLLOWUP_PAGE_SIZE);
  },
  otherwise: (f) => empty(f.page),
});

export type SaeRow = { id: number; studyCode: string; subjectCode: string; centreCode: string; term: string; grade: number; awareAt: string; reportedAt: string; reportLate: boolean; hoursToReport: number };

/** Serious AEs in scope with their time to report, latest report first. */
export const listSaes = defineQuery({
  permission: "followup.read",
  run: async (actor: ReadActor, f: Pick<ListFilters, "study" | "page">): Promise<Paged<SaeRow>> => {
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
  },
  otherwise: (f) => empty(f.page),
});
