import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crfFormInstances, dataQueries, queryEvents, recordVersions, type CrfFormInstance } from "@/db/schema";
import type { CrfFormInstanceStatus } from "@/db/enums";
import type { AuditInput } from "@/lib/audit/append";
import type { Actor } from "@/lib/authz/actor";
import { changedPaths, flattenValues, type RulesResult } from "@/lib/crf/entry";
import type { EntryForm } from "@/lib/crf/instance-store";
import { softLimitQuestion } from "@/lib/crf/soft-limit-query";
import { queryReviewers } from "@/lib/crf/scope";
import { notify } from "@/lib/notifications/notify";
import { networkToday } from "@/lib/time/network-day";

/** The reason stored with a later save that changed no saved value: values added, or only the status changed. */
export const ADDED_ONLY_REASON = "补充录入 / Values added";
export const STATUS_ONLY_REASON = "状态变更 / Status changed";

/**
 * What a save would change in an instance: the status it gets, the item paths whose value or
 * missing code differs, and those of them that had a saved value (changing one needs a reason).
 * `noChange`: an existing instance whose values and status stay as they are.
 */
export type SaveDiff = {
  status: Exclude<CrfFormInstanceStatus, "verified">;
  before: ReturnType<typeof flattenValues>;
  after: ReturnType<typeof flattenValues>;
  changed: string[];
  changesSaved: string[];
  noChange: boolean;
};

export function diffSave(instance: CrfFormInstance | null | undefined, ruled: Pick<RulesResult, "values" | "missing">, complete: boolean): SaveDiff {
  const status = complete ? "complete" : "in_progress";
  const before = instance ? flattenValues(instance.values, instance.missing) : {};
  const after = flattenValues(ruled.values, ruled.missing);
  const changed = changedPaths(before, after);
  const noChange = !!instance && changed.length === 0 && instance.status === status;
  return { status, before, after, changed, changesSaved: changed.filter((path) => before[path] !== undefined), noChange };
}

export type SaveTarget = {
  participant: { id: number; centreId: number; subjectCode: string };
  study: { id: number; code: string; piUserId: number };
  /** The event, with the day the participant's visit of it was done (null if not, or not scheduled). */
  event: { id: number; name: string; visitDate: string | null };
  form: EntryForm;
  formVersionId: number;
  repeat: number;
  /** The stored instance (locked by the caller), or null for a new one. */
  instance: CrfFormInstance | null;
};

/** One save to write: where, what the rules made of it, what changed, and how it was asked for. */
export type PlannedWrite = {
  target: SaveTarget;
  ruled: Pick<RulesResult, "values" | "missing" | "softBreaches" | "dropped">;
  diff: SaveDiff;
  complete: boolean;
  reason: string | null | undefined;
};

/** New instances per INSERT statement (13 values each, well under any parameter limit). */
const INSERT_CHUNK = 500;
const slotKey = (participantId: number, eventId: number, formId: number, repeat: number) => `${participantId}:${eventId}:${formId}:${repeat}`;

/**
 * The one write of form saves, after the form's rules ran as the authority (no errors left) and
 * the caller checked version, verification and reason: each instance inserted or updated with
 * its version bump, its record_versions row with the changed paths, a query on each confirmed
 * soft-limit breach the save brought in (owned by the study's PI; monitors and PI told), and
 * its crf.form.entered / crf.form.changed audit event. The form page saves one; the bulk import
 * many in one transaction (new instances and versions written a few hundred rows a statement).
 */
export async function writeFormSaves(tx: Db, actor: Pick<Actor, "id">, audit: (e: AuditInput) => void, writes: readonly PlannedWrite[], now: Date): Promise<{ saved: CrfFormInstance; version: number; raisedQueries: number }[]> {
  const facts = writes.map((w) => {
    const { target, diff } = w;
    const instance = target.instance;
    return {
      eventDate: target.event.visitDate ?? instance?.eventDate ?? networkToday(now),
      version: (instance?.version ?? 0) + 1,
      completedAt: w.complete ? (instance?.completedAt ?? now) : null,
      status: diff.status,
    };
  });
  const saved: CrfFormInstance[] = new Array(writes.length);
  // New instances, a chunk a statement; matched back by their slot (participant, event, form, repeat).
  const fresh = writes.map((w, i) => ({ w, i })).filter(({ w }) => !w.target.instance);
  for (let c = 0; c < fresh.length; c += INSERT_CHUNK) {
    const part = fresh.slice(c, c + INSERT_CHUNK);
    const rows = await tx
      .insert(crfFormInstances)
      .values(
        part.map(({ w, i }) => {
          const t = w.target;
          const f = facts[i];
          return { participantId: t.participant.id, studyId: t.study.id, eventId: t.event.id, formId: t.form.formId, repeat: t.repeat, formVersionId: t.formVersionId, status: f.status, values: w.ruled.values, missing: w.ruled.missing, version: f.version, enteredBy: actor.id, completedAt: f.completedAt, eventDate: f.eventDate };
        }),
      )
      .returning();
    const bySlot = new Map(rows.map((r) => [slotKey(r.participantId, r.eventId, r.formId, r.repeat), r]));
    for (const { w, i } of part) saved[i] = bySlot.get(slotKey(w.target.participant.id, w.target.event.id, w.target.form.formId, w.target.repeat))!;
  }
  for (const [i, w] of writes.entries()) {
    const instance = w.target.instance;
    if (!instance) continue;
    const f = facts[i];
    [saved[i]] = await tx
      .update(crfFormInstances)
      .set({ values: w.ruled.values, missing: w.ruled.missing, status: f.status, version: f.version, completedAt: f.completedAt, eventDate: f.eventDate, updatedAt: now })
      .where(eq(crfFormInstances.id, instance.id))
      .returning();
  }
  const versions = writes.map((w, i) => {
    const { target, diff } = w;
    const version = facts[i].version;
    const reason = version === 1 ? null : (w.reason ?? (diff.changed.length ? ADDED_ONLY_REASON : STATUS_ONLY_REASON));
    return {
      entityType: "crf_form" as const,
      entityId: saved[i].id,
      studyId: target.study.id,
      participantId: target.participant.id,
      version,
      values: { values: w.ruled.values, missing: w.ruled.missing, status: facts[i].status },
      changedFields: target.instance ? diff.changed : [],
      changedBy: actor.id,
      changedAt: now,
      reason,
    };
  });
  for (let c = 0; c < versions.length; c += INSERT_CHUNK) await tx.insert(recordVersions).values(versions.slice(c, c + INSERT_CHUNK));

  const out: { saved: CrfFormInstance; version: number; raisedQueries: number }[] = [];
  for (const [i, w] of writes.entries()) {
    const { participant: p, study, event, form, instance } = w.target;
    const { before, after, changed, changesSaved, status } = w.diff;
    const { version } = facts[i];
    const row = saved[i];
    // A confirmed soft-limit breach of a value this save brought in raises a query on that item.
    const newBreaches = Object.entries(w.ruled.softBreaches).filter(([path]) => !instance || changed.includes(path));
    let raisedQueries = 0;
    if (newBreaches.length) {
      const pending = await tx
        .select({ field: dataQueries.field })
        .from(dataQueries)
        .where(and(eq(dataQueries.participantId, p.id), eq(dataQueries.entityType, "crf_form"), eq(dataQueries.entityId, row.id), inArray(dataQueries.status, ["open", "answered"])));
      for (const [path, breach] of newBreaches) {
        if (pending.some((q) => q.field === path)) continue;
        const item = form.items.find((it) => it.name === path.split(".").pop());
        const question = softLimitQuestion(item?.label ?? { zh: path, en: path }, String(after[path]), breach.params ?? {});
        // Owned by the study's PI (who reviews and closes it); its first entry is by whoever confirmed the value.
        const [q] = await tx.insert(dataQueries).values({ studyId: study.id, participantId: p.id, entityType: "crf_form", entityId: row.id, field: path, raisedBy: study.piUserId }).returning({ id: dataQueries.id });
        const [raised] = await tx.insert(queryEvents).values({ queryId: q.id, kind: "raised", body: question, authorId: actor.id }).returning({ id: queryEvents.id });
        await notify(
          tx,
          [
            {
              kind: "query_raised",
              recipients: await queryReviewers(tx, study.id),
              studyId: study.id,
              participantId: p.id,
              entityType: "query",
              entityId: q.id,
              occurrence: raised.id,
              params: { subjectCode: p.subjectCode, studyCode: study.code, record: "crf_form", field: path },
            },
          ],
          { except: actor.id },
        );
        audit({ action: "query.raised", entityType: "query", entityId: q.id, centreId: p.centreId, studyId: study.id, after: { entityType: "crf_form", entityId: row.id, field: path, question } });
        raisedQueries += 1;
      }
    }

    const pick = (o: Record<string, unknown>, paths: string[]) => Object.fromEntries(paths.map((k) => [k, o[k] ?? null]));
    audit({
      action: instance ? "crf.form.changed" : "crf.form.entered",
      entityType: "crf_form",
      entityId: row.id,
      centreId: Number(p.centreId),
      studyId: study.id,
      before: instance ? { values: pick(before, changed), status: instance.status, version: instance.version } : null,
      after: { values: pick(after, instance ? changed : Object.keys(after)), status, version, subjectCode: p.subjectCode, form: form.name, event: event.name, repeat: w.target.repeat, dropped: w.ruled.dropped },
      reason: changesSaved.length ? w.reason : null,
    });
    out.push({ saved: row, version, raisedQueries });
  }
  return out;
}
