import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { crfEventForms, crfEvents, crfFormInstances } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { applyRules } from "@/lib/crf/entry";
import { confirmedSoftField, entryMissingField, entryValuesField } from "@/lib/crf/entry-fields";
import { formVersionInForce, loadEntryForm, nextCell, otherEventValues, participantGridCells } from "@/lib/crf/instance-store";
import { diffSave, writeFormSaves } from "@/lib/crf/save-instance";
import { crfEntryScope } from "@/lib/crf/scope";
import { boolField, idField, intField, optionalRequestKeyField, optionalTextField, TEXT_LIMITS } from "@/lib/validation/fields";
import { networkToday, toNetworkLocal } from "@/lib/time/network-day";

export { ADDED_ONLY_REASON, STATUS_ONLY_REASON } from "@/lib/crf/save-instance";

/**
 * Saves one participant's form at one event (and repeat): the server runs the form's rules as
 * the authority (lib/crf/entry: hidden items dropped, calculations recomputed, values checked
 * and normalised, hard limits refused, soft limits refused until confirmed, required items when
 * complete). Site staff save for participants at their own site, the study's PI for the study's.
 * Every save is a version in record_versions with the changed item paths; changing a saved
 * value needs a reason. A confirmed soft-limit breach raises a query on that item (owned by the
 * study's PI, the study's monitors and PI told). A stale
 * `expectedVersion` (someone saved in between), a form version other than the instance's (or,
 * for a new instance, the one in force) and a verified form are refused.
 */
export const saveFormCommand = defineCommand({
  name: "crf.form.save",
  schema: z.strictObject({
    participantId: idField,
    eventId: idField,
    formId: idField,
    repeat: intField({ min: 1, max: 200 }),
    formVersionId: idField,
    expectedVersion: intField({ min: 0, max: 1_000_000 }),
    values: entryValuesField,
    missing: entryMissingField,
    complete: boolField,
    reason: optionalTextField({ max: TEXT_LIMITS.reason, multiline: true }),
    confirmedSoft: confirmedSoftField,
    requestKey: optionalRequestKeyField,
  }),
  permission: "crf.enter",
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    // The participant, in the actor's entry scope, locked for the save.
    const [p] = await queryRows<{ id: number; study_id: number; centre_id: number; subject_code: string; study_code: string; pi_user_id: number; current_protocol_version: number }>(
      tx,
      sql`select p.id, p.study_id, p.centre_id, p.subject_code, s.code as study_code, s.pi_user_id, s.current_protocol_version
          from participants p join studies s on s.id = p.study_id
          where p.id = ${input.participantId} and ${crfEntryScope(actor)} for update of p`,
    );
    if (!p) throw notFound();
    const studyId = Number(p.study_id);
    const study = { id: studyId, code: p.study_code, piUserId: Number(p.pi_user_id), currentProtocolVersion: Number(p.current_protocol_version) };
    // The event of the study, when it collects the form.
    const [event] = await tx
      .select({
        id: crfEvents.id,
        name: crfEvents.name,
        kind: crfEvents.kind,
        // The day the participant's visit of this event was done (null if not yet, or not a scheduled event): read here, one round trip less.
        visitDate: sql<string | null>`(select v.visit_date::text from participant_visits v join visit_definitions d on d.id = v.visit_definition_id
          where v.participant_id = ${p.id} and d.code = ${crfEvents.visitCode} and v.visit_date is not null order by v.id limit 1)`,
      })
      .from(crfEvents)
      .innerJoin(crfEventForms, and(eq(crfEventForms.eventId, crfEvents.id), eq(crfEventForms.formId, input.formId)))
      .where(and(eq(crfEvents.id, input.eventId), eq(crfEvents.studyId, studyId)));
    if (!event) throw notFound();
    if (event.kind === "scheduled" && input.repeat !== 1) throw fieldError("repeat", "crf.entry.errors.repeat");

    const [instance] = await tx
      .select()
      .from(crfFormInstances)
      .where(and(eq(crfFormInstances.participantId, p.id), eq(crfFormInstances.eventId, event.id), eq(crfFormInstances.formId, input.formId), eq(crfFormInstances.repeat, input.repeat)))
      .for("update");
    if ((instance?.version ?? 0) !== input.expectedVersion) throw new ActionError("crf.entry.errors.stale");
    if (instance?.status === "verified") throw new ActionError("crf.entry.errors.verified");
    const formVersionId = instance ? instance.formVersionId : await formVersionInForce(tx, study, input.formId);
    if (formVersionId === null) throw notFound();
    if (formVersionId !== input.formVersionId) throw new ActionError("crf.entry.errors.formVersion");
    const form = await loadEntryForm(tx, input.formId, formVersionId);
    if (!form) throw notFound();

    const at = { eventId: event.id, formId: input.formId, repeat: input.repeat };
    const now = new Date();
    const ruled = applyRules(form, {
      values: input.values ?? {},
      missing: input.missing ?? {},
      event: event.name,
      otherEvents: await otherEventValues(tx, p.id, at),
      today: networkToday(now),
      now: toNetworkLocal(now).replace("T", " ").slice(0, 16),
      complete: input.complete,
      confirmedSoft: input.confirmedSoft,
    });
    const errors = Object.entries(ruled.errors);
    if (errors.length) {
      const params = Object.assign({}, ...errors.map(([, e]) => e.params ?? {})) as Record<string, string | number>;
      throw new ActionError("errors.validation", params, Object.fromEntries(errors.map(([path, e]) => [path, [e.key]])));
    }

    const diff = diffSave(instance, ruled, input.complete);
    if (diff.noChange) throw new ActionError("crf.entry.errors.noChange");
    if (diff.changesSaved.length && !input.reason) throw fieldError("reason", "crf.entry.errors.reasonRequired");

    const target = {
      participant: { id: p.id, centreId: Number(p.centre_id), subjectCode: p.subject_code },
      study: { id: studyId, code: study.code, piUserId: study.piUserId },
      event: { id: event.id, name: event.name, visitDate: event.visitDate },
      form,
      formVersionId,
      repeat: input.repeat,
      instance: instance ?? null,
    };
    const [{ saved, version, raisedQueries }] = await writeFormSaves(tx, actor, audit, [{ target, ruled, diff, complete: input.complete, reason: input.reason }], now);
    const status = diff.status;
    const grid = await participantGridCells(tx, p.id, studyId);
    return { instanceId: saved.id, version, status, raisedQueries, next: nextCell(grid, at) };
  },
});
