import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { crfEventForms, crfEvents, crfFormInstances, crfFormVersions, crfForms, studies, type CrfFormInstance, type Study } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { loadEntryForm, formVersionInForce, type EntryForm, type StoredEventRow } from "@/lib/crf/instance-store";
import { crfEntryScope, crfReadScope } from "@/lib/crf/scope";
import { checkRecords, instanceKey, type ImportCheck, type ImportContext, type ImportEvent, type ImportParticipant } from "@/lib/exchange/records-import/check";
import type { RecordsImportFiles } from "@/lib/exchange/records-import/input";
import { parseCsv, type CsvTable, type ImportProblem } from "@/lib/exchange/records-import/parse";
import { formFileName, groupFileName } from "@/lib/exchange/tidy-shape";
import { networkToday, toNetworkLocal } from "@/lib/time/network-day";

type PlanActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/** Ids per statement when reading by a list (well under any parameter limit). */
const CHUNK = 1000;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** The study (when the actor sees it) and its form, or null: not found and not yours look the same. */
export async function importTarget(tx: Db, actor: PlanActor, studyId: number, formId: number): Promise<{ study: Study; form: { id: number; name: string } } | null> {
  const [study] = await tx.select().from(studies).where(and(eq(studies.id, studyId), crfReadScope(actor)));
  if (!study) return null;
  const [form] = await tx.select({ id: crfForms.id, name: crfForms.name }).from(crfForms).where(and(eq(crfForms.id, formId), eq(crfForms.studyId, study.id)));
  return form ? { study, form } : null;
}

export type RecordsPlan = ImportCheck & { study: Study; form: { id: number; name: string } };

/**
 * Parses the files and reads what the check needs, once for the whole import: the form's
 * versions, the study's events, the named participants within the actor's entry scope (site
 * staff their centre's, the study's PI the study's: anyone else is reported as an unknown
 * participant), their stored instances and visits. With `lock`, the participants and the
 * form's instances are locked FOR UPDATE (the real import), so the check holds when it writes.
 * Null when the study or form is not the actor's to see.
 */
export async function planRecordsImport(tx: Db, actor: PlanActor, input: RecordsImportFiles, opts: { lock: boolean; now: Date }): Promise<RecordsPlan | null> {
  const target = await importTarget(tx, actor, input.studyId, input.formId);
  if (!target) return null;
  const { study, form } = target;
  const empty = (problems: ImportProblem[]): RecordsPlan => ({ study, form, problems, warnings: [], saves: [], rows: 0, unchanged: 0, needsReason: false });

  const problems: ImportProblem[] = [];
  const formParsed = parseCsv(formFileName(form.name), input.lines);
  problems.push(...formParsed.problems);
  const groups: { group: string; table: CsvTable }[] = [];
  for (const g of input.groups) {
    const parsed = parseCsv(groupFileName(form.name, g.group), g.lines);
    problems.push(...parsed.problems);
    if (parsed.table) groups.push({ group: g.group, table: parsed.table });
  }
  if (problems.length || !formParsed.table) return empty(problems);
  const formTable = formParsed.table;

  const inForceId = await formVersionInForce(tx, study, form.id);
  const versionRows = await tx.select({ id: crfFormVersions.id }).from(crfFormVersions).where(eq(crfFormVersions.formId, form.id));
  const versions = new Map<number, EntryForm>();
  for (const v of versionRows) {
    const def = await loadEntryForm(tx, form.id, v.id);
    if (def) versions.set(v.id, def);
  }
  const inForce = inForceId === null ? undefined : versions.get(inForceId);
  if (!inForce) return null;

  const eventRows = await tx
    .select({ id: crfEvents.id, name: crfEvents.name, kind: crfEvents.kind, visitCode: crfEvents.visitCode, collects: sql<boolean>`${crfEventForms.formId} is not null` })
    .from(crfEvents)
    .leftJoin(crfEventForms, and(eq(crfEventForms.eventId, crfEvents.id), eq(crfEventForms.formId, form.id)))
    .where(eq(crfEvents.studyId, study.id));
  const events = new Map<string, ImportEvent>(eventRows.map((e) => [e.name, { id: e.id, name: e.name, kind: e.kind, visitCode: e.visitCode, collects: Boolean(e.collects) }]));

  // The named participants, only those the actor enters data for.
  const codes = [...new Set([formTable, ...groups.map((g) => g.table)].flatMap((t) => t.rows.map((r) => r.cells.subject ?? "")).filter((c) => c !== ""))];
  const participants = new Map<string, ImportParticipant>();
  for (const part of chunks(codes)) {
    const rows = await queryRows<{ id: number; subject_code: string; centre_id: number; site_code: string }>(
      tx,
      sql`select p.id, p.subject_code, p.centre_id, o.code as site_code
          from participants p join organisations o on o.id = p.centre_id
          where p.study_id = ${study.id} and p.subject_code in ${part} and ${crfEntryScope(actor)}
          order by p.id ${opts.lock ? sql`for update of p` : sql``}`,
    );
    for (const r of rows) participants.set(r.subject_code, { id: Number(r.id), subjectCode: r.subject_code, centreId: Number(r.centre_id), siteCode: r.site_code });
  }
  const ids = [...participants.values()].map((p) => p.id);

  const instances = new Map<string, CrfFormInstance>();
  const storedRows = new Map<number, StoredEventRow[]>();
  const visitDates = new Map<string, string>();
  for (const part of chunks(ids)) {
    const where = and(eq(crfFormInstances.formId, form.id), inArray(crfFormInstances.participantId, part));
    const rows = opts.lock ? await tx.select().from(crfFormInstances).where(where).orderBy(crfFormInstances.id).for("update") : await tx.select().from(crfFormInstances).where(where);
    for (const i of rows) instances.set(instanceKey(i.participantId, i.eventId, i.repeat), i);
    const stored = await queryRows<StoredEventRow & { participant_id: number }>(
      tx,
      sql`select i.participant_id, e.name as event_name, i.event_id, i.form_id, i.repeat, i.values, i.missing
          from crf_form_instances i join crf_events e on e.id = i.event_id
          where i.participant_id in ${part} order by i.participant_id, e.ordinal, i.repeat`,
    );
    for (const r of stored) {
      const list = storedRows.get(Number(r.participant_id)) ?? [];
      list.push(r);
      storedRows.set(Number(r.participant_id), list);
    }
    const visits = await queryRows<{ participant_id: number; code: string; visit_date: string }>(
      tx,
      sql`select v.participant_id, d.code, v.visit_date::text as visit_date from participant_visits v join visit_definitions d on d.id = v.visit_definition_id
          where v.participant_id in ${part} and v.visit_date is not null order by v.id`,
    );
    for (const v of visits) {
      const k = `${Number(v.participant_id)}:${v.code}`;
      if (!visitDates.has(k)) visitDates.set(k, v.visit_date);
    }
  }

  const ctx: ImportContext = {
    inForce,
    versions,
    participants,
    events,
    instances,
    storedRows,
    visitDates,
    today: networkToday(opts.now),
    now: toNetworkLocal(opts.now).replace("T", " ").slice(0, 16),
  };
  return { study, form, ...checkRecords(ctx, formTable, groups) };
}
