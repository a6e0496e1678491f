import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { crfEventForms, crfEvents, crfFormInstances, dataQueries, queryEvents, recordVersions, type CrfFormInstance } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { applyRules, changedPaths, flattenValues } from "@/lib/crf/entry";
import { confirmedSoftField, entryMissingField, entryValuesField } from "@/lib/crf/entry-fields";
import { formVersionInForce, loadEntryForm, nextCell, otherEventValues, participantGridCells } from "@/lib/crf/instance-store";
import { softLimitQuestion } from "@/lib/crf/soft-limit-query";
import { crfEntryScope, queryReviewers } from "@/lib/crf/scope";
import { notify } from "@/lib/notifications/notify";
import { boolField, idField, intField, optionalRequestKeyField, optionalTextField, TEXT_LIMITS } from "@/lib/validation/fields";
import { networkToday, toNetworkLocal } from "@/lib/time/network-day";

/** The reason stored with a later save that changed no saved value: values added, or only the status changed. */
export const ADDED_ONLY_REASON = "补充录入 / Values added";
export const STATUS_ONLY_REASON = "状态变更 / Status changed";

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

    const status = input.complete ? "complete" : "in_progress";
    const before = instance ? flattenValues(instance.values, instance.missing) : {};
    const after = flattenValues(ruled.values, ruled.missing);
    const changed = changedPaths(before, after);
    if (instance && changed.length === 0 && instance.status === status) throw new ActionError("crf.entry.errors.noChange");
    const changesSaved = changed.filter((path) => before[path] !== undefined);
    if (changesSaved.length && !input.reason) throw fieldError("reason", "crf.entry.errors.reasonRequired");

    const visitDate = event.visitDate;
    const eventDate = visitDate ?? instance?.eventDate ?? networkToday(now);
    const version = (instance?.version ?? 0) + 1;
    const completedAt = input.complete ? (instance?.completedAt ?? now) : null;
    let saved: CrfFormInstance;
    if (instance) {
      [saved] = await tx
        .update(crfFormInstances)
        .set({ values: ruled.values, missing: ruled.missing, status, version, completedAt, eventDate, updatedAt: now })
        .where(eq(crfFormInstances.id, instance.id))
        .returning();
    } else {
      [saved] = await tx
        .insert(crfFormInstances)
        .values({ participantId: p.id, studyId, eventId: event.id, formId: input.formId, repeat: input.repeat, formVersionId, status, values: ruled.values, missing: ruled.missing, version, enteredBy: actor.id, completedAt, eventDate })
        .returning();
    }
    const reason = version === 1 ? null : (input.reason ?? (changed.length ? ADDED_ONLY_REASON : STATUS_ONLY_REASON));
    await tx.insert(recordVersions).values({
      entityType: "crf_form",
      entityId: saved.id,
      studyId,
      participantId: p.id,
      version,
      values: { values: ruled.values, missing: ruled.missing, status },
      changedFields: instance ? changed : [],
      changedBy: actor.id,
      changedAt: now,
      reason,
    });

    // A confirmed soft-limit breach of a value this save brought in raises a query on that item.
    const newBreaches = Object.entries(ruled.softBreaches).filter(([path]) => !instance || changed.includes(path));
    let raisedQueries = 0;
    if (newBreaches.length) {
      const pending = await tx
        .select({ field: dataQueries.field })
        .from(dataQueries)
        .where(and(eq(dataQueries.participantId, p.id), eq(dataQueries.entityType, "crf_form"), eq(dataQueries.entityId, saved.id), inArray(dataQueries.status, ["open", "answered"])));
      for (const [path, breach] of newBreaches) {
        if (pending.some((q) => q.field === path)) continue;
        const item = form.items.find((i) => i.name === path.split(".").pop());
        const question = softLimitQuestion(item?.label ?? { zh: path, en: path }, String(after[path]), breach.params ?? {});
        // Owned by the study's PI (who reviews and closes it); its first entry is by whoever confirmed the value.
        const [q] = await tx.insert(dataQueries).values({ studyId, participantId: p.id, entityType: "crf_form", entityId: saved.id, field: path, raisedBy: study.piUserId }).returning({ id: dataQueries.id });
        const [raised] = await tx.insert(queryEvents).values({ queryId: q.id, kind: "raised", body: question, authorId: actor.id }).returning({ id: queryEvents.id });
        await notify(
          tx,
          [
            {
              kind: "query_raised",
              recipients: await queryReviewers(tx, studyId),
              studyId,
              participantId: p.id,
              entityType: "query",
              entityId: q.id,
              occurrence: raised.id,
              params: { subjectCode: p.subject_code, studyCode: study.code, record: "crf_form", field: path },
            },
          ],
          { except: actor.id },
        );
        audit({ action: "query.raised", entityType: "query", entityId: q.id, centreId: p.centre_id, studyId, after: { entityType: "crf_form", entityId: saved.id, field: path, question } });
        raisedQueries += 1;
      }
    }

    const pick = (o: Record<string, unknown>, paths: string[]) => Object.fromEntries(paths.map((k) => [k, o[k] ?? null]));
    audit({
      action: instance ? "crf.form.changed" : "crf.form.entered",
      entityType: "crf_form",
      entityId: saved.id,
      centreId: Number(p.centre_id),
      studyId,
      before: instance ? { values: pick(before, changed), status: instance.status, version: instance.version } : null,
      after: { values: pick(after, instance ? changed : Object.keys(after)), status, version, subjectCode: p.subject_code, form: form.name, event: event.name, repeat: input.repeat, dropped: ruled.dropped },
      reason: changesSaved.length ? input.reason : null,
    });
    const grid = await participantGridCells(tx, p.id, studyId);
    return { instanceId: saved.id, version, status, raisedQueries, next: nextCell(grid, at) };
  },
});
