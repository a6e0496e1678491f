import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { can } from "@/lib/authz/can";
import { coarseFilters, PAGE_SIZE, type SpecimenFilters } from "@/lib/biobank/filters";
import { storagePlaceColumns, storagePlaceJoins } from "@/lib/biobank/location-sql";
import { withLocation, type StoragePlace } from "@/lib/biobank/location";
import { centreTreeOrder } from "@/lib/biobank/natural-order";
import { filterCentreScope, specimenCountScope, specimenRowScope, withSubtree } from "@/lib/biobank/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";
import { addDays, parseNetworkLocal } from "@/lib/time/network-day";

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
  /** Where it is stored (lib/biobank/location.ts: the same string as on the detail page). */
  location: string | null;
};

/** The first instant of a network day (its midnight in the network's zone), as a timestamptz parameter. */
function networkDayStart(day: string): string {
  return new Date(parseNetworkLocal(`${day}T00:00`)).toISOString();
}

/** Filter conditions on `s` (specimens); scope is added by the callers. */
function filterWhere(f: SpecimenFilters): SQL[] {
  const w: SQL[] = [];
  if (f.barcode) w.push(sql`s.barcode = ${f.barcode}`);
  if (f.category) w.push(sql`s.category = ${f.category}`);
  if (f.type) w.push(sql`s.type = ${f.type}`);
  if (f.status) w.push(sql`s.status = ${f.status}`);
  if (f.centre) w.push(sql`s.centre_id = ${f.centre}`);
  if (f.code) w.push(sql`(s.subject_code = ${f.code} or s.donor_id = (select d.id from donors d where d.donor_code = ${f.code}))`);
  // Days are network days (as the page shows times and the dashboard counts): a half-open
  // range of instants from the first day's midnight to the midnight after the last, in the zone.
  if (f.from) w.push(sql`s.collected_at >= ${networkDayStart(f.from)}::timestamptz`);
  if (f.to) w.push(sql`s.collected_at < ${networkDayStart(addDays(f.to, 1))}::timestamptz`);
  return w;
}

const and = (parts: SQL[]) => sql.join(parts, sql` and `);

const emptyPage = (f?: SpecimenFilters): Paged<SpecimenRow> => paged([], 0, f?.page ?? 1, PAGE_SIZE);

/** One page of specimens matching the filters, newest collection first, within the actor's scope. */
export const searchSpecimens = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, f: SpecimenFilters, db?: Db): Promise<Paged<SpecimenRow>> => {
    const d = db ?? (await getDb());
    const a = await withSubtree(d, actor);
    const where = and([specimenRowScope(a, "s"), ...filterWhere(f)]);
    const page = f.page ?? 1;
    const [countRow] = await queryRows<{ n: number }>(d, sql`select count(*)::int as n from specimens s where ${where}`);
    const total = Number(countRow.n);
    const rows = await queryRows<Omit<SpecimenRow, "location"> & StoragePlace>(
      d,
      sql`select s.id, s.barcode, s.category::text, s.type::text, s.status::text,
                 o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn", h.code as "holderCode",
                 s.subject_code as "subjectCode", dn.donor_code as "donorCode", s.collected_at::text as "collectedAt",
                 s.quantity::text, s.unit::text, ${storagePlaceColumns}
          from (select s.* from specimens s where ${where} order by s.collected_at desc, s.id desc limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}) s
          join organisations o on o.id = s.centre_id
          join organisations h on h.id = s.holder_centre_id
          left join donors dn on dn.id = s.donor_id
          ${storagePlaceJoins}
          order by s.collected_at desc, s.id desc`,
    );
    return paged(rows.map(withLocation), total, page, PAGE_SIZE);
  },
  otherwise: emptyPage,
});

export type SpecimenCounts = {
  total: number;
  byType: { type: string; n: number }[];
  byCentre: { centreId: number; code: string; nameZh: string; nameEn: string; n: number }[];
};

const noCounts = (): SpecimenCounts => ({ total: 0, byType: [], byCentre: [] });

/** Counts by type and by collecting centre of what matches the filters: viewers get these, never rows. */
export const specimenCounts = defineQuery({
  permission: "biobank.read",
  run: async (actor: ReadActor, f: SpecimenFilters, db?: Db): Promise<SpecimenCounts> => {
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
  },
  otherwise: noCounts,
});

/** What the search screen shows: rows for roles that may see them (null for figures-only roles), and counts. */
export type SpecimenSearchResult = { rows: SpecimenRow[] | null; total: number; page: number; pages: number; counts: SpecimenCounts };

/**
 * The search screen's read (GET /api/biobank/specimens): figures-only roles get counts with
 * the person- and tube-level filters dropped, never rows. Null for an actor who may not read
 * the biobank at all.
 */
export const specimenSearch = defineQuery({
  permission: "biobank.read",
  run: async (actor: ReadActor, f: SpecimenFilters, db?: Db): Promise<SpecimenSearchResult | null> => {
    const withRows = can(actor, "biobank.specimens.read");
    const [result, counts] = await Promise.all([
      withRows ? searchSpecimens(actor, f, db) : Promise.resolve(null),
      specimenCounts(actor, withRows ? f : coarseFilters(f), db),
    ]);
    return { rows: result?.rows ?? null, total: result?.total ?? counts.total, page: result?.page ?? 1, pages: result?.pages ?? 1, counts };
  },
  otherwise: () => null,
});

export type CentreOption = { id: number; code: string; nameZh: string; nameEn: string };

// Types spelled out when every argument is optional: TypeScript would otherwise infer none from `otherwise`.
/** Centres offered in the search's centre filter (names of centres are not restricted), in tree order. */
export const filterCentres = defineQuery<ReadActor, [db?: Db], CentreOption[]>({
  permission: "biobank.read",
  run: async (actor, db) => {
    const d = db ?? (await getDb());
    return queryRows<CentreOption>(d, sql`select o.id, o.code, o.name_zh as "nameZh", o.name_en as "nameEn" from organisations o where ${filterCentreScope(actor, "o")} order by ${centreTreeOrder("o")}`);
  },
  otherwise: () => [],
});
