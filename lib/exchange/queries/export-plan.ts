import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { Bilingual } from "@/lib/crf/design";
import { loadEntryForm } from "@/lib/crf/instance-store";
import { formsInForce } from "@/lib/crf/store";
import type { ExportEventDef, ExportFormDef, ExportItemDef, ExportSiteDef } from "@/lib/exchange/export/columns";
import type { ExportOptions } from "@/lib/exchange/export/options";
import { exportParticipantScope, exportStudyScope, idList } from "@/lib/exchange/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type ExportStudy = { id: number; code: string; titleZh: string; titleEn: string; currentProtocolVersion: number };

async function exportableStudy(db: Db, actor: ReadActor, studyId: number): Promise<ExportStudy | null> {
  const [s] = await queryRows<ExportStudy>(
    db,
    sql`select s.id, s.code, s.title_zh as "titleZh", s.title_en as "titleEn", s.current_protocol_version as "currentProtocolVersion"
        from studies s where s.id = ${studyId} and ${exportStudyScope(actor, sql`s.id`)}`,
  );
  return s ? { ...s, id: Number(s.id) } : null;
}

type Choice = { id: number; name: string; label: Bilingual };

/** What the options form offers: the study's forms and events in order, and its sites. */
export type ExportChoices = { study: ExportStudy; forms: Choice[]; events: (Choice & { formIds: number[] })[]; sites: ExportSiteDef[] };

async function choicesOf(db: Db, study: ExportStudy): Promise<ExportChoices> {
  const forms = (await formsInForce(db, study)).map((f) => ({ id: f.formId, name: f.name, label: { zh: f.labelZh, en: f.labelEn } }));
  const events = await queryRows<{ id: number; name: string; zh: string; en: string; form_ids: number[] | null }>(
    db,
    sql`select e.id, e.name, e.label_zh as zh, e.label_en as en,
          (select array_agg(ef.form_id order by ef.ordinal, ef.form_id) from crf_event_forms ef where ef.event_id = e.id) as form_ids
        from crf_events e where e.study_id = ${study.id} order by (case e.kind when 'scheduled' then 0 when 'unscheduled' then 1 else 2 end), e.ordinal, e.id`,
  );
  const sites = await queryRows<{ id: number; code: string; zh: string; en: string }>(
    db,
    sql`select o.id, o.code, o.name_zh as zh, o.name_en as en from study_sites ss join organisations o on o.id = ss.centre_id
        where ss.study_id = ${study.id} order by o.code, o.id`,
  );
  return {
    study,
    forms,
    events: events.map((e) => ({ id: Number(e.id), name: e.name, label: { zh: e.zh, en: e.en }, formIds: (e.form_ids ?? []).map(Number) })),
    sites: sites.map((s) => ({ id: Number(s.id), code: s.code, label: { zh: s.zh, en: s.en } })),
  };
}

/** The study's forms, events and sites for the export options, when the actor may export it; null otherwise. */
export const exportChoices = defineQuery({
  permission: "exchange.export",
  run: async (actor: ReadActor, studyId: number): Promise<ExportChoices | null> => {
    const db = await getDb();
    const study = await exportableStudy(db, actor, studyId);
    return study ? choicesOf(db, study) : null;
  },
  otherwise: () => null,
});

/** Every item any version of a form has: the version in force first (its order), then items only older versions had. */
async function exportFormDef(db: Db, form: Choice, inForceVersionId: number): Promise<ExportFormDef> {
  const versions = await queryRows<{ id: number }>(db, sql`select id from crf_form_versions where form_id = ${form.id} order by (id = ${inForceVersionId}) desc, version desc`);
  const items: ExportItemDef[] = [];
  const groups = new Map<string, { name: string; label: Bilingual }>();
  for (const v of versions) {
    const def = await loadEntryForm(db, form.id, Number(v.id));
    if (!def) continue;
    const groupOf = new Map<string, string>();
    for (const g of def.groups ?? []) {
      if (!groups.has(g.name)) groups.set(g.name, { name: g.name, label: g.label });
      for (const i of g.items) groupOf.set(i, g.name);
    }
    for (const item of def.items) {
      const known = items.find((i) => i.name === item.name);
      if (!known) items.push({ ...item, group: groupOf.get(item.name) ?? null });
      else for (const c of item.choices) if (!known.choices.some((k) => k.code === c.code)) known.choices.push(c);
    }
  }
  return { formId: form.id, name: form.name, label: form.label, items, groups: [...groups.values()] };
}

export type ExportPlan = {
  study: ExportStudy;
  forms: ExportFormDef[];
  /** The chosen events, each with the chosen forms it collects. */
  events: ExportEventDef[];
  /** Every site of the study (value labels of the site column); `siteIds` the chosen ones (empty: all). */
  sites: ExportSiteDef[];
  siteIds: number[];
  /** Highest repeat of each event × form in the rows the actor will get (the wide file's columns). */
  maxRepeats: { eventId: number; formId: number; max: number }[];
};

const chosen = <T extends { id: number }>(all: T[], ids: readonly number[]) => (ids.length ? all.filter((x) => ids.includes(x.id)) : all);

/**
 * What an export of the study holds under the options: the chosen forms with every item their
 * versions have, the chosen events and sites, and how often each form repeats in the rows the
 * actor may read. Null when the actor may not export the study.
 */
export const exportPlan = defineQuery({
  permission: "exchange.export",
  run: async (actor: ReadActor, o: ExportOptions): Promise<ExportPlan | null> => {
    const db = await getDb();
    const study = await exportableStudy(db, actor, o.studyId);
    if (!study) return null;
    const choices = await choicesOf(db, study);
    const inForce = new Map((await formsInForce(db, study)).map((f) => [f.formId, f.formVersionId]));
    const forms: ExportFormDef[] = [];
    for (const f of chosen(choices.forms, o.forms)) forms.push(await exportFormDef(db, f, inForce.get(f.id) ?? 0));
    const formIds = forms.map((f) => f.formId);
    const events = chosen(choices.events, o.events).map((e) => ({ ...e, formIds: e.formIds.filter((id) => formIds.includes(id)) }));
    const siteIds = o.sites.length ? choices.sites.filter((s) => o.sites.includes(s.id)).map((s) => s.id) : [];
    const eventIds = events.map((e) => e.id);
    const maxRepeats =
      formIds.length && eventIds.length
        ? await queryRows<{ eventId: number; formId: number; max: number }>(
            db,
            sql`select i.event_id as "eventId", i.form_id as "formId", max(i.repeat)::int as max
                from crf_form_instances i join participants p on p.id = i.participant_id
                where i.study_id = ${study.id} and i.form_id in ${idList(formIds)} and i.event_id in ${idList(eventIds)}
                  ${siteIds.length ? sql`and p.centre_id in ${idList(siteIds)}` : sql``} and ${exportParticipantScope(actor)}
                group by i.event_id, i.form_id`,
          )
        : [];
    return { study, forms, events, sites: choices.sites, siteIds, maxRepeats: maxRepeats.map((m) => ({ eventId: Number(m.eventId), formId: Number(m.formId), max: Number(m.max) })) };
  },
  otherwise: () => null,
});
