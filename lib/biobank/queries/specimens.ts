import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { storagePlaceColumns, storagePlaceJoins } from "@/lib/biobank/location-sql";
import { LABELS_PER_SHEET } from "@/lib/biobank/label-sheet";
import { withLocation, type StoragePlace } from "@/lib/biobank/location";
import type { SpecimenRow } from "@/lib/biobank/queries/search";
import { specimenRowScope, specimenWriteScope, withSubtree } from "@/lib/biobank/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

/** A search row and what the detail page adds to it. */
export type SpecimenDetail = SpecimenRow & {
  centreId: number;
  holderCentreId: number;
  futureConsent: string;
  parentId: number | null;
  boxId: number | null;
  /** True when this actor may change it (its holder centre's staff, or an admin). */
  writable: boolean;
};

/** One specimen by barcode, only if it lies in the actor's scope. */
export const specimenByBarcode = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, barcode: string, db?: Db): Promise<SpecimenDetail | null> => {
    const d = db ?? (await getDb());
    const a = await withSubtree(d, actor);
    const [row] = await queryRows<Omit<SpecimenDetail, "location"> & StoragePlace>(
      d,
      sql`select s.id, s.barcode, s.category::text, s.type::text, s.status::text, s.centre_id as "centreId",
                 o.code as "centreCode", o.name_zh as "centreNameZh", o.name_en as "centreNameEn",
                 s.holder_centre_id as "holderCentreId", h.code as "holderCode",
                 s.subject_code as "subjectCode", dn.donor_code as "donorCode", s.collected_at::text as "collectedAt",
                 s.quantity::text, s.unit::text, s.future_consent::text as "futureConsent", s.parent_id as "parentId",
                 s.box_id as "boxId", ${storagePlaceColumns},
                 (${specimenWriteScope(actor, "s")}) as writable
          from specimens s
          join organisations o on o.id = s.centre_id
          join organisations h on h.id = s.holder_centre_id
          left join donors dn on dn.id = s.donor_id
          ${storagePlaceJoins}
          where s.barcode = ${barcode} and ${specimenRowScope(a, "s")}`,
    );
    return row ? withLocation(row) : null;
  },
  otherwise: () => null,
});

export type TreeNode = { id: number; barcode: string; type: string; status: string; quantity: string; unit: string; parentId: number | null; depth: number };

/** The whole aliquot tree the specimen belongs to (from its root), each node within scope. */
export const aliquotTree = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, specimenId: number, db?: Db): Promise<TreeNode[]> => {
    const d = db ?? (await getDb());
    const a = await withSubtree(d, actor);
    return queryRows<TreeNode>(
      d,
      sql`with recursive up as (
            select id, parent_id from specimens where id = ${specimenId}
            union all select p.id, p.parent_id from specimens p join up on p.id = up.parent_id
          ), root as (select id from up where parent_id is null),
          down as (
            select s.id, s.parent_id, 0 as depth, array[s.id] as trail from specimens s join root on root.id = s.id
            union all select c.id, c.parent_id, down.depth + 1, down.trail || c.id from specimens c join down on c.parent_id = down.id
          )
          select s.id, s.barcode, s.type::text, s.status::text, s.quantity::text, s.unit::text, s.parent_id as "parentId", down.depth
          from down join specimens s on s.id = down.id
          where ${specimenRowScope(a, "s")}
          order by down.trail`,
    );
  },
  otherwise: () => [],
});

export type CustodyRow = { id: number; event: string; at: string; centreCode: string; userName: string | null; detail: string | null; transferCode: string | null };

/** Chain of custody of one specimen the actor can see. */
export const custodyOf = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, specimenId: number, db?: Db): Promise<CustodyRow[]> => {
    const d = db ?? (await getDb());
    const a = await withSubtree(d, actor);
    return queryRows<CustodyRow>(
      d,
      sql`select c.id, c.event::text, c.at::text, o.code as "centreCode", u.name as "userName", c.detail, t.code as "transferCode"
          from custody_events c
          join specimens s on s.id = c.specimen_id
          join organisations o on o.id = c.centre_id
          left join users u on u.id = c.user_id
          left join specimen_transfers t on t.id = c.transfer_id
          where c.specimen_id = ${specimenId} and ${specimenRowScope(a, "s")}
          order by c.at, c.id`,
    );
  },
  otherwise: () => [],
});

export type LabelRow = {
  barcode: string;
  type: string;
  category: string;
  code: string | null;
  collectedAt: string;
  centreCode: string;
  /** Where the tube is stored (the same string as on the search and the detail page). */
  location: string | null;
};

/** Label data for the given barcodes the actor can see (one sheet at most). */
export const labelsFor = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, barcodes: string[], db?: Db): Promise<LabelRow[]> => {
    if (barcodes.length === 0) return [];
    const d = db ?? (await getDb());
    const a = await withSubtree(d, actor);
    const list = sql.join(barcodes.slice(0, LABELS_PER_SHEET).map((b) => sql`${b}`), sql`, `);
    const rows = await queryRows<Omit<LabelRow, "location"> & StoragePlace>(
      d,
      sql`select s.barcode, s.type::text, s.category::text, coalesce(s.subject_code, dn.donor_code) as code,
                 to_char(s.collected_at at time zone ${NETWORK_TIME_ZONE}, 'YYYY-MM-DD') as "collectedAt", o.code as "centreCode",
                 ${storagePlaceColumns}
          from specimens s join organisations o on o.id = s.centre_id left join donors dn on dn.id = s.donor_id
          ${storagePlaceJoins}
          where s.barcode in (${list}) and ${specimenRowScope(a, "s")}
          order by s.barcode`,
    );
    return rows.map(withLocation);
  },
  otherwise: () => [],
});
