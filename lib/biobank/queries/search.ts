import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { PAGE_SIZE, type SpecimenFilters } from "@/lib/biobank/filters";
import { specimenCountScope, specimenRowScope, withSubtree } from "@/lib/biobank/scope";

export * from "@/lib/biobank/queries/storage";
export * from "@/lib/biobank/queries/movements";
export * from "@/lib/biobank/queries/specimens";

export type SpecimenRow = {
  id: number;
  barcode: string;
  category: string;
  type: string;
  status: string;
  centreCode: string;
  centreNameZh: string;
  centreNameEn: string;
  holderCode: string;
  subjectCode: string | null;
  donorCode: string | null;
  collectedAt: string;
  quantity: string;
  unit: string;
  location: string | null;
};

/** Filter conditions on `s` (specimens); scope is added by the callers. */
function filterWhere(f: SpecimenFilters): SQL[] {
  const w: SQL[] = [];
  if (f.barcode) w.push(sql`s.barcode = ${f.barcode}`);
  if (f.category) w.push(sql`s.category = ${f.category}`);
  if (f.type) w.push(sql`s.type = ${f.type}`);
  if (f.status) w.push(sql`s.status = ${f.status}`);
  if (f.centre) w.push(sql`s.centre_id = ${f.centre}`);
  if (f.code) w.push(sql`(s.subject_code = ${f.code} or s.donor_id = (select d.id from donors d where d.donor_code = ${f.code}))`);
  if (f.from) w.push(sql`s.collected_at >= ${f.from}::date`);
  if (f.to) w.push(sql`s.collected_at < ${f.to}::date + 1`);
  return w;
}

const and = (parts: SQL[]) => sql.join(parts, sql` and `);

/** One page of specimens matching the filters, newest collection first, within the actor's scope. */
export async function searchSpecimens(actor: Actor, f: SpecimenFilters, db?: Db): Promise<{ rows: SpecimenRow[]; total: number; page: number; pages: number }> {
  const d = db ?? (await getDb());
  const a = await withSubtree(d, actor);
  const where = and([specimenRowScope(a, "s"), ...filterWhere(f)]);
  const page = f.page ?? 1;
  const [countRow] = await queryRows<{ n: number }>(d, sql`select count(*)::int as n from specimens s where ${where}`);
  const total = Number(countRow.n);
  const rows = await queryRows<SpecimenRow>(
    d,
    sql`select s.id, s.barcode, s.category::text, s.type::text, s.status::text,
               o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn", h.code as "holderCode",
               s.subject_code as "subjectCode", dn.donor_code as "donorCode", s.collected_at::text as "collectedAt",
               s.quantity::text, s.unit::text,
               case when s.box_id is null then null else f.code || ' / ' || r.code || ' / ' || b.code || ' / ' || chr(64 + s.pos_row) || s.pos_col end as location
        from (select s.* from specimens s where ${where} order by s.collected_at desc, s.id desc limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}) s
        join organisations o on o.id = s.centre_id
        join organisations h on h.id = s.holder_centre_id
        left join donors dn on dn.id = s.donor_id
        left join storage_boxes b on b.id = s.box_id
        left join storage_racks r on r.id = b.rack_id
        left join storage_freezers f on f.id = r.freezer_id
        order by s.collected_at desc, s.id desc`,
  );
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export type SpecimenCounts = {
  total: number;
  byType: { type: string; n: number }[];
  byCentre: { centreId: number; code: string; nameZh: string; nameEn: string; n: number }[];
};

/** Counts by type and by collecting centre of what matches the filters: viewers get these, never rows. */
export async function specimenCounts(actor: Actor, f: SpecimenFilters, db?: Db): Promise<SpecimenCounts> {
  const d = db ?? (await getDb());
  const a = await withSubtree(d, actor);
  const where = and([specimenCountScope(a, "s"), ...filterWhere(f)]);
  const grouped = await queryRows<{ type: string; centreId: number; n: number }>(
    d,
    sql`select s.type::text as type, s.centre_id as "centreId", count(*)::int as n from specimens s where ${where} group by 1, 2`,
  );
  const byType = new Map<string, number>();
  const byCentreN = new Map<number, number>();
  let total = 0;
  for (const g of grouped) {
    const n = Number(g.n);
    total += n;
    byType.set(g.type, (byType.get(g.type) ?? 0) + n);
    byCentreN.set(g.centreId, (byCentreN.get(g.centreId) ?? 0) + n);
  }
  const ids = [...byCentreN.keys()];
  const orgs = ids.length
    ? await queryRows<{ id: number; code: string; nameZh: string; nameEn: string }>(
        d,
        sql`select id, code, name_zh as "nameZh", name_en as "nameEn" from organisations where id in ${sql`(${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`}`,
      )
    : [];
  return {
    total,
    byType: [...byType.entries()].map(([type, n]) => ({ type, n })).sort((a, b) => b.n - a.n),
    byCentre: orgs.map((o) => ({ centreId: o.id, code: o.code, nameZh: o.nameZh, nameEn: o.nameEn, n: byCentreN.get(o.id) ?? 0 })).sort((a, b) => b.n - a.n),
  };
}

/** Centres offered in the search's centre filter (names of centres are not restricted). */
export async function filterCentres(actor: Actor, db?: Db): Promise<{ id: number; code: string; nameZh: string; nameEn: string }[]> {
  const d = db ?? (await getDb());
  // A hub bank holds specimens collected anywhere: only coordinators are narrowed to their subtree.
  const reach = actor.role === "centre_coordinator" ? sql`o.path like ${actor.centrePath + "%"}` : sql`true`;
  return queryRows(d, sql`select o.id, o.code, o.name_zh as "nameZh", o.name_en as "nameEn" from organisations o where ${reach} order by o.path`);
}
