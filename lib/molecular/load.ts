import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { MolecularOrderStatus, MolecularTestKind, VariantOrigin } from "@/db/enums";
import { notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { labScope } from "@/lib/molecular/scope";

export type LabOrder = {
  id: number;
  status: MolecularOrderStatus;
  origin: VariantOrigin;
  testKind: MolecularTestKind;
  orderedOn: string;
  participantCentreId: number;
  studyId: number;
  resultsAt: Date | null;
};

/**
 * An order of the actor's lab, locked for the step the handler takes (inside its transaction);
 * another lab's order is "not found", never "not yours".
 */
export async function lockLabOrder(tx: Db, actor: Pick<Actor, "role" | "centreId">, orderId: number): Promise<LabOrder> {
  const [row] = await queryRows<LabOrder>(
    tx,
    sql`select mo.id, mo.status, mo.origin, mo.test_kind as "testKind", mo.ordered_on::text as "orderedOn", p.centre_id as "participantCentreId",
          mo.study_id as "studyId", mo.results_at as "resultsAt"
        from molecular_orders mo join participants p on p.id = mo.participant_id
        where mo.id = ${orderId} and ${labScope(actor)}
        for update of mo`,
  );
  if (!row) throw notFound();
  return row;
}
