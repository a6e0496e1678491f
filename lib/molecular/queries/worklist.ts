import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { OrderRow } from "@/lib/molecular/queries/orders";
import { labScope, ORDER_OWNER, OWNER_CODE } from "@/lib/molecular/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type WorklistRow = OrderRow & { receivedOn: string | null; resultsIn: boolean; waitingDays: number };

/**
 * The lab's open work: its orders not yet reported or failed, oldest first (the longest wait on
 * top), with how many days each has waited since it was ordered (network days).
 */
export const labWorklist = defineQuery({
  permission: "molecular.lab",
  run: async (actor: ReadActor, today: string, db?: Db): Promise<WorklistRow[]> =>
    queryRows<WorklistRow>(
      db ?? (await getDb()),
      sql`select mo.id, ${OWNER_CODE} as code, case when mo.donor_id is null then 'participant' else 'donor' end as owner, st.code as "studyCode", s.barcode, mo.test_kind as "testKind", mo.origin, mo.status,
            lab.code as "labCentreCode", mo.ordered_on::text as "orderedOn", mo.received_on::text as "receivedOn", mo.reported_on::text as "reportedOn",
            mo.turnaround_days as "turnaroundDays", mo.results_at is not null as "resultsIn", (${today}::date - mo.ordered_on)::int as "waitingDays"
          from molecular_orders mo
          ${ORDER_OWNER}
          left join studies st on st.id = mo.study_id
          join specimens s on s.id = mo.specimen_id
          join organisations lab on lab.id = mo.lab_centre_id
          where ${labScope(actor)} and mo.status in ('ordered', 'received', 'in_analysis')
          order by mo.ordered_on, mo.id limit 500`,
    ),
  otherwise: (_today: string, _db?: Db): WorklistRow[] => [],
});
