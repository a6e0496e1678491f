import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { donorScope } from "@/lib/biobank/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type DonorRow = { id: number; donorCode: string; futureConsent: string; consentDate: string; centreCode: string; specimens: number };

export const DONOR_PAGE_SIZE = 25;

/** Donors registered at centres in the actor's reach, by code prefix, one page. */
export const listDonors = defineQuery({
  permission: "biobank.specimens.read",
  run: async (actor: ReadActor, q: string, page?: number, db?: Db): Promise<DonorRow[]> => {
    const d = db ?? (await getDb());
    const p = page ?? 1;
    const match = q ? sql`and dn.donor_code like ${q.toUpperCase().replace(/[%_\\]/g, "") + "%"}` : sql``;
    return queryRows<DonorRow>(
      d,
      sql`select dn.id, dn.donor_code as "donorCode", dn.future_consent::text as "futureConsent", dn.consent_date::text as "consentDate",
                 o.code as "centreCode", (select count(*)::int from specimens s where s.donor_id = dn.id) as specimens
          from donors dn join organisations o on o.id = dn.centre_id
          where ${donorScope(actor, sql`dn.centre_id`)} ${match}
          order by dn.id desc limit ${DONOR_PAGE_SIZE} offset ${(p - 1) * DONOR_PAGE_SIZE}`,
    );
  },
  otherwise: () => [],
});
