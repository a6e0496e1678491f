import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { crfNameField } from "@/lib/crf/item-fields";
import { lockOpenDesignStudy } from "@/lib/crf/design-study";
import { createForm, formsInForce } from "@/lib/crf/store";
import { amendmentFields } from "@/lib/studies/fields";
import { versionForChange } from "@/lib/studies/protocol-version";
import { idField, textField } from "@/lib/validation/fields";

/** Adds an empty form to the study (once recruiting, as a protocol amendment). */
export const createFormCommand = defineCommand({
  name: "crf.form.create",
  schema: z.strictObject({
    studyId: idField,
    name: crfNameField,
    labelZh: textField({ max: 200 }),
    labelEn: textField({ max: 200 }),
    ...amendmentFields,
  }),
  permission: "crf.design",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await lockOpenDesignStudy(tx, actor, input.studyId);
    if ((await formsInForce(tx, study)).some((f) => f.name === input.name)) throw fieldError("name", "crf.design.errors.formExists");
    const v = await versionForChange(tx, actor, study, input, { crfForms: { added: [input.name] } });
    const def = { name: input.name, label: { zh: input.labelZh, en: input.labelEn }, items: [] };
    const { formId, formVersion } = await createForm(tx, actor.id, study.id, v.version, def);
    audit({
      action: "crf.form.created",
      entityType: "crf_form",
      entityId: formId,
      centreId: study.leadCentreId,
      studyId: study.id,
      after: { name: def.name, labelZh: def.label.zh, labelEn: def.label.en, protocolVersion: v.version.version },
      ...(v.amended ? { reason: v.version.reason } : {}),
    });
    return { formId, formVersion: formVersion.version, protocolVersion: v.version.version };
  },
});
