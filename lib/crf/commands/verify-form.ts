import { eq } from "drizzle-orm";
import { z } from "zod";
import { crfFormInstances } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, notFound } from "@/lib/actions/errors";
import { lockInstanceForMonitor } from "@/lib/crf/lock-instance";
import { idField, intField } from "@/lib/validation/fields";

/**
 * A monitor on the study's team (or the study's PI) marks a complete form as source-data
 * verified; it is then read-only until un-verified. `expectedVersion` is the version they
 * checked: a form saved since is refused.
 */
export const verifyFormCommand = defineCommand({
  name: "crf.form.verify",
  schema: z.strictObject({ instanceId: idField, expectedVersion: intField({ min: 1, max: 1_000_000 }) }),
  permission: "crf.verify",
  handler: async ({ actor, input, tx, audit }) => {
    const inst = await lockInstanceForMonitor(tx, actor, input.instanceId);
    if (!inst) throw notFound();
    if (inst.version !== input.expectedVersion) throw new ActionError("crf.entry.errors.stale");
    if (inst.status === "verified") throw new ActionError("crf.entry.errors.alreadyVerified");
    if (inst.status !== "complete") throw new ActionError("crf.entry.errors.notComplete");
    const now = new Date();
    await tx.update(crfFormInstances).set({ status: "verified", verifiedBy: actor.id, verifiedAt: now, updatedAt: now }).where(eq(crfFormInstances.id, inst.id));
    audit({ action: "crf.form.verified", entityType: "crf_form", entityId: inst.id, centreId: inst.centreId, studyId: inst.studyId, before: { status: inst.status }, after: { status: "verified", verifiedAt: now.toISOString(), version: inst.version } });
    return { instanceId: inst.id, status: "verified" as const, subjectCode: inst.subjectCode };
  },
});
