import { eq } from "drizzle-orm";
import { z } from "zod";
import { molecularOrders } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { lockLabOrder } from "@/lib/molecular/load";
import { notifyMatchesOfOrder } from "@/lib/molecular/match-notices";
import { mayMove } from "@/lib/molecular/status";
import { daysBetween, networkToday } from "@/lib/time/network-day";
import { decimalField, idField, intField } from "@/lib/validation/fields";

export const reportOrderSchema = z.strictObject({
  orderId: idField,
  tumourContentPct: decimalField({ min: 0, max: 100, decimals: 1 }).optional(),
  meanDepth: intField({ min: 1, max: 100_000 }).optional(),
  coveragePct: decimalField({ min: 0, max: 100, decimals: 1 }).optional(),
});

/**
 * Issues the report of a test whose results are in, with its quality figures: sequencing tests
 * state mean depth and coverage, somatic tests on tissue the tumour content. The turnaround is
 * counted in network days from the order to the report.
 */
export const reportOrderCommand = defineCommand({
  name: "molecular.order.report",
  schema: reportOrderSchema,
  permission: "molecular.lab",
  handler: async ({ actor, input, tx, audit }) => {
    const o = await lockLabOrder(tx, actor, input.orderId);
    if (!mayMove("report", o.status)) throw new ActionError("molecular.errors.wrongStatus");
    if (!o.resultsAt) throw new ActionError("molecular.errors.noResults");
    const sequencing = o.testKind === "ngs_panel" || o.testKind === "tmb";
    if (sequencing && input.meanDepth === undefined) throw fieldError("meanDepth", "validation.required");
    if (sequencing && input.coveragePct === undefined) throw fieldError("coveragePct", "validation.required");
    if (o.origin === "somatic" && o.testKind !== "ihc" && input.tumourContentPct === undefined) throw fieldError("tumourContentPct", "validation.required");
    const reportedOn = networkToday();
    const turnaroundDays = daysBetween(o.orderedOn, reportedOn);
    const figures = {
      tumourContentPct: input.tumourContentPct === undefined ? null : input.tumourContentPct.toFixed(1),
      meanDepth: input.meanDepth ?? null,
      coveragePct: input.coveragePct === undefined ? null : input.coveragePct.toFixed(1),
    };
    await tx.update(molecularOrders).set({ status: "reported", reportedOn, turnaroundDays, ...figures, updatedAt: new Date() }).where(eq(molecularOrders.id, o.id));
    // The participant's site hears of recruiting studies the new results match (once per participant and study).
    await notifyMatchesOfOrder(tx, o.id, actor.id);
    audit({
      action: "molecular.order.reported",
      entityType: "molecular_order",
      entityId: o.id,
      centreId: o.ownerCentreId,
      studyId: o.studyId,
      before: { status: o.status },
      after: { status: "reported", turnaroundDays, tumourContentPct: figures.tumourContentPct, meanDepth: figures.meanDepth, coveragePct: figures.coveragePct },
    });
    return { id: o.id, reportedOn, turnaroundDays };
  },
});
