import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { dataQueries, queryEvents } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { CLINICAL_ENTITIES } from "@/lib/enums";
import { choiceField, idField, optionalRequestKeyField, TEXT_LIMITS, textField } from "@/lib/validation/fields";
import { isCrfItemPath } from "@/lib/crf/item-path";
import { entityRef } from "@/lib/followup/entity-ref";
import { isQueryableField } from "@/lib/followup/fields";
import { mayRaiseQueries } from "@/lib/followup/scope";
import { noticeQueryRaised } from "@/lib/followup/query-notices";

/** A monitor on the study team, or the study's PI, asks about one field of a saved record. */
export const raiseQueryCommand = defineCommand({
  name: "followup.query.raise",
  schema: z.strictObject({
    entityType: choiceField(CLINICAL_ENTITIES),
    entityId: idField,
    /** A record's field name, or a CRF item path ("weight", "lesions.2.diameter"). */
    field: textField({ max: 210 }),
    question: textField({ max: TEXT_LIMITS.note, multiline: true }),
    requestKey: optionalRequestKeyField,
  }),
  permission: "followup.query",
  // The same question sent again raises one query.
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    const ref = await entityRef(tx, input.entityType, input.entityId, (studyId) => mayRaiseQueries(actor, studyId));
    if (!ref) throw notFound();
    const queryable = input.entityType === "crf_form" ? await isCrfItemPath(tx, input.entityId, input.field) : isQueryableField(input.entityType, input.field);
    if (!queryable) throw fieldError("field", "followup.errors.field");
    if (!ref.recorded) throw new ActionError("followup.errors.notRecorded");
    const [pending] = await tx
      .select({ id: dataQueries.id })
      .from(dataQueries)
      .where(and(eq(dataQueries.entityType, input.entityType), eq(dataQueries.entityId, input.entityId), eq(dataQueries.field, input.field), inArray(dataQueries.status, ["open", "answered"])));
    if (pending) throw new ActionError("followup.errors.queryPending", { id: pending.id });
    const [q] = await tx
      .insert(dataQueries)
      .values({ studyId: ref.studyId, participantId: ref.participantId, entityType: input.entityType, entityId: input.entityId, field: input.field, raisedBy: actor.id })
      .returning();
    const [raised] = await tx.insert(queryEvents).values({ queryId: q.id, kind: "raised", body: input.question, authorId: actor.id }).returning({ id: queryEvents.id });
    await noticeQueryRaised(tx, actor, q, raised.id);
    audit({
      action: "query.raised",
      entityType: "query",
      entityId: q.id,
      centreId: ref.centreId,
      studyId: ref.studyId,
      after: { entityType: input.entityType, entityId: input.entityId, field: input.field, question: input.question },
    });
    return { id: q.id, subjectCode: ref.subjectCode };
  },
});
