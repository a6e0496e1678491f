import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crfEventForms, crfEvents, crfForms, crfItems, crfRepeatingGroups, type Study } from "@/db/schema";
import type { CrfEventKind } from "@/db/enums";
import type { Bilingual, FormDef, ItemDef } from "@/lib/crf/design";
import { formsInForce, loadFormDefs } from "@/lib/crf/store";

/** A repeating group of a form: its items repeat per row, up to maxRows. */
export type OdmGroup = { name: string; label: Bilingual; maxRows: number; items: string[] };
export type OdmForm = FormDef & { groups: OdmGroup[] };
export type OdmEvent = { name: string; kind: CrfEventKind; visitCode: string | null; label: Bilingual; forms: string[] };

/** What a metadata export writes: the study, its events and its forms in force under one protocol version. */
export type OdmDesign = {
  study: { code: string; title: Bilingual; protocolVersion: number };
  events: OdmEvent[];
  forms: OdmForm[];
};

/**
 * The study's design as ODM writes it: one MetaDataVersion, the forms in force under the
 * study's current protocol version (the version data is entered on now). Earlier form versions
 * are not written: ODM's MetaDataVersion per protocol version would repeat every unchanged form.
 */
export async function loadOdmDesign(db: Db, study: Pick<Study, "id" | "code" | "titleZh" | "titleEn" | "currentProtocolVersion">): Promise<OdmDesign> {
  const inForce = await formsInForce(db, study);
  const defs = await loadFormDefs(db, inForce);
  const versionIds = inForce.map((f) => f.formVersionId);
  const groups = versionIds.length ? await db.select().from(crfRepeatingGroups).where(inArray(crfRepeatingGroups.formVersionId, versionIds)).orderBy(asc(crfRepeatingGroups.id)) : [];
  const members = groups.length
    ? await db.select({ groupId: crfItems.repeatingGroupId, name: crfItems.name }).from(crfItems).where(inArray(crfItems.repeatingGroupId, groups.map((g) => g.id))).orderBy(asc(crfItems.ordinal))
    : [];
  const forms: OdmForm[] = defs.map((def, i) => ({
    ...def,
    groups: groups
      .filter((g) => g.formVersionId === inForce[i].formVersionId)
      .map((g) => ({ name: g.name, label: { zh: g.labelZh, en: g.labelEn }, maxRows: g.maxRows, items: members.filter((m) => m.groupId === g.id).map((m) => m.name) })),
  }));
  const events = await db.select().from(crfEvents).where(eq(crfEvents.studyId, study.id)).orderBy(asc(crfEvents.ordinal), asc(crfEvents.id));
  const attached = events.length
    ? await db
        .select({ eventId: crfEventForms.eventId, name: crfForms.name })
        .from(crfEventForms)
        .innerJoin(crfForms, eq(crfForms.id, crfEventForms.formId))
        .where(inArray(crfEventForms.eventId, events.map((e) => e.id)))
        .orderBy(asc(crfEventForms.ordinal), asc(crfEventForms.id))
    : [];
  return {
    study: { code: study.code, title: { zh: study.titleZh, en: study.titleEn }, protocolVersion: study.currentProtocolVersion },
    events: events.map((e) => ({ name: e.name, kind: e.kind, visitCode: e.visitCode, label: { zh: e.labelZh, en: e.labelEn }, forms: attached.filter((a) => a.eventId === e.id).map((a) => a.name) })),
    forms,
  };
}

/**
 * The item groups of a form in order: the runs of consecutive items that are either all in one
 * repeating group or outside any, a new run also where a section starts. ODM keeps item order
 * within a group, so runs keep the form's order exactly.
 */
export type ItemRun = { group: OdmGroup | null; n: number; items: ItemDef[]; section: Bilingual | null };

export function itemRuns(form: OdmForm): ItemRun[] {
  const groupOf = new Map(form.groups.flatMap((g) => g.items.map((name) => [name, g] as const)));
  const runs: ItemRun[] = [];
  for (const item of form.items) {
    const group = groupOf.get(item.name) ?? null;
    const last = runs.at(-1);
    if (last && last.group === group && !item.section) last.items.push(item);
    else runs.push({ group, n: runs.length + 1, items: [item], section: item.section });
  }
  return runs;
}
