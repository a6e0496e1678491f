import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { storagePlaceColumns, storagePlaceJoins } from "@/lib/biobank/location-sql";
import { withLocation, type StoragePlace } from "@/lib/biobank/location";
import { centreTreeOrder } from "@/lib/biobank/natural-order";
import { releaseScope, transferDestinationScope, transferScope } from "@/lib/biobank/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type TransferRow = {
  id: number; code: string; status: string; fromCode: string; toCode: string; toCentreId: number; fromCentreId: number;
  items: number; createdAt: string; shippedAt: string | null; receivedAt: string | null;
};

const transferSelect = sql`select t.id, t.code, t.status::text, fo.code as "fromCode", too.code as "toCode",
       t.to_centre_id as "toCentreId", t.from_centre_id as "fromCentreId",
       (select count(*)::int from specimen_transfer_items i where i.transfer_id = t.id) as items,
       t.created_at::text as "createdAt", t.shipped_at::text as "shippedAt", t.received_at::text as "receivedAt"
  from specimen_transfers t join organisations fo on fo.id = t.from_centre_id join organisations too on too.id = t.to_centre_id`;

export const TRANSFER_PAGE_SIZE = 50;

// Types spelled out when every argument is optional: TypeScript would otherwise infer none from `otherwise`.
/** Transfers the actor can see (either end in reach), newest first, one page. */
export const listTransfers = defineQuery<ReadActor, [page?: number, db?: Db], TransferRow[]>({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, page?: number, db?: Db): Promise<TransferRow[]> => {
    const d = db ?? (await getDb());
    const p = page ?? 1;
    return queryRows<TransferRow>(
      d,
      sql`${transferSelect} where ${transferScope(actor, "t")} order by t.id desc limit ${TRANSFER_PAGE_SIZE} offset ${(p - 1) * TRANSFER_PAGE_SIZE}`,
    );
  },
  otherwise: () => [],
});

export type TransferItem = {
  id: number; specimenId: number; barcode: string; type: string; status: string; outcome: string; note: string | null;
  /** Where the specimen is stored now (a picking list before shipping; null once it has left its box). */
  location: string | null;
};

/** One transfer the actor can see, with its specimens. */
export const transferDetail = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, id: number, db?: Db): Promise<(TransferRow & { note: string | null; list: TransferItem[] }) | null> => {
    const d = db ?? (await getDb());
    const [t] = await queryRows<TransferRow & { note: string | null }>(
      d,
      sql`select x.*, (select note from specimen_transfers where id = x.id) as note from (${transferSelect} where t.id = ${id} and ${transferScope(actor, "t")}) x`,
    );
    if (!t) return null;
    const list = await queryRows<Omit<TransferItem, "location"> & StoragePlace>(
      d,
      sql`select i.id, s.id as "specimenId", s.barcode, s.type::text, s.status::text, i.outcome::text, i.note, ${storagePlaceColumns}
          from specimen_transfer_items i join specimens s on s.id = i.specimen_id
          ${storagePlaceJoins}
          where i.transfer_id = ${t.id} order by s.barcode`,
    );
    return { ...t, list: list.map(withLocation) };
  },
  otherwise: () => null,
});

/** Centres a transfer may go to (any active centre but one's own), in tree order. */
export const transferDestinations = defineQuery<ReadActor, [db?: Db], { id: number; code: string; nameZh: string; nameEn: string }[]>({
  permission: "biobank.transfer.manage",
  run: async (actor: ReadActor, db?: Db): Promise<{ id: number; code: string; nameZh: string; nameEn: string }[]> => {
    const d = db ?? (await getDb());
    return queryRows(d, sql`select o.id, o.code, o.name_zh as "nameZh", o.name_en as "nameEn" from organisations o where ${transferDestinationScope(actor, "o")} order by ${centreTreeOrder("o")}`);
  },
  otherwise: () => [],
});

export type ReleaseRow = {
  id: number; code: string; status: string; centreCode: string; studyCode: string; purpose: string; criteria: string | null;
  geneticUse: boolean; hgrApprovalNo: string | null; requestedBy: string | null; requestedById: number | null; decidedBy: string | null;
  decisionReason: string | null; createdAt: string; items: number;
};

const releaseSelect = sql`select r.id, r.code, r.status::text, o.code as "centreCode", r.study_code as "studyCode", r.purpose, r.criteria,
       r.genetic_use as "geneticUse", r.hgr_approval_no as "hgrApprovalNo", ru.name as "requestedBy", r.requested_by as "requestedById", du.name as "decidedBy",
       r.decision_reason as "decisionReason", r.created_at::text as "createdAt",
       (select count(*)::int from release_request_items i where i.request_id = r.id) as items
  from release_requests r join organisations o on o.id = r.centre_id
  left join users ru on ru.id = r.requested_by left join users du on du.id = r.decided_by`;

/** Release requests the actor can see (the bank's centre, or their own requests), newest 100. */
export const listReleases = defineQuery<ReadActor, [db?: Db], ReleaseRow[]>({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, db?: Db): Promise<ReleaseRow[]> => {
    const d = db ?? (await getDb());
    return queryRows<ReleaseRow>(d, sql`${releaseSelect} where ${releaseScope(actor, "r")} order by r.id desc limit 100`);
  },
  otherwise: () => [],
});

export type ReleaseItem = { barcode: string; type: string; status: string; futureConsent: string };

/** One release request the actor can see, with its specimens. */
export const releaseDetail = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, id: number, db?: Db): Promise<(ReleaseRow & { list: ReleaseItem[] }) | null> => {
    const d = db ?? (await getDb());
    const [r] = await queryRows<ReleaseRow>(d, sql`${releaseSelect} where r.id = ${id} and ${releaseScope(actor, "r")}`);
    if (!r) return null;
    const list = await queryRows<ReleaseItem>(
      d,
      sql`select s.barcode, s.type::text, s.status::text, s.future_consent::text as "futureConsent"
          from release_request_items i join specimens s on s.id = i.specimen_id where i.request_id = ${r.id} order by s.barcode`,
    );
    return { ...r, list };
  },
  otherwise: () => null,
});
