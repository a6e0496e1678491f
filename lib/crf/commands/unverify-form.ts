import { eq } from "drizzle-orm";
import { z } from "zod";
import { crfFormInstances } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, notFound } from "@/lib/actions/errors";
import { lockInstanceForMonitor } from "@/lib/crf/lock-instance";
import { idField, intField, optionalTextField, TEXT_LIMITS } from "@/lib/validation/fields";

/** The verifier (a monitor on the team, or the study's PI) takes a verification back (with an optional reason) so the site can correct the form. */
export const unverifyFormCommand = defineCommand({
  name: "crf.form.unverify",
  schema: z.strictObject({ instanceId: idField, expectedVersion: intField({ min: 1, max: 1_000_000 }), reason: optionalTextField({ max: TEXT_LIMITS.reason, multiline: true }) }),
  permission: "crf.verify",
  handler: async ({ actor, input, tx, audit }) => {
    const inst = await lockInstanceForMonitor(tx, actor, input.instanceId);
    if (!inst) throw notFound();
    if (inst.version !== input.expectedVersion) throw new ActionError("crf.entry.errors.stale");
    if (inst.status !== "verified") throw new ActionError("crf.entry.errors.notVerified");
    const now = new Date();
    await tx.update(crfFormInstances).set({ status: "complete", verifiedBy: null, verifiedAt: null, updatedAt: now }).where(eq(crfFormInstances.id, inst.id));
    audit({ action: "crf.form.unverified", entityType: "crf_form", entityId: inst.id, centreId: inst.centreId, studyId: inst.studyId, before: { status: "verified" }, after: { status: "complete" }, reason: input.reason ?? null });
    return { instanceId: inst.id, status: "complete" as const, subjectCode: inst.subjectCode };
  },
});
