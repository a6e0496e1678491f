import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { specimenRowScope, withSubtree } from "@/lib/biobank/scope";
import { studyAllowList } from "@/lib/fhir/allow-list";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";

export type FhirSpecimenRow = {
  id: number;
  barcode: string;
  category: string;
  type: string;
  status: string;
  /** UTC instant, ISO 8601. */
  collectedAt: string;
  quantity: string;
  unit: string;
  subjectCode: string | null;
  donorCode: string | null;
  /** The parent aliquot's barcode, only when the parent is itself within the actor's scope. */
  parentBarcode: string | null;
};

export type FhirSpecimenFilter = {
  studyIds: number[] | null;
  barcode?: string;
  /** Specimens of the participants of this study (aliquots included: they carry the subject code). */
  studyCode?: string;
  /** Specimens of these subjects (the study bundle's page of subjects). */
  subjectCodes?: string[];
  page: number;
  count: number;
};

/** Bound on the subject codes one read takes (a bundle page has at most 200 subjects). */
const MAX_SUBJECT_CODES = 200;

/**
 * Specimens for the FHIR endpoints: the specimen scope (lib/biobank/scope.ts, the only place
 * that decides who sees which specimen) and the token's allow-list over the specimen's study in
 * the WHERE. A specimen belongs to a study through its subject code; a donor's specimen belongs
 * to none, so a study-limited token never reaches it. Ordered by id (stable pages).
 */
export const fhirSpecimens = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, f: FhirSpecimenFilter): Promise<Paged<FhirSpecimenRow>> => {
    const db = await getDb();
    const a = await withSubtree(db, actor);
    const conds: SQL[] = [specimenRowScope(a, "sp"), studyAllowList(f.studyIds, sql`sp_p.study_id`)];
    if (f.barcode !== undefined) conds.push(sql`sp.barcode = ${f.barcode}`);
    if (f.studyCode !== undefined) conds.push(sql`sp_p.study_id = (select st.id from studies st where st.code = ${f.studyCode})`);
    if (f.subjectCodes !== undefined) {
      const codes = f.subjectCodes.slice(0, MAX_SUBJECT_CODES);
      if (codes.length === 0) return paged([], 0, f.page, f.count);
      conds.push(sql`sp.subject_code in (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`);
    }
    const where = sql.join(conds, sql` and `);
    const from = sql`from specimens sp left join participants sp_p on sp_p.subject_code = sp.subject_code`;
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${where}`);
    const rows = await queryRows<FhirSpecimenRow>(
      db,
      sql`select sp.id, sp.barcode, sp.category::text, sp.type::text, sp.status::text,
            to_char(sp.collected_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "collectedAt",
            sp.quantity::text, sp.unit::text, sp.subject_code as "subjectCode", dn.donor_code as "donorCode",
            case when par.id is not null and ${specimenRowScope(a, "par")} then par.barcode end as "parentBarcode"
          ${from}
          left join donors dn on dn.id = sp.donor_id
          left join specimens par on par.id = sp.parent_id
          where ${where}
          order by sp.id limit ${f.count} offset ${(f.page - 1) * f.count}`,
    );
    return paged(rows, Number(n), f.page, f.count);
  },
  otherwise: (f: FhirSpecimenFilter): Paged<FhirSpecimenRow> => paged([], 0, f.page, f.count),
});
