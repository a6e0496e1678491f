import { eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { crfFormVersions, crfForms, type Study } from "@/db/schema";
import type { CrfEventKind, CrfFormInstanceStatus } from "@/db/enums";
import type { EntryFormDef, GroupDef } from "@/lib/crf/entry";
import { formsInForce, loadFormDefs, type FormInForce } from "@/lib/crf/store";

export type EntryForm = EntryFormDef & { formId: number; formVersionId: number; version: number };

/** A form version's design with its repeating groups, or null when the version is not the form's. */
export async function loadEntryForm(tx: Db, formId: number, formVersionId: number): Promise<EntryForm | null> {
  // The form, its version and its repeating groups (with their items' names) in one statement.
  const [row] = await tx
    .select({
      formId: crfForms.id,
      name: crfForms.name,
      ordinal: crfForms.ordinal,
      labelZh: crfForms.labelZh,
      labelEn: crfForms.labelEn,
      formVersionId: crfFormVersions.id,
      version: crfFormVersions.version,
      groups: sql<{ name: string; labelZh: string; labelEn: string; maxRows: number; items: string[] }[]>`(
        select coalesce(json_agg(json_build_object('name', g.name, 'labelZh', g.label_zh, 'labelEn', g.label_en, 'maxRows', g.max_rows,
                 'items', (select coalesce(json_agg(i.name order by i.ordinal), '[]'::json) from crf_items i where i.repeating_group_id = g.id)) order by g.id), '[]'::json)
        from crf_repeating_groups g where g.form_version_id = ${crfFormVersions.id})`,
    })
    .from(crfFormVersions)
    .innerJoin(crfForms, eq(crfForms.id, crfFormVersions.formId))
    .where(sql`${crfFormVersions.id} = ${formVersionId} and ${crfForms.id} = ${formId}`);
  if (!row) return null;
  const f: FormInForce = { formId: row.formId, name: row.name, ordinal: row.ordinal, labelZh: row.labelZh, labelEn: row.labelEn, formVersionId: row.formVersionId, version: row.version };
  const [def] = await loadFormDefs(tx, [f]);
  const groups: GroupDef[] = (row.groups ?? []).map((g) => ({ name: g.name, label: { zh: g.labelZh, en: g.labelEn }, maxRows: Number(g.maxRows), items: g.items }));
  return { ...def, groups, formId: row.formId, formVersionId: row.formVersionId, version: row.version };
}

/** The version of a study's form in force under its current protocol version, or null (no such form). */
export async function formVersionInForce(tx: Db, study: Pick<Study, "id" | "currentProtocolVersion">, formId: number): Promise<number | null> {
  return (await formsInForce(tx, study)).find((f) => f.formId === formId)?.formVersionId ?? null;
}

export type GridCell = { eventId: number; formId: number; repeat: number; status: "not_started" | CrfFormInstanceStatus; instanceId: number | null; openQueries: number };
export type GridEvent = { id: number; name: string; labelZh: string; labelEn: string; kind: CrfEventKind; visitCode: string | null; forms: (GridCell & { name: string; labelZh: string; labelEn: string })[] };

const KIND_ORDER: Record<CrfEventKind, number> = { scheduled: 0, unscheduled: 1, log: 2 };

/**
 * A participant's events × forms, in the study's order (scheduled visits, then unscheduled
 * visits and logs): each entered instance with its status and open queries; a scheduled event's
 * form not yet entered as repeat 1; an unscheduled visit or a log also offers its next repeat.
 */
export async function participantGridCells(tx: Db, participantId: number, studyId: number): Promise<GridEvent[]> {
  const rows = await queryRows<{
    event_id: number;
    event_name: string;
    event_zh: string;
    event_en: string;
    kind: CrfEventKind;
    visit_code: string | null;
    event_ordinal: number;
    form_id: number;
    form_name: string;
    form_zh: string;
    form_en: string;
    instance_id: number | null;
    repeat: number | null;
    status: CrfFormInstanceStatus | null;
    open_queries: number;
  }>(
    tx,
    sql`select e.id as event_id, e.name as event_name, e.label_zh as event_zh, e.label_en as event_en, e.kind, e.visit_code, e.ordinal as event_ordinal,
          f.id as form_id, f.name as form_name, f.label_zh as form_zh, f.label_en as form_en,
          i.id as instance_id, i.repeat, i.status,
          (select count(*)::int from queries q where q.participant_id = ${participantId} and q.entity_type = 'crf_form' and q.entity_id = i.id and q.status in ('open', 'answered')) as open_queries
        from crf_events e
        join crf_event_forms ef on ef.event_id = e.id
        join crf_forms f on f.id = ef.form_id
        left join crf_form_instances i on i.participant_id = ${participantId} and i.event_id = e.id and i.form_id = f.id
        where e.study_id = ${studyId}
        order by e.ordinal, e.id, ef.ordinal, f.id, i.repeat`,
  );
  const events = new Map<number, GridEvent>();
  for (const r of rows) {
    const eventId = Number(r.event_id);
    let e = events.get(eventId);
    if (!e) {
      e = { id: eventId, name: r.event_name, labelZh: r.event_zh, labelEn: r.event_en, kind: r.kind, visitCode: r.visit_code, forms: [] };
      events.set(eventId, e);
    }
    const base = { eventId, formId: Number(r.form_id), name: r.form_name, labelZh: r.form_zh, labelEn: r.form_en };
    if (r.instance_id !== null) {
      e.forms.push({ ...base, repeat: Number(r.repeat), status: r.status!, instanceId: Number(r.instance_id), openQueries: Number(r.open_queries) });
    }
  }
  // Add the cells not entered yet: repeat 1 of a scheduled form, the next repeat of a repeating event.
  for (const r of rows) {
    const e = events.get(Number(r.event_id))!;
    const formId = Number(r.form_id);
    if (e.forms.some((c) => c.formId === formId && c.status === "not_started")) continue;
    const entered = e.forms.filter((c) => c.formId === formId);
    if (e.kind === "scheduled" && entered.length > 0) continue;
    const repeat = entered.length ? Math.max(...entered.map((c) => c.repeat)) + 1 : 1;
    if (repeat > 200) continue;
    const at = e.forms.findLastIndex((c) => c.formId === formId);
    const cell = { eventId: e.id, formId, name: r.form_name, labelZh: r.form_zh, labelEn: r.form_en, repeat, status: "not_started" as const, instanceId: null, openQueries: 0 };
    if (at >= 0) e.forms.splice(at + 1, 0, cell);
    else e.forms.push(cell);
  }
  return [...events.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** The cell after (eventId, formId, repeat) in the grid, for "save and go to the next form". */
export function nextCell(grid: readonly GridEvent[], at: { eventId: number; formId: number; repeat: number }): { eventId: number; formId: number; repeat: number } | null {
  const cells = grid.flatMap((e) => e.forms);
  const i = cells.findIndex((c) => c.eventId === at.eventId && c.formId === at.formId && c.repeat === at.repeat);
  const next = i >= 0 ? cells.slice(i + 1).find((c) => !(c.eventId === at.eventId && c.formId === at.formId)) : undefined;
  return next ? { eventId: next.eventId, formId: next.formId, repeat: next.repeat } : null;
}

/**
 * The participant's stored form values by event name, for `[event][item]` (and, under the
 * event being entered, its other forms): missing-data codes as { missing: code }. The
 * instance being entered is left out.
 */
export async function otherEventValues(tx: Db, participantId: number, except: { eventId: number; formId: number; repeat: number }): Promise<Record<string, Record<string, unknown>>> {
  const rows = await queryRows<StoredEventRow>(
    tx,
    sql`select e.name as event_name, i.event_id, i.form_id, i.repeat, i.values, i.missing
        from crf_form_instances i join crf_events e on e.id = i.event_id
        where i.participant_id = ${participantId} order by e.ordinal, i.repeat`,
  );
  return eventValuesFrom(rows, except);
}

/** A participant's stored instance, as `eventValuesFrom` reads it (ordered by event ordinal, then repeat). */
export type StoredEventRow = { event_name: string; event_id: number; form_id: number; repeat: number; values: Record<string, unknown>; missing: Record<string, string> };

/**
 * `otherEventValues` over rows already read (the bulk import reads every participant's rows at
 * once): the same rule, one implementation.
 */
export function eventValuesFrom(rows: readonly StoredEventRow[], except: { eventId: number; formId: number; repeat: number }): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of rows) {
    if (Number(r.event_id) === except.eventId && Number(r.form_id) === except.formId && Number(r.repeat) === except.repeat) continue;
    const target = (out[r.event_name] ??= {});
    // An unscheduled visit or a log keeps its first repeat for references.
    for (const [k, v] of Object.entries(r.values)) {
      if (Object.hasOwn(target, k)) continue;
      if (typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"))) target[k] = v;
    }
    for (const [k, code] of Object.entries(r.missing)) if (!k.includes(".") && !Object.hasOwn(target, k)) target[k] = { missing: code };
  }
  return out;
}
