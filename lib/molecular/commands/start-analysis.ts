import { eq } from "drizzle-orm";
import { z } from "zod";
import { molecularOrders } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { lockLabOrder } from "@/lib/molecular/load";
import { mayMove } from "@/lib/molecular/status";
import { networkToday } from "@/lib/time/network-day";
import { idField } from "@/lib/validation/fields";

export const startAnalysisSchema = z.strictObject({ orderId: idField });

/** The lab starts the analysis of a received specimen (extraction, library, sequencing). */
export const startAnalysisCommand = defineCommand({
  name: "molecular.order.analyse",
  schema: startAnalysisSchema,
  permission: "molecular.lab",
  handler: async ({ actor, input, tx, audit }) => {
    const o = await lockLabOrder(tx, actor, input.orderId);
    if (!mayMove("analyse", o.status)) throw new ActionError("molecular.errors.wrongStatus");
    const analysisOn = networkToday();
    await tx.update(molecularOrders).set({ status: "in_analysis", analysisOn, updatedAt: new Date() }).where(eq(molecularOrders.id, o.id));
    audit({ action: "molecular.order.analysis_started", entityType: "molecular_order", entityId: o.id, centreId: o.ownerCentreId, studyId: o.studyId, before: { status: o.status }, after: { status: "in_analysis" } });
    return { id: o.id, analysisOn };
  },
});
