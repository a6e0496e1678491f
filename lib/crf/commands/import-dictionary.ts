import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { planDictionaryImport, planSummary } from "@/lib/crf/dictionary/plan";
import { dictionaryRowsField } from "@/lib/crf/dictionary/row-schema";
import { lockOpenDesignStudy } from "@/lib/crf/design-study";
import { createForm } from "@/lib/crf/store";
import { amendmentFields } from "@/lib/studies/fields";
import { versionForChange } from "@/lib/studies/protocol-version";
import { idField } from "@/lib/validation/fields";

/**
 * Imports a REDCap data dictionary (rows parsed from the CSV by lib/crf/dictionary/csv.ts) as
 * new forms of the study, all in this one transaction; once recruiting, as a protocol
 * amendment. A dictionary with any problem is refused whole and nothing is written: the dry
 * run (lib/crf/queries/dictionary.ts, checkDictionary) lists every problem by row and column.
 */
export const importDictionaryCommand = defineCommand({
  name: "crf.dictionary.import",
  schema: z.strictObject({
    studyId: idField,
    rows: dictionaryRowsField,
    ...amendmentFields,
  }),
  permission: "crf.design",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await lockOpenDesignStudy(tx, actor, input.studyId);

    const { forms, problems } = await planDictionaryImport(tx, study, input.rows);
    if (problems.length > 0) throw new ActionError("crf.dictionary.refused", { count: problems.length, row: problems[0].row });

    const v = await versionForChange(tx, actor, study, input, { crfForms: { added: forms.map((f) => f.name) } });
    for (const def of forms) await createForm(tx, actor.id, study.id, v.version, def);
    const summary = planSummary(forms);
    audit({
      action: "crf.dictionary.imported",
      entityType: "study",
      entityId: study.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      after: { protocolVersion: v.version.version, amended: v.amended, forms: summary },
      ...(v.amended ? { reason: v.version.reason } : {}),
    });
    return { studyId: study.id, protocolVersion: v.version.version, forms: summary };
  },
});
