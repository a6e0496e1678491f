import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { CrfEventKind, CrfFormInstanceStatus } from "@/db/enums";
import { crfEventForms, crfEvents, crfFormInstances } from "@/db/schema";
import type { EntryForm } from "@/lib/crf/instance-store";
import { formVersionInForce, loadEntryForm, nextCell, otherEventValues, participantGridCells } from "@/lib/crf/instance-store";
import { crfEntryScope, crfMonitorScope, crfParticipantScope } from "@/lib/crf/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type EntryParticipant = { id: number; subjectCode: string; siteId: number; studyId: number; studyCode: string };
export type EntryCellKey = { participantId: number; eventId: number; formId: number; repeat: number };

export type FormEntry = {
  participant: EntryParticipant;
  event: { id: number; name: string; label: { zh: string; en: string }; kind: CrfEventKind };
  /** The version the instance keeps, or the one in force for a new instance; with its repeating groups. */
  form: EntryForm;
  instance: { id: number; status: CrfFormInstanceStatus; values: Record<string, unknown>; missing: Record<string, string>; version: number; updatedAt: string } | null;
  /** The participant's stored values by event name, for [event][item]; under this event's name, its other forms' values. */
  otherEvents: Record<string, Record<string, unknown>>;
  canEdit: boolean;
  canVerify: boolean;
  canRaiseQuery: boolean;
  queries: { id: number; field: string; status: "open" | "answered" | "closed" }[];
  next: { eventId: number; formId: number; repeat: number } | null;
};

export type FormGridForm = { formId: number; name: string; label: { zh: string; en: string }; repeat: number; status: "not_started" | CrfFormInstanceStatus; openQueries: number };
export type FormGrid = {
  participant: EntryParticipant;
  events: { id: number; name: string; label: { zh: string; en: string }; kind: CrfEventKind; forms: FormGridForm[] }[];
};

type ParticipantRow = { id: number; subject_code: string; site_id: number; study_id: number; study_code: string; current_protocol_version: number; can_enter: boolean; can_monitor: boolean };

/** The participant in the actor's read scope, with whether the actor enters and monitors their data. */
async function participantInScope(db: Db, actor: ReadActor, participantId: number): Promise<ParticipantRow | null> {
  const [row] = await queryRows<ParticipantRow>(
    db,
    sql`select p.id, p.subject_code, p.site_id, p.study_id, s.code as study_code, s.current_protocol_version,
          ${crfEntryScope(actor)} as can_enter, ${crfMonitorScope(actor, sql`p.study_id`)} as can_monitor
        from participants p join studies s on s.id = p.study_id
        where p.id = ${participantId} and ${crfParticipantScope(actor)}`,
  );
  return row ?? null;
}

const participantOf = (r: ParticipantRow): EntryParticipant => ({ id: Number(r.id), subjectCode: r.subject_code, siteId: Number(r.site_id), studyId: Number(r.study_id), studyCode: r.study_code });

/**
 * One participant's form at one event and repeat, for the form page: the design (the version
 * the instance keeps, or the one in force), the saved values, other events' values for logic,
 * what the actor may do, the item queries and the next form. Participant scope as every
 * participant-level read (viewers: null); null too for an event or form not of the study.
 */
export const formEntry = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, key: EntryCellKey): Promise<FormEntry | null> => {
    const db = await getDb();
    const p = await participantInScope(db, actor, key.participantId);
    if (!p) return null;
    const studyId = Number(p.study_id);
    if (!Number.isInteger(key.repeat) || key.repeat < 1 || key.repeat > 200) return null;
    // The event, whether it collects the form, the instance and its item queries: one statement.
    const [found] = await db
      .select({
        event: crfEvents,
        cellId: crfEventForms.id,
        inst: crfFormInstances,
        queries: sql<FormEntry["queries"]>`(
          select coalesce(json_agg(json_build_object('id', q.id, 'field', q.field, 'status', q.status) order by q.id), '[]'::json)
          from queries q where q.participant_id = ${p.id} and q.entity_type = 'crf_form' and q.entity_id = ${crfFormInstances.id})`,
      })
      .from(crfEvents)
      .leftJoin(crfEventForms, and(eq(crfEventForms.eventId, crfEvents.id), eq(crfEventForms.formId, key.formId)))
      .leftJoin(
        crfFormInstances,
        and(eq(crfFormInstances.participantId, p.id), eq(crfFormInstances.eventId, crfEvents.id), eq(crfFormInstances.formId, key.formId), eq(crfFormInstances.repeat, key.repeat)),
      )
      .where(and(eq(crfEvents.id, key.eventId), eq(crfEvents.studyId, studyId)));
    const event = found?.event;
    if (!event || (event.kind === "scheduled" && key.repeat !== 1)) return null;
    if (found.cellId === null) return null;
    const inst = found.inst ?? undefined;
    const formVersionId = inst ? inst.formVersionId : await formVersionInForce(db, { id: studyId, currentProtocolVersion: Number(p.current_protocol_version) }, key.formId);
    if (formVersionId === null) return null;
    const form = await loadEntryForm(db, key.formId, formVersionId);
    if (!form) return null;
    const at = { eventId: event.id, formId: key.formId, repeat: key.repeat };
    const [otherEvents, grid] = await Promise.all([otherEventValues(db, p.id, at), participantGridCells(db, p.id, studyId)]);
    const queries = inst ? (found.queries ?? []).map((q) => ({ id: Number(q.id), field: q.field, status: q.status })) : [];
    return {
      participant: participantOf(p),
      event: { id: event.id, name: event.name, label: { zh: event.labelZh, en: event.labelEn }, kind: event.kind },
      form,
      instance: inst ? { id: inst.id, status: inst.status, values: inst.values, missing: inst.missing, version: inst.version, updatedAt: inst.updatedAt.toISOString() } : null,
      otherEvents,
      canEdit: Boolean(p.can_enter) && inst?.status !== "verified",
      canVerify: Boolean(p.can_monitor) && inst !== undefined && inst.status !== "in_progress",
      canRaiseQuery: Boolean(p.can_monitor) && inst !== undefined,
      queries,
      next: nextCell(grid, at),
    };
  },
  otherwise: (): FormEntry | null => null,
});

/** A participant's events × forms with each form's status and open queries (null outside the participant scope; viewers: null). */
export const participantFormGrid = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, participantId: number): Promise<FormGrid | null> => {
    const db = await getDb();
    const p = await participantInScope(db, actor, participantId);
    if (!p) return null;
    const grid = await participantGridCells(db, p.id, Number(p.study_id));
    return {
      participant: participantOf(p),
      events: grid.map((e) => ({
        id: e.id,
        name: e.name,
        label: { zh: e.labelZh, en: e.labelEn },
        kind: e.kind,
        forms: e.forms.map((f) => ({ formId: f.formId, name: f.name, label: { zh: f.labelZh, en: f.labelEn }, repeat: f.repeat, status: f.status, openQueries: f.openQueries })),
      })),
    };
  },
  otherwise: (): FormGrid | null => null,
});
