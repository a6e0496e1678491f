import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { crfEventForms, crfEvents } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError } from "@/lib/actions/errors";
import { lockOpenDesignStudy } from "@/lib/crf/design-study";
import { formsInForce } from "@/lib/crf/store";
import { amendmentFields } from "@/lib/studies/fields";
import { versionForChange } from "@/lib/studies/protocol-version";
import { idField, listOf } from "@/lib/validation/fields";

const MAX_CELLS = 5000;

/**
 * Sets which forms each event of the study collects: the whole events × forms matrix, sent as
 * pairs (eventIds[i] collects formIds[i]); a pair not sent is not collected. A form that has
 * data at an event stays there (removing it would hide entered data). Once recruiting a change
 * is a protocol amendment; the matrix sent unchanged is refused and nothing is written.
 */
export const setEventFormsCommand = defineCommand({
  name: "crf.event.setForms",
  schema: z.strictObject({
    studyId: idField,
    eventIds: listOf(idField, MAX_CELLS),
    formIds: listOf(idField, MAX_CELLS),
    ...amendmentFields,
  }),
  permission: "crf.design",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await lockOpenDesignStudy(tx, actor, input.studyId);
    if (input.eventIds.length !== input.formIds.length) throw fieldError("formIds", "crf.designer.errors.cellsMismatch");
    const events = await tx.select().from(crfEvents).where(eq(crfEvents.studyId, study.id));
    const forms = await formsInForce(tx, study);
    const eventName = new Map(events.map((e) => [e.id, e.name]));
    const formName = new Map(forms.map((f) => [f.formId, f.name]));
    const key = (e: number, f: number) => `${e}:${f}`;
    const wanted = new Map<string, { eventId: number; formId: number }>();
    input.eventIds.forEach((eventId, i) => {
      const formId = input.formIds[i];
      if (!eventName.has(eventId)) throw fieldError("eventIds", "crf.designer.errors.unknownEvent");
      if (!formName.has(formId)) throw fieldError("formIds", "crf.designer.errors.unknownForm");
      wanted.set(key(eventId, formId), { eventId, formId });
    });
    const current = events.length ? await tx.select().from(crfEventForms).where(inArray(crfEventForms.eventId, events.map((e) => e.id))) : [];
    const removed = current.filter((c) => !wanted.has(key(c.eventId, c.formId)));
    const added = [...wanted.values()].filter((w) => !current.some((c) => c.eventId === w.eventId && c.formId === w.formId));
    if (!removed.length && !added.length) throw new ActionError("crf.designer.errors.matrixUnchanged");

    if (removed.length) {
      const withData = await queryRows<{ eventId: number; formId: number }>(
        tx,
        sql`select distinct event_id as "eventId", form_id as "formId" from crf_form_instances
            where study_id = ${study.id} and (event_id, form_id) in (${sql.join(removed.map((r) => sql`(${r.eventId}, ${r.formId})`), sql`, `)})`,
      );
      if (withData.length) {
        const [first] = withData;
        throw fieldError("formIds", "crf.designer.errors.formHasData", { event: eventName.get(first.eventId)!, form: formName.get(first.formId)! });
      }
    }
    const pairs = (list: readonly { eventId: number; formId: number }[]) => list.map((p) => `${eventName.get(p.eventId)}/${formName.get(p.formId)}`);
    const v = await versionForChange(tx, actor, study, input, { crfEventForms: { added: pairs(added), removed: pairs(removed) } });
    if (removed.length) await tx.delete(crfEventForms).where(inArray(crfEventForms.id, removed.map((r) => r.id)));
    // Forms keep the study's form order inside each event.
    const order = new Map(forms.map((f, i) => [f.formId, i + 1]));
    for (const a of added) await tx.insert(crfEventForms).values({ eventId: a.eventId, formId: a.formId, ordinal: order.get(a.formId)! });
    audit({
      action: "crf.event.formsSet",
      entityType: "study",
      entityId: study.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      before: { protocolVersion: v.previous.version, forms: pairs(removed) },
      after: { protocolVersion: v.version.version, forms: pairs(added) },
      ...(v.amended ? { reason: v.version.reason } : {}),
    });
    return { studyId: study.id, protocolVersion: v.version.version };
  },
});
