import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { specimenRowScope, withSubtree } from "@/lib/biobank/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** A specimen as the API shows it: the tube, its owner by pseudonym (subject or donor code), where it is. */
export type ApiSpecimen = {
  id: number;
  barcode: string;
  category: string;
  type: string;
  status: string;
  centreCode: string;
  holderCode: string;
  studyCode: string | null;
  subjectCode: string | null;
  donorCode: string | null;
  collectedAt: string;
  quantity: string;
  unit: string;
  parentBarcode: string | null;
};

export type SpecimenFilter = {
  /** Only this study's specimens (null: any). */
  studyId: number | null;
  /** The token's studies (null: no limit): a limited token never sees a donor's or another study's specimen. */
  tokenStudyIds: number[] | null;
};

function filterSql(f: SpecimenFilter): SQL[] {
  const w: SQL[] = [];
  if (f.studyId !== null) w.push(sql`p.study_id = ${f.studyId}`);
  if (f.tokenStudyIds) w.push(f.tokenStudyIds.length ? sql`p.study_id in (${sql.join(f.tokenStudyIds.map((i) => sql`${i}`), sql`, `)})` : sql`false`);
  return w;
}

const columns = sql`s.id, s.barcode, s.category::text, s.type::text, s.status::text, o.code as "centreCode", h.code as "holderCode",
  st.code as "studyCode", s.subject_code as "subjectCode", dn.donor_code as "donorCode",
  to_char(s.collected_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "collectedAt",
  s.quantity::text, s.unit::text, ps.barcode as "parentBarcode"`;
const joins = sql`join organisations o on o.id = s.centre_id
  join organisations h on h.id = s.holder_centre_id
  left join participants p on p.id = s.participant_id
  left join studies st on st.id = p.study_id
  left join donors dn on dn.id = s.donor_id
  left join specimens ps on ps.id = s.parent_id`;

export type SpecimenCursorPage = { rows: ApiSpecimen[]; nextAfter: number | null };

/** Specimens in the actor's biobank scope by id (keyset after `after`), at most `limit`. Viewers: nothing (figures only). */
export const specimenCursorPage = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, f: SpecimenFilter, after: number, limit: number): Promise<SpecimenCursorPage> => {
    const db = await getDb();
    const a = await withSubtree(db, actor);
    const where = sql.join([specimenRowScope(a, "s"), sql`s.id > ${after}`, ...filterSql(f)], sql` and `);
    const rows = await queryRows<ApiSpecimen>(db, sql`select ${columns} from specimens s ${joins} where ${where} order by s.id limit ${limit + 1}`);
    const page = rows.slice(0, limit).map((r) => ({ ...r, id: Number(r.id) }));
    return { rows: page, nextAfter: rows.length > limit ? page[page.length - 1].id : null };
  },
  otherwise: (): SpecimenCursorPage => ({ rows: [], nextAfter: null }),
});

/** One specimen by barcode in the actor's biobank scope (and the token's studies), or null. */
export const apiSpecimenByBarcode = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, barcode: string, tokenStudyIds: number[] | null): Promise<ApiSpecimen | null> => {
    const db = await getDb();
    const a = await withSubtree(db, actor);
    const where = sql.join([specimenRowScope(a, "s"), sql`s.barcode = ${barcode}`, ...filterSql({ studyId: null, tokenStudyIds })], sql` and `);
    const [row] = await queryRows<ApiSpecimen>(db, sql`select ${columns} from specimens s ${joins} where ${where}`);
    return row ? { ...row, id: Number(row.id) } : null;
  },
  otherwise: (): ApiSpecimen | null => null,
});
