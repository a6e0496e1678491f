import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { organisations, studies, studySites, type StudySiteStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { SCREENING_PAGE_SIZE, type ScreeningFilters } from "@/lib/enrolment/filters";
import { stratumRule } from "@/lib/enrolment/derived-strata";
import type { CriterionText } from "@/lib/enrolment/failure-reasons";
import { protocolInForce } from "@/lib/enrolment/protocol";
import { atOwnCentre, screeningScope } from "@/lib/participants/scope";
import { defineQuery } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";
import { studyScope } from "@/lib/studies/scope";

type ScopeActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

export type ScreeningRow = {
  id: number;
  screenedOn: string;
  outcome: "eligible" | "screen_failed";
  failedCodes: string[];
  /** The failing criteria as the screening's protocol version states them, in the order of failedCodes. */
  failedCriteria: CriterionText[];
  centreCode: string;
  byName: string | null;
  subjectCode: string | null;
};

/** The screening log of one study in the actor's scope (site staff: their own site). */
export const listScreenings = defineQuery({
  permission: "participant.read",
  run: async (actor: ScopeActor, studyId: number, f: ScreeningFilters, pageSize: number = SCREENING_PAGE_SIZE): Promise<Paged<ScreeningRow>> => {
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
      sql`select sc.id, sc.screened_on::text as "screenedOn", sc.outcome, sc.failed_codes as "failedCodes",
            (select coalesce(jsonb_agg(jsonb_build_object('code', ec.code, 'textZh', ec.text_zh, 'textEn', ec.text_en) order by array_position(sc.failed_codes, ec.code)), '[]'::jsonb)
               from protocol_versions pv join eligibility_criteria ec on ec.protocol_version_id = pv.id
               where pv.study_id = sc.study_id and pv.version = sc.protocol_version and ec.code = any(sc.failed_codes)) as "failedCriteria",
            o.code as "centreCode",
            us.name as "byName", (select p.subject_code from participants p where p.screening_id = sc.id) as "subjectCode"
          ${from} left join users us on us.id = sc.screened_by
          where ${where} order by sc.screened_on desc, sc.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
    );
    return paged(rows, Number(n), page, pageSize);
  },
  otherwise: (_studyId, _f, pageSize = SCREENING_PAGE_SIZE) => paged<ScreeningRow>([], 0, 1, pageSize),
});

export type StudySiteOption = { id: number; centreId: number; centreCode: string; nameZh: string; nameEn: string; status: StudySiteStatus };

/**
 * The sites of a study, if the study is in the actor's scope (none otherwise): the filters of
 * the screening, participant and CONSORT pages, and the transfer form's choices.
 */
export const studySiteOptions = defineQuery({
  permission: ["participant.read", "consort.read"],
  run: async (actor: ScopeActor, studyId: number): Promise<StudySiteOption[]> => {
    const db = await getDb();
    return db
      .select({ id: studySites.id, centreId: studySites.centreId, centreCode: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn, status: studySites.status })
      .from(studySites)
      .innerJoin(organisations, eq(organisations.id, studySites.centreId))
      .where(and(eq(studySites.studyId, studyId), studyScope(actor, studySites.studyId)))
      .orderBy(organisations.code);
  },
  otherwise: (): StudySiteOption[] => [],
});

/**
 * What a site-staff member needs to screen and enrol in a study: their own centre's site, the
 * protocol in force (criteria, consent versions, stratification), and the eligible screenings
 * at their site not yet enrolled. Null for anyone else, or when their centre is no site of it.
 */
export const siteWorkContext = defineQuery({
  permission: ["participant.screen", "participant.enrol"],
  run: async (actor: ScopeActor, studyId: number) => {
    const db = await getDb();
    const [row] = await db
      .select({
        site: {
          id: studySites.id,
          status: studySites.status,
          target: studySites.target,
          enrolledCount: studySites.enrolledCount,
          allowOverEnrolment: studySites.allowOverEnrolment,
          centreCode: organisations.code,
        },
        study: { id: studies.id, status: studies.status, currentProtocolVersion: studies.currentProtocolVersion },
      })
      .from(studySites)
      .innerJoin(studies, eq(studies.id, studySites.studyId))
      .innerJoin(organisations, eq(organisations.id, studySites.centreId))
      .where(and(eq(studySites.studyId, studyId), atOwnCentre(actor, sql`${studySites.centreId}`)));
    if (!row) return null;
    const { site, study } = row;
    const protocol = await protocolInForce(db, study);
    const pending = await queryRows<{ id: number; screenedOn: string }>(
      db,
      sql`select sc.id, sc.screened_on::text as "screenedOn" from screenings sc
          where sc.study_id = ${study.id} and sc.site_id = ${site.id} and sc.outcome = 'eligible' and ${atOwnCentre(actor, sql`sc.centre_id`)}
            and not exists (select 1 from participants p where p.screening_id = sc.id)
          order by sc.screened_on desc, sc.id desc limit 50`,
    );
    return {
      site,
      open: study.status === "recruiting" && site.status === "active",
      criteria: protocol.criteria.map((c) => ({ code: c.code, kind: c.kind, textZh: c.textZh, textEn: c.textEn })),
      consents: protocol.consents.map((c) => ({ id: c.id, label: c.label, effectiveDate: c.effectiveDate })),
      // A factor that follows from recorded data (sex, age) is derived at enrolment, not asked.
      factors: protocol.factors.map((f) => ({
        code: f.code,
        nameZh: f.nameZh,
        nameEn: f.nameEn,
        derivedFrom: stratumRule(f)?.from ?? null,
        levels: f.levels.map((l) => ({ code: l.code, nameZh: l.nameZh, nameEn: l.nameEn })),
      })),
      pending,
    };
  },
  otherwise: () => null,
});

export type SiteWorkContext = NonNullable<Awaited<ReturnType<typeof siteWorkContext>>>;

/**
 * One eligible screening at the site-staff actor's own centre, with the subject code once it is
 * enrolled (the enrol page then sends the user on to the participant); null otherwise.
 */
export const ownEligibleScreening = defineQuery({
  permission: "participant.enrol",
  run: async (actor: ScopeActor, studyId: number, screeningId: number) => {
    if (!Number.isSafeInteger(screeningId)) return null;
    const db = await getDb();
    const [row] = await queryRows<{ id: number; screenedOn: string; subjectCode: string | null }>(
      db,
      sql`select sc.id, sc.screened_on::text as "screenedOn", (select p.subject_code from participants p where p.screening_id = sc.id) as "subjectCode"
          from screenings sc where sc.id = ${screeningId} and sc.study_id = ${studyId} and sc.outcome = 'eligible' and ${atOwnCentre(actor, sql`sc.centre_id`)}`,
    );
    return row ?? null;
  },
  otherwise: () => null,
});
