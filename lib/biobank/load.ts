import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import type { FutureConsent, SpecimenStatus, SpecimenType } from "@/db/schema";
import type { BoxPlace } from "@/lib/biobank/location";
import { specimenWriteScope, storageWriteScope } from "@/lib/biobank/scope";

export type LockedSpecimen = {
  id: number; barcode: string; type: SpecimenType; status: SpecimenStatus; centreId: number; holderCentreId: number;
  quantity: string; unit: string; futureConsent: FutureConsent; subjectCode: string | null; donorId: number | null;
  collectedAt: Date; boxId: number | null; posRow: number | null; posCol: number | null;
};

const cols = sql`s.id, s.barcode, s.type, s.status, s.centre_id as "centreId", s.holder_centre_id as "holderCentreId", s.quantity::text as quantity,
  s.unit, s.future_consent as "futureConsent", s.subject_code as "subjectCode", s.donor_id as "donorId", s.collected_at as "collectedAt",
  s.box_id as "boxId", s.pos_row as "posRow", s.pos_col as "posCol"`;

/** Specimens the actor may change, locked for the transaction; any barcode out of scope → not found. */
export async function lockSpecimens(tx: Db, actor: Actor, by: { ids?: number[]; barcodes?: string[] }): Promise<LockedSpecimen[]> {
  const want: (string | number)[] = by.ids ?? by.barcodes ?? [];
  if (want.length === 0) return [];
  const match = by.ids
    ? sql`s.id in (${sql.join(by.ids.map((i) => sql`${i}`), sql`, `)})`
    : sql`s.barcode in (${sql.join((by.barcodes ?? []).map((b) => sql`${b}`), sql`, `)})`;
  const rows = await queryRows<LockedSpecimen>(tx, sql`select ${cols} from specimens s where ${match} and ${specimenWriteScope(actor, "s")} order by s.id for update`);
  if (rows.length !== new Set(want).size) throw notFound();
  return rows.map((r) => ({ ...r, collectedAt: new Date(r.collectedAt) }));
}

export async function lockSpecimen(tx: Db, actor: Actor, by: { id?: number; barcode?: string }): Promise<LockedSpecimen> {
  const [s] = await lockSpecimens(tx, actor, by.id !== undefined ? { ids: [by.id] } : { barcodes: [by.barcode ?? ""] });
  return s;
}

export type LoadedBox = BoxPlace & { id: number; centreId: number; rows: number; cols: number };

/** A box the actor may change (its centre's storage), locked; else not found. */
export async function lockBox(tx: Db, actor: Actor, boxId: number): Promise<LoadedBox> {
  const [b] = await queryRows<LoadedBox>(
    tx,
    sql`select b.id, b.centre_id as "centreId", b.rows, b.cols,
               o.code as "storeCode", f.code as "freezerCode", r.code as "rackCode", b.code as "boxCode"
        from storage_boxes b join storage_racks r on r.id = b.rack_id join storage_freezers f on f.id = r.freezer_id join organisations o on o.id = b.centre_id
        where b.id = ${boxId} and ${storageWriteScope(actor, sql`b.centre_id`)} for update of b`,
  );
  if (!b) throw notFound();
  return b;
}

export type LockedTransfer = { id: number; code: string; status: string; fromCentreId: number; toCentreId: number };

/** A transfer matching `where` (an end's scope over alias `t`), locked; else not found. */
export async function lockTransfer(tx: Db, id: number, where: SQL): Promise<LockedTransfer> {
  const [t] = await queryRows<LockedTransfer>(
    tx,
    sql`select id, code, status, from_centre_id as "fromCentreId", to_centre_id as "toCentreId" from specimen_transfers t where t.id = ${id} and ${where} for update`,
  );
  if (!t) throw notFound();
  return t;
}

/** Next specimen ids and their barcodes, taken from the table's sequence. */
export async function nextSpecimenIds(tx: Db, n: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('specimens', 'id'))::int as id from generate_series(1, ${n})`);
  return rows.map((r) => Number(r.id));
}
