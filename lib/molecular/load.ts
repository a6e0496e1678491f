import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { MolecularOrderStatus, MolecularTestKind, VariantOrigin } from "@/db/enums";
import { notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { labScope, ORDER_OWNER, OWNER_CENTRE } from "@/lib/molecular/scope";

export type LabOrder = {
  id: number;
  status: MolecularOrderStatus;
  origin: VariantOrigin;
  testKind: MolecularTestKind;
  orderedOn: string;
  /** The owner's centre (the participant's, or the donor's). */
  ownerCentreId: number;
  /** The participant's study; null for a donor's specimen. */
  studyId: number | null;
  resultsAt: Date | null;
};

/**
 * An order of the actor's lab, locked for the step the handler takes (inside its transaction);
 * another lab's order is "not found", never "not yours".
 */
export async function lockLabOrder(tx: Db, actor: Pick<Actor, "role" | "centreId">, orderId: number): Promise<LabOrder> {
  const [row] = await queryRows<LabOrder>(
    tx,
    sql`select mo.id, mo.status, mo.origin, mo.test_kind as "testKind", mo.ordered_on::text as "orderedOn", ${OWNER_CENTRE} as "ownerCentreId",
          mo.study_id as "studyId", mo.results_at as "resultsAt"
        from molecular_orders mo ${ORDER_OWNER}
        where mo.id = ${orderId} and ${labScope(actor)}
        for update of mo`,
  );
  if (!row) throw notFound();
  return row;
}
