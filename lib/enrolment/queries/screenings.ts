import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { organisations, studySites, type StudySiteStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { protocolInForce } from "@/lib/enrolment/protocol";
import { screeningScope } from "@/lib/participants/scope";
import { studyScope } from "@/lib/studies/scope";
import { paged, type Paged } from "@/lib/reads/paging";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

export const SCREENING_PAGE_SIZE = 25;

export type ScreeningFilters = { site: string; outcome: "eligible" | "screen_failed" | ""; page: number };

export function parseScreeningFilters(sp: { site?: string; outcome?: string; page?: number }): ScreeningFilters {
  const outcome = sp.outcome === "eligible" || sp.outcome === "screen_failed" ? sp.outcome : "";
  return { site: /^[A-Z0-9]{2,8}$/.test(sp.site ?? "") ? sp.site! : "", outcome, page: sp.page ?? 1 };
}

export type ScreeningRow = {
  id: number;
  screenedOn: string;
  outcome: "eligible" | "screen_failed";
  failedCodes: string[];
  centreCode: string;
  byName: string | null;
  subjectCode: string | null;
};

/** The screening log of one study in the actor's scope (site staff: their own site). */
export async function listScreenings(actor: ScopeActor, studyId: number, f: ScreeningFilters, pageSize = SCREENING_PAGE_SIZE): Promise<Paged<ScreeningRow>> {
  if (!can(actor, "participant.read")) return paged([], 0, 1, pageSize);
  const db = await getDb();
  const conds: SQL[] = [sql`sc.study_id = ${studyId}`, screeningScope(actor)];
  if (f.site) conds.push(sql`o.code = ${f.site}`);
  if (f.outcome) conds.push(sql`sc.outcome = ${f.outcome}`);
  const where = sql.join(conds, sql` and `);
  const from = sql`from screenings sc join organisations o on o.id = sc.centre_id`;
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${where}`);
  const pages = Math.max(1, Math.ceil(Number(n) / pageSize));
  const page = Math.min(f.page, pages);
  const rows = await queryRows<ScreeningRow>(
    db,
    sql`select sc.id, sc.screened_on::text as "screenedOn", sc.outcome, sc.failed_codes as "failedCodes", o.code as "centreCode",
          us.name as "byName", (select p.subject_code from participants p where p.screening_id = sc.id) as "subjectCode"
        ${from} left join users us on us.id = sc.screened_by
        where ${where} order by sc.screened_on desc, sc.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return paged(rows, Number(n), page, pageSize);
}

export type StudySiteOption = { id: number; centreId: number; centreCode: string; nameZh: string; nameEn: string; status: StudySiteStatus };

/** The sites of a study, if the study is in the actor's scope (none otherwise). */
export async function studySiteOptions(actor: ScopeActor, studyId: number): Promise<StudySiteOption[]> {
  const db = await getDb();
  return db
    .select({ id: studySites.id, centreId: studySites.centreId, centreCode: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, status: studySites.status })
    .from(studySites)
    .innerJoin(organisations, eq(organisations.id, studySites.centreId))
    .where(and(eq(studySites.studyId, studyId), studyScope(actor, studySites.studyId)))
    .orderBy(organisations.code);
}

/**
 * What a site-staff member needs to screen and enrol in a study: their own centre's site, the
 * protocol in force (criteria, consent versions, stratification), and the eligible screenings
 * at their site not yet enrolled. Null for anyone else.
 */
export async function siteWorkContext(actor: ScopeActor, study: { id: number; currentProtocolVersion: number; status: string }) {
  if (actor.role !== "site_staff") return null;
  const db = await getDb();
  const [site] = await db
    .select({ id: studySites.id, status: studySites.status, target: studySites.target, enrolledCount: studySites.enrolledCount, allowOverEnrolment: studySites.allowOverEnrolment, centreCode: organisations.code })
    .from(studySites)
    .innerJoin(organisations, eq(organisations.id, studySites.centreId))
    .where(and(eq(studySites.studyId, study.id), eq(studySites.centreId, actor.centreId)));
  if (!site) return null;
  const protocol = await protocolInForce(db, study);
  const pending = await queryRows<{ id: number; screenedOn: string }>(
    db,
    sql`select sc.id, sc.screened_on::text as "screenedOn" from screenings sc
        where sc.study_id = ${study.id} and sc.site_id = ${site.id} and sc.outcome = 'eligible'
          and not exists (select 1 from participants p where p.screening_id = sc.id)
        order by sc.screened_on desc, sc.id desc limit 50`,
  );
  return {
    site,
    open: study.status === "recruiting" && site.status === "active",
    criteria: protocol.criteria.map((c) => ({ code: c.code, kind: c.kind, textZh: c.textZh, textEn: c.textEn })),
    consents: protocol.consents.map((c) => ({ id: c.id, label: c.label, effectiveDate: c.effectiveDate })),
    factors: protocol.factors.map((f) => ({ code: f.code, nameZh: f.nameZh, nameEn: f.nameEn, levels: f.levels.map((l) => ({ code: l.code, nameZh: l.nameZh, nameEn: l.nameEn })) })),
    pending,
  };
}

/**
 * One eligible screening at the site-staff actor's own centre, with the subject code once it is
 * enrolled (the enrol page then sends the user on to the participant); null otherwise.
 */
export async function ownEligibleScreening(actor: ScopeActor, studyId: number, screeningId: number) {
  if (actor.role !== "site_staff" || !Number.isSafeInteger(screeningId)) return null;
  const db = await getDb();
  const [row] = await queryRows<{ id: number; screenedOn: string; subjectCode: string | null }>(
    db,
    sql`select sc.id, sc.screened_on::text as "screenedOn", (select p.subject_code from participants p where p.screening_id = sc.id) as "subjectCode"
        from screenings sc where sc.id = ${screeningId} and sc.study_id = ${studyId} and sc.centre_id = ${actor.centreId} and sc.outcome = 'eligible'`,
  );
  return row ?? null;
}

export type SiteWorkContext = NonNullable<Awaited<ReturnType<typeof siteWorkContext>>>;
