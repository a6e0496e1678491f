import { eq } from "drizzle-orm";
import { z } from "zod";
import { molecularOrders } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { lockLabOrder } from "@/lib/molecular/load";
import { mayMove } from "@/lib/molecular/status";
import { networkToday } from "@/lib/time/network-day";
import { idField, reasonField } from "@/lib/validation/fields";

export const failOrderSchema = z.strictObject({ orderId: idField, reason: reasonField });

/** The test cannot be reported (too little tumour, degraded DNA, failed QC): it ends with the reason. */
export const failOrderCommand = defineCommand({
  name: "molecular.order.fail",
  schema: failOrderSchema,
  permission: "molecular.lab",
  handler: async ({ actor, input, tx, audit }) => {
    const o = await lockLabOrder(tx, actor, input.orderId);
    if (!mayMove("fail", o.status)) throw new ActionError("molecular.errors.wrongStatus");
    const failedOn = networkToday();
    await tx.update(molecularOrders).set({ status: "failed", failedOn, failureReason: input.reason, updatedAt: new Date() }).where(eq(molecularOrders.id, o.id));
    audit({ action: "molecular.order.failed", entityType: "molecular_order", entityId: o.id, centreId: o.ownerCentreId, studyId: o.studyId, before: { status: o.status }, after: { status: "failed", failureReason: input.reason } });
    return { id: o.id, failedOn };
  },
});
