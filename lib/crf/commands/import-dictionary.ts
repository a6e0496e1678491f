import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError, notFound } from "@/lib/actions/errors";
import { dictionaryRowsField } from "@/lib/crf/dictionary/row-schema";
import type { DictionaryProblem } from "@/lib/crf/dictionary/columns";
import { interpretDictionary } from "@/lib/crf/dictionary/interpret";
import { catalogueOf } from "@/lib/crf/design";
import { lockDesignableStudy } from "@/lib/crf/scope";
import { createForm, formsInForce, loadFormDefs } from "@/lib/crf/store";
import { amendmentFields } from "@/lib/studies/fields";
import { studyIsClosed } from "@/lib/studies/lifecycle";
import { versionForChange } from "@/lib/studies/protocol-version";
import { boolField, idField } from "@/lib/validation/fields";

export type DictionaryImportResult = {
  written: boolean;
  problems: DictionaryProblem[];
  forms: { name: string; items: number }[];
};

/**
 * Imports a REDCap data dictionary (rows parsed from the CSV by lib/crf/dictionary/csv.ts) as
 * new forms of the study. Every row is checked first and every problem is reported by row and
 * column; with `dryRun`, or with any problem, nothing is written. Otherwise all forms are
 * written in this one transaction (all or nothing); once recruiting, as a protocol amendment.
 */
export const importDictionaryCommand = defineCommand({
  name: "crf.dictionary.import",
  schema: z.strictObject({
    studyId: idField,
    rows: dictionaryRowsField,
    dryRun: boolField.optional(),
    ...amendmentFields,
  }),
  permission: "crf.design",
  handler: async ({ actor, input, tx, audit }): Promise<DictionaryImportResult> => {
    const study = await lockDesignableStudy(tx, actor, input.studyId);
    if (!study) throw notFound();
    if (studyIsClosed(study.status)) throw new ActionError("studies.errors.closed");

    const current = await formsInForce(tx, study);
    const existing = await loadFormDefs(tx, current);
    const { forms, problems } = interpretDictionary(input.rows, { items: catalogueOf(existing.flatMap((f) => f.items)).items, forms: current.map((f) => f.name) });
    if (input.rows.length === 0) problems.push({ row: 1, column: "", key: "crf.dictionary.problems.noRows" });
    const summary = forms.map((f) => ({ name: f.name, items: f.items.length }));
    if (input.dryRun || problems.length > 0) return { written: false, problems, forms: summary };

    const v = await versionForChange(tx, actor, study, input, { crfForms: { added: forms.map((f) => f.name) } });
    for (const def of forms) await createForm(tx, actor.id, study.id, v.version, def);
    audit({
      action: "crf.dictionary.imported",
      entityType: "study",
      entityId: study.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      after: { protocolVersion: v.version.version, amended: v.amended, forms: summary },
      ...(v.amended ? { reason: v.version.reason } : {}),
    });
    return { written: true, problems: [], forms: summary };
  },
});
