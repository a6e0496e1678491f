import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { ResearchArea, StudyBlinding, StudyPhase, StudySiteStatus, StudyStatus } from "@/db/enums";
import { studyAllowList } from "@/lib/fhir/allow-list";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";
import { studyScope } from "@/lib/studies/scope";

export type FhirStudyRow = {
  id: number;
  code: string;
  titleZh: string;
  titleEn: string;
  registryNo: string | null;
  phase: StudyPhase;
  status: StudyStatus;
  area: ResearchArea;
  blinding: StudyBlinding | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  /** Arms of the protocol version in force (the protocol page shows them to everyone who sees the study). */
  arms: { code: string; nameZh: string; nameEn: string }[];
  sites: { code: string; nameZh: string; nameEn: string; status: StudySiteStatus }[];
};

export type FhirStudyFilter = {
  studyIds: number[] | null;
  /** Exact study code (a read, or `identifier` / `_id` search). */
  code?: string;
  page: number;
  count: number;
};

/**
 * Studies for the FHIR endpoints: the studies scope (lib/studies/scope.ts) and the token's
 * allow-list in the WHERE, ordered by id so that pages stay put while studies are added.
 * The pages' list reads sort by code and carry no allow-list, hence this read.
 */
export const fhirStudies = defineQuery({
  permission: "study.read",
  run: async (actor: ReadActor, f: FhirStudyFilter): Promise<Paged<FhirStudyRow>> => {
    const db = await getDb();
    const conds: SQL[] = [studyScope(actor, sql`s.id`), studyAllowList(f.studyIds, sql`s.id`)];
    if (f.code !== undefined) conds.push(sql`s.code = ${f.code}`);
    const where = sql.join(conds, sql` and `);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from studies s where ${where}`);
    const rows = await queryRows<FhirStudyRow>(
      db,
      sql`select s.id, s.code, s.title_zh as "titleZh", s.title_en as "titleEn", s.registry_no as "registryNo", s.phase, s.status, s.area,
            s.blinding, s.planned_start::text as "plannedStart", s.planned_end::text as "plannedEnd",
            coalesce((select json_agg(json_build_object('code', a.code, 'nameZh', a.name_zh, 'nameEn', a.name_en) order by a.ordinal)
                      from study_arms a join protocol_versions pv on pv.id = a.protocol_version_id
                      where pv.study_id = s.id and pv.version = s.current_protocol_version), '[]'::json) as arms,
            coalesce((select json_agg(json_build_object('code', o.code, 'nameZh', o.name_zh, 'nameEn', o.name_en, 'status', ss.status) order by o.code)
                      from study_sites ss join organisations o on o.id = ss.centre_id where ss.study_id = s.id), '[]'::json) as sites
          from studies s where ${where}
          order by s.id limit ${f.count} offset ${(f.page - 1) * f.count}`,
    );
    return paged(rows, Number(n), f.page, f.count);
  },
  otherwise: (f: FhirStudyFilter): Paged<FhirStudyRow> => paged([], 0, f.page, f.count),
});
