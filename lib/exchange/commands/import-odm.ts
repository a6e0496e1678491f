import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { lockOpenDesignStudy } from "@/lib/crf/design-study";
import { odmPlanSummary, planOdmImport } from "@/lib/exchange/odm/import-plan";
import { odmLinesField, odmText } from "@/lib/exchange/odm/fields";
import { writeOdmForms } from "@/lib/exchange/odm/write-forms";
import { versionForChange } from "@/lib/studies/protocol-version";
import { idField, optionalRequestKeyField } from "@/lib/validation/fields";

/**
 * Imports the forms of an ODM 1.3.2 metadata file into a draft study, all in this one
 * transaction, by the dictionary import's plan and write path (lib/exchange/odm/import-plan.ts).
 * A file with any problem is refused whole and nothing is written: the dry run
 * (lib/exchange/queries/odm-import.ts) lists every problem by line and element.
 */
export const importOdmCommand = defineCommand({
  name: "exchange.odm.import",
  schema: z.strictObject({ studyId: idField, lines: odmLinesField, requestKey: optionalRequestKeyField }),
  permission: "crf.design",
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    const study = await lockOpenDesignStudy(tx, actor, input.studyId);
    if (study.status !== "draft") throw new ActionError("odm.errors.notDraft");
    const { forms, problems } = await planOdmImport(tx, study, odmText(input.lines));
    if (problems.length > 0) throw new ActionError("odm.errors.refused", { count: problems.length, line: problems[0].line });

    const v = await versionForChange(tx, actor, study, {}, { crfForms: { added: forms.map((f) => f.name) } });
    await writeOdmForms(tx, actor.id, study.id, v.version, forms);
    const summary = odmPlanSummary(forms);
    audit({
      action: "exchange.odm.imported",
      entityType: "study",
      entityId: study.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      after: { protocolVersion: v.version.version, forms: summary },
    });
    return { studyId: study.id, protocolVersion: v.version.version, forms: summary };
  },
});
