import { eq } from "drizzle-orm";
import { z } from "zod";
import { molecularOrders } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { lockLabOrder } from "@/lib/molecular/load";
import { mayMove } from "@/lib/molecular/status";
import { networkToday } from "@/lib/time/network-day";
import { idField } from "@/lib/validation/fields";

export const receiveOrderSchema = z.strictObject({ orderId: idField });

/** The lab notes the specimen for a test as received. */
export const receiveOrderCommand = defineCommand({
  name: "molecular.order.receive",
  schema: receiveOrderSchema,
  permission: "molecular.lab",
  handler: async ({ actor, input, tx, audit }) => {
    const o = await lockLabOrder(tx, actor, input.orderId);
    if (!mayMove("receive", o.status)) throw new ActionError("molecular.errors.wrongStatus");
    const receivedOn = networkToday();
    await tx.update(molecularOrders).set({ status: "received", receivedOn, updatedAt: new Date() }).where(eq(molecularOrders.id, o.id));
    audit({ action: "molecular.order.received", entityType: "molecular_order", entityId: o.id, centreId: o.ownerCentreId, studyId: o.studyId, before: { status: o.status }, after: { status: "received" } });
    return { id: o.id, receivedOn };
  },
});
