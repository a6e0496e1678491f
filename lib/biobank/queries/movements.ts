import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { centreScope } from "@/lib/authz/scope";
import { releaseScope, transferScope } from "@/lib/biobank/scope";

export type TransferRow = {
  id: number; code: string; status: string; fromCode: string; toCode: string; toCentreId: number; fromCentreId: number;
  items: number; createdAt: string; shippedAt: string | null; receivedAt: string | null;
};

const transferSelect = sql`select t.id, t.code, t.status::text, fo.code as "fromCode", too.code as "toCode",
       t.to_centre_id as "toCentreId", t.from_centre_id as "fromCentreId",
       (select count(*)::int from specimen_transfer_items i where i.transfer_id = t.id) as items,
       t.created_at::text as "createdAt", t.shipped_at::text as "shippedAt", t.received_at::text as "receivedAt"
  from specimen_transfers t join organisations fo on fo.id = t.from_centre_id join organisations too on too.id = t.to_centre_id`;

/** Transfers the actor can see (either end in reach), newest first, one page of 50. */
export async function listTransfers(actor: Actor, page = 1, db?: Db): Promise<TransferRow[]> {
  const d = db ?? (await getDb());
  return queryRows<TransferRow>(d, sql`${transferSelect} where ${transferScope(actor, "t")} order by t.id desc limit 50 offset ${(page - 1) * 50}`);
}

export type TransferItem = { id: number; specimenId: number; barcode: string; type: string; status: string; outcome: string; note: string | null };

export async function transferDetail(actor: Actor, id: number, db?: Db): Promise<(TransferRow & { note: string | null; list: TransferItem[] }) | null> {
  const d = db ?? (await getDb());
  const [t] = await queryRows<TransferRow & { note: string | null }>(d, sql`select x.*, (select note from specimen_transfers where id = x.id) as note from (${transferSelect} where t.id = ${id} and ${transferScope(actor, "t")}) x`);
  if (!t) return null;
  const list = await queryRows<TransferItem>(
    d,
    sql`select i.id, s.id as "specimenId", s.barcode, s.type::text, s.status::text, i.outcome::text, i.note
        from specimen_transfer_items i join specimens s on s.id = i.specimen_id where i.transfer_id = ${id} order by s.barcode`,
  );
  return { ...t, list };
}

export type ReleaseRow = {
  id: number; code: string; status: string; centreCode: string; studyCode: string; purpose: string; criteria: string | null;
  geneticUse: boolean; hgrApprovalNo: string | null; requestedBy: string | null; decidedBy: string | null;
  decisionReason: string | null; createdAt: string; items: number;
};

const releaseSelect = sql`select r.id, r.code, r.status::text, o.code as "centreCode", r.study_code as "studyCode", r.purpose, r.criteria,
       r.genetic_use as "geneticUse", r.hgr_approval_no as "hgrApprovalNo", ru.name as "requestedBy", du.name as "decidedBy",
       r.decision_reason as "decisionReason", r.created_at::text as "createdAt",
       (select count(*)::int from release_request_items i where i.request_id = r.id) as items
  from release_requests r join organisations o on o.id = r.centre_id
  left join users ru on ru.id = r.requested_by left join users du on du.id = r.decided_by`;

export async function listReleases(actor: Actor, db?: Db): Promise<ReleaseRow[]> {
  const d = db ?? (await getDb());
  return queryRows<ReleaseRow>(d, sql`${releaseSelect} where ${releaseScope(actor, "r")} order by r.id desc limit 100`);
}

export type ReleaseItem = { barcode: string; type: string; status: string; futureConsent: string };

export async function releaseDetail(actor: Actor, id: number, db?: Db): Promise<(ReleaseRow & { list: ReleaseItem[] }) | null> {
  const d = db ?? (await getDb());
  const [r] = await queryRows<ReleaseRow>(d, sql`${releaseSelect} where r.id = ${id} and ${releaseScope(actor, "r")}`);
  if (!r) return null;
  const list = await queryRows<ReleaseItem>(
    d,
    sql`select s.barcode, s.type::text, s.status::text, s.future_consent::text as "futureConsent"
        from release_request_items i join specimens s on s.id = i.specimen_id where i.request_id = ${id} order by s.barcode`,
  );
  return { ...r, list };
}

export type DonorRow = { id: number; donorCode: string; futureConsent: string; consentDate: string; centreCode: string; specimens: number };

/** Donors registered at centres in the actor's reach, by code prefix, one page of 25. */
export async function listDonors(actor: Actor, q: string, page = 1, db?: Db): Promise<DonorRow[]> {
  const d = db ?? (await getDb());
  if (actor.role === "viewer" || actor.role === "pi" || actor.role === "monitor") return [];
  const match = q ? sql`and dn.donor_code like ${q.toUpperCase().replace(/[%_\\]/g, "") + "%"}` : sql``;
  return queryRows<DonorRow>(
    d,
    sql`select dn.id, dn.donor_code as "donorCode", dn.future_consent::text as "futureConsent", dn.consent_date::text as "consentDate",
               o.code as "centreCode", (select count(*)::int from specimens s where s.donor_id = dn.id) as specimens
        from donors dn join organisations o on o.id = dn.centre_id
        where ${centreScope(actor, sql`dn.centre_id`)} ${match}
        order by dn.id desc limit 25 offset ${(page - 1) * 25}`,
  );
}

/** Centres a transfer may go to (any active centre but one's own). */
export async function transferDestinations(actor: Actor, db?: Db): Promise<{ id: number; code: string; nameZh: string; nameEn: string }[]> {
  const d = db ?? (await getDb());
  return queryRows(d, sql`select id, code, name_zh as "nameZh", name_en as "nameEn" from organisations where active and id <> ${actor.centreId} order by path`);
}
