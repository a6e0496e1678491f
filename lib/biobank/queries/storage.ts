import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { boxPath, storagePath, type BoxPlace } from "@/lib/biobank/location";
import { centreTreeOrder, naturalOrder } from "@/lib/biobank/natural-order";
import { storageScope } from "@/lib/biobank/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { paged, type Paged } from "@/lib/reads/paging";

export type BoxSummary = { id: number; code: string; rows: number; cols: number; used: number };
export type RackSummary = { id: number; code: string; boxes: BoxSummary[] };
export type FreezerSummary = { id: number; code: string; name: string; temperatureC: number; centreCode: string; racks: RackSummary[] };

/** Storage shows which tube sits where: a specimen-level read, for the centres owning the storage. */
const STORAGE_READ = "biobank.specimens.read";

// Types spelled out when every argument is optional: TypeScript would otherwise infer none from `otherwise`.
/** Freezers → racks → boxes with occupancy, for the centres whose storage the actor may see: centres in tree order, codes in natural order. */
export const storageTree = defineQuery<ReadActor, [db?: Db], FreezerSummary[]>({
  permission: STORAGE_READ,
  run: async (actor: ReadActor, db?: Db): Promise<FreezerSummary[]> => {
    const d = db ?? (await getDb());
    const rows = await queryRows<{
      fId: number; fCode: string; fName: string; temp: number; centreCode: string;
      rId: number | null; rCode: string | null; bId: number | null; bCode: string | null; bRows: number | null; bCols: number | null; used: number | null;
    }>(
      d,
      sql`select f.id as "fId", f.code as "fCode", f.name as "fName", f.temperature_c as temp, o.code as "centreCode",
                 r.id as "rId", r.code as "rCode", b.id as "bId", b.code as "bCode", b.rows as "bRows", b.cols as "bCols",
                 (select count(*)::int from specimens s where s.box_id = b.id) as used
          from storage_freezers f
          join organisations o on o.id = f.centre_id
          left join storage_racks r on r.freezer_id = f.id
          left join storage_boxes b on b.rack_id = r.id
          where ${storageScope(actor, sql`f.centre_id`)}
          order by ${centreTreeOrder("o")}, ${naturalOrder(sql`f.code`)}, ${naturalOrder(sql`r.code`)}, ${naturalOrder(sql`b.code`)}`,
    );
    const freezers = new Map<number, FreezerSummary>();
    for (const x of rows) {
      let f = freezers.get(x.fId);
      if (!f) freezers.set(x.fId, (f = { id: x.fId, code: x.fCode, name: x.fName, temperatureC: x.temp, centreCode: x.centreCode, racks: [] }));
      if (x.rId == null) continue;
      let r = f.racks.find((y) => y.id === x.rId);
      if (!r) f.racks.push((r = { id: x.rId, code: x.rCode ?? "", boxes: [] }));
      if (x.bId != null) r.boxes.push({ id: x.bId, code: x.bCode ?? "", rows: x.bRows ?? 0, cols: x.bCols ?? 0, used: Number(x.used ?? 0) });
    }
    return [...freezers.values()];
  },
  otherwise: () => [],
});

export type BoxGrid = {
  id: number;
  path: string;
  rows: number;
  cols: number;
  centreId: number;
  cells: { row: number; col: number; barcode: string; type: string; status: string }[];
};

/** A box and what sits in each position; null when the box is outside the actor's storage scope. */
export const boxGrid = defineQuery({
  permission: STORAGE_READ,
  run: async (actor: ReadActor, boxId: number, db?: Db): Promise<BoxGrid | null> => {
    const d = db ?? (await getDb());
    const [box] = await queryRows<BoxPlace & { id: number; rows: number; cols: number; centreId: number }>(
      d,
      sql`select b.id, o.code as "storeCode", f.code as "freezerCode", r.code as "rackCode", b.code as "boxCode", b.rows, b.cols, b.centre_id as "centreId"
          from storage_boxes b join storage_racks r on r.id = b.rack_id join storage_freezers f on f.id = r.freezer_id
          join organisations o on o.id = b.centre_id
          where b.id = ${boxId} and ${storageScope(actor, sql`b.centre_id`)}`,
    );
    if (!box) return null;
    // The box is in scope (above), and a box holds only specimens of its own centre.
    const cells = await queryRows<{ row: number; col: number; barcode: string; type: string; status: string }>(
      d,
      sql`select pos_row as row, pos_col as col, barcode, type::text, status::text from specimens where box_id = ${box.id} order by pos_row, pos_col`,
    );
    return { id: box.id, path: boxPath(box), rows: box.rows, cols: box.cols, centreId: box.centreId, cells };
  },
  otherwise: () => null,
});

/** Boxes listed at once by the "place" chooser. */
export const BOX_CHOOSER_PAGE_SIZE = 20;

export type BoxWithSpace = { id: number; path: string; free: number };
/** One page of boxes with space, and how many boxes the centre has at all (0: storage must be set up first). */
export type BoxChooserPage = Paged<BoxWithSpace> & { boxesAtCentre: number };

const emptyChooser = (): BoxChooserPage => ({ ...paged<BoxWithSpace>([], 0, 1, BOX_CHOOSER_PAGE_SIZE), boxesAtCentre: 0 });

/**
 * The "place" chooser: boxes of a centre with at least one free position, in natural order
 * (F01 / R1 / B0001, B0002 … B0012, then R2 …), narrowed by a text found anywhere in the box's
 * path ("B0153", "F03 / R2"), one page at a time.
 */
export const boxesWithSpace = defineQuery({
  permission: STORAGE_READ,
  run: async (actor: ReadActor, centreId: number, opts: { q?: string; page?: number } = {}, db?: Db): Promise<BoxChooserPage> => {
    const d = db ?? (await getDb());
    const page = opts.page ?? 1;
    const q = (opts.q ?? "").trim().toUpperCase().replace(/[%_\\]/g, "");
    const inCentre = sql`b.centre_id = ${centreId} and ${storageScope(actor, sql`b.centre_id`)}`;
    const match = q ? sql`and (f.code || ${" / "} || r.code || ${" / "} || b.code) like ${`%${q}%`}` : sql``;
    const spaces = sql`select b.id, f.code as "freezerCode", r.code as "rackCode", b.code as "boxCode",
               b.rows * b.cols - (select count(*)::int from specimens s where s.box_id = b.id) as free
        from storage_boxes b join storage_racks r on r.id = b.rack_id join storage_freezers f on f.id = r.freezer_id
        where ${inCentre} ${match}`;
    const [[counts], rows] = await Promise.all([
      queryRows<{ total: number; boxes: number }>(
        d,
        sql`select (select count(*)::int from (${spaces}) x where x.free > 0) as total,
                   (select count(*)::int from storage_boxes b where ${inCentre}) as boxes`,
      ),
      queryRows<{ id: number; freezerCode: string; rackCode: string; boxCode: string; free: number }>(
        d,
        sql`select * from (${spaces}) x where x.free > 0
            order by ${naturalOrder(sql`x."freezerCode"`)}, ${naturalOrder(sql`x."rackCode"`)}, ${naturalOrder(sql`x."boxCode"`)}
            limit ${BOX_CHOOSER_PAGE_SIZE} offset ${(page - 1) * BOX_CHOOSER_PAGE_SIZE}`,
      ),
    ]);
    // All in one centre (the specimen's holder): the path starts at the freezer.
    const list = rows.map((b) => ({ id: b.id, path: storagePath(b.freezerCode, b.rackCode, b.boxCode), free: Number(b.free) }));
    return { ...paged(list, Number(counts.total), page, BOX_CHOOSER_PAGE_SIZE), boxesAtCentre: Number(counts.boxes) };
  },
  otherwise: emptyChooser,
});
