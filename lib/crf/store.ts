import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { crfFormVersions, crfForms, crfItemChoices, crfItems, crfSections, type CrfFormVersion, type ProtocolVersion, type Study } from "@/db/schema";
import type { CrfMissingCode } from "@/db/enums";
import type { FormDef, ItemDef } from "@/lib/crf/design";

export type FormInForce = { formId: number; name: string; ordinal: number; labelZh: string; labelEn: string; formVersionId: number; version: number };

/**
 * Each form of a study with its version in force under the study's current protocol version:
 * the latest form version introduced at or before it.
 */
export async function formsInForce(tx: Db, study: Pick<Study, "id" | "currentProtocolVersion">): Promise<FormInForce[]> {
  return queryRows<FormInForce>(
    tx,
    sql`select distinct on (f.id) f.id as "formId", f.name, f.ordinal, f.label_zh as "labelZh", f.label_en as "labelEn", fv.id as "formVersionId", fv.version
        from crf_forms f
        join crf_form_versions fv on fv.form_id = f.id
        join protocol_versions pv on pv.id = fv.protocol_version_id
        where f.study_id = ${study.id} and pv.version <= ${study.currentProtocolVersion}
        order by f.id, fv.version desc`,
  ).then((rows) => rows.sort((a, b) => a.ordinal - b.ordinal || a.formId - b.formId));
}

/** The content of form versions as designs, in the order given. */
export async function loadFormDefs(tx: Db, forms: readonly FormInForce[]): Promise<FormDef[]> {
  if (forms.length === 0) return [];
  const ids = forms.map((f) => f.formVersionId);
  const items = await tx.select().from(crfItems).where(inArray(crfItems.formVersionId, ids)).orderBy(asc(crfItems.formVersionId), asc(crfItems.ordinal));
  const sections = await tx.select().from(crfSections).where(inArray(crfSections.formVersionId, ids));
  const choices = items.length
    ? await tx.select().from(crfItemChoices).where(inArray(crfItemChoices.itemId, items.map((i) => i.id))).orderBy(asc(crfItemChoices.itemId), asc(crfItemChoices.ordinal))
    : [];
  return forms.map((f) => {
    let lastSection: number | null = null;
    const defs = items
      .filter((i) => i.formVersionId === f.formVersionId)
      .map((i): ItemDef => {
        const section = i.sectionId !== null && i.sectionId !== lastSection ? sections.find((s) => s.id === i.sectionId) : undefined;
        lastSection = i.sectionId;
        return {
          name: i.name,
          type: i.type,
          validation: i.validation,
          section: section ? { zh: section.labelZh, en: section.labelEn } : null,
          label: { zh: i.labelZh, en: i.labelEn },
          note: i.noteZh !== null && i.noteEn !== null ? { zh: i.noteZh, en: i.noteEn } : null,
          unit: i.unit,
          decimalPlaces: i.decimalPlaces,
          required: i.required,
          identifier: i.identifier,
          hardMin: i.hardMin,
          hardMax: i.hardMax,
          softMin: i.softMin,
          softMax: i.softMax,
          branchingLogic: i.branchingLogic,
          calculation: i.calculation,
          choices: choices.filter((c) => c.itemId === i.id).map((c) => ({ code: c.code, label: { zh: c.labelZh, en: c.labelEn } })),
          sliderLabels: i.sliderLabels,
          sliderShowNumber: i.sliderShowNumber,
          missingCodes: i.missingCodes as CrfMissingCode[],
          matrixGroup: i.matrixGroup,
          matrixRanking: i.matrixRanking,
          alignment: i.alignment,
          questionNumber: i.questionNumber,
          annotation: i.annotation,
        };
      });
    return { name: f.name, label: { zh: f.labelZh, en: f.labelEn }, items: defs };
  });
}

/** Writes a form's items, sections and choices into an empty form version. */
export async function writeFormContent(tx: Db, formVersionId: number, def: FormDef): Promise<void> {
  let sectionId: number | null = null;
  let sectionOrdinal = 0;
  for (const [n, item] of def.items.entries()) {
    if (item.section) {
      sectionOrdinal += 1;
      const [s] = await tx.insert(crfSections).values({ formVersionId, ordinal: sectionOrdinal, labelZh: item.section.zh, labelEn: item.section.en }).returning({ id: crfSections.id });
      sectionId = s.id;
    }
    const [row] = await tx
      .insert(crfItems)
      .values({
        formVersionId,
        sectionId,
        ordinal: n + 1,
        name: item.name,
        type: item.type,
        validation: item.validation,
        labelZh: item.label.zh,
        labelEn: item.label.en,
        noteZh: item.note?.zh ?? null,
        noteEn: item.note?.en ?? null,
        unit: item.unit,
        decimalPlaces: item.decimalPlaces,
        required: item.required,
        identifier: item.identifier,
        hardMin: item.hardMin,
        hardMax: item.hardMax,
        softMin: item.softMin,
        softMax: item.softMax,
        branchingLogic: item.branchingLogic,
        calculation: item.calculation,
        sliderLabels: item.sliderLabels,
        sliderShowNumber: item.sliderShowNumber,
        missingCodes: item.missingCodes,
        matrixGroup: item.matrixGroup,
        matrixRanking: item.matrixRanking,
        alignment: item.alignment,
        questionNumber: item.questionNumber,
        annotation: item.annotation,
      })
      .returning({ id: crfItems.id });
    if (item.choices.length) {
      await tx.insert(crfItemChoices).values(item.choices.map((c, k) => ({ itemId: row.id, ordinal: k + 1, code: c.code, labelZh: c.label.zh, labelEn: c.label.en })));
    }
  }
}

/** A new form with its first version, under the given protocol version. */
export async function createForm(tx: Db, actorId: number, studyId: number, pv: ProtocolVersion, def: FormDef): Promise<{ formId: number; formVersion: CrfFormVersion }> {
  const [{ next }] = await queryRows<{ next: number }>(tx, sql`select coalesce(max(ordinal), 0) + 1 as next from crf_forms where study_id = ${studyId}`);
  const [form] = await tx.insert(crfForms).values({ studyId, name: def.name, ordinal: next, labelZh: def.label.zh, labelEn: def.label.en }).returning({ id: crfForms.id });
  const [formVersion] = await tx.insert(crfFormVersions).values({ formId: form.id, version: 1, protocolVersionId: pv.id, createdBy: actorId }).returning();
  await writeFormContent(tx, formVersion.id, def);
  return { formId: form.id, formVersion };
}

/** A form of the study by id, or null. */
export async function formOfStudy(tx: Db, studyId: number, formId: number) {
  const [f] = await tx.select().from(crfForms).where(and(eq(crfForms.id, formId), eq(crfForms.studyId, studyId)));
  return f ?? null;
}
