import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { dataQueries, queryEvents } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { idField, optionalTextField, TEXT_LIMITS, textField } from "@/lib/validation/fields";
import { correctField } from "@/lib/followup/correct-field";
import { changeReasonField } from "@/lib/followup/fields";
import { atOwnSite } from "@/lib/followup/scope";
import { noticeQueryAnswered } from "@/lib/followup/query-notices";

/**
 * Staff of the participant's current site answer an open query, optionally correcting the
 * queried field (a reason is then required, as for any change to a saved value).
 */
export const answerQueryCommand = defineCommand({
  name: "followup.query.answer",
  schema: z.strictObject({
    queryId: idField,
    answer: textField({ max: TEXT_LIMITS.note, multiline: true }),
    correctedValue: optionalTextField({ max: TEXT_LIMITS.name }),
    reason: changeReasonField,
  }),
  permission: "followup.record",
  handler: async ({ actor, input, tx, audit }) => {
    if (actor.role !== "site_staff") throw notFound();
    const [q] = await tx
      .select()
      .from(dataQueries)
      .where(and(eq(dataQueries.id, input.queryId), sql`${dataQueries.participantId} in (select p.id from participants p where ${atOwnSite(actor)})`))
      .for("update");
    if (!q) throw notFound();
    if (q.status !== "open") throw new ActionError("followup.errors.queryNotOpen");
    let correction: Awaited<ReturnType<typeof correctField>> | null = null;
    if (input.correctedValue) {
      // A CRF value is corrected on its form (the form's rules, a new version with the reason); the answer says so.
      if (q.entityType === "crf_form") throw fieldError("correctedValue", "crf.entry.errors.correctInForm");
      if (!input.reason) throw fieldError("reason", "followup.errors.reasonRequired");
      correction = await correctField(tx, actor, q.entityType, q.entityId, q.field, input.correctedValue, input.reason);
    }
    const now = new Date();
    await tx.update(dataQueries).set({ status: "answered", answeredAt: now, updatedAt: now }).where(eq(dataQueries.id, q.id));
    const [answered] = await tx
      .insert(queryEvents)
      .values({ queryId: q.id, kind: "answered", body: input.answer, authorId: actor.id, recordVersionId: correction?.saved.id ?? null })
      .returning({ id: queryEvents.id });
    await noticeQueryAnswered(tx, actor, q, answered.id, Boolean(correction));
    // Two records change when the answer corrects a value: the query and the record (its own event, with the reason).
    if (correction) audit(correction.event);
    audit({
      action: "query.answered",
      entityType: "query",
      entityId: q.id,
      centreId: correction?.event.centreId ?? actor.centreId,
      studyId: q.studyId,
      before: { status: q.status },
      after: { status: "answered", answer: input.answer, corrected: correction ? { field: q.field, version: correction.saved.version } : null },
      reason: correction ? input.reason : null,
    });
    return { id: q.id, corrected: Boolean(correction) };
  },
});
