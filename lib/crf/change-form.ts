import type { CommandContext } from "@/lib/actions/define-command";
import type { FormDef } from "@/lib/crf/design";
import { assertDesignValid } from "@/lib/crf/design-rules";
import { loadFormForChange, saveFormDesign } from "@/lib/crf/form-version";
import { lockOpenDesignStudy } from "@/lib/crf/design-study";
import type { Amendment } from "@/lib/studies/protocol-version";

type FormInput = { studyId: number; formId: number } & Amendment;

/**
 * The one path of every designer change to a form's content: lock a study the actor designs,
 * load the form in force, apply the change, check the study's forms with the dictionary's rules,
 * save (in place before recruiting, a new form version with an amendment after) and audit.
 */
export async function changeForm<I extends FormInput>(
  { actor, input, tx, audit }: CommandContext<I>,
  action: string,
  change: (before: FormDef) => { after: FormDef; itemName: string | null },
) {
  const study = await lockOpenDesignStudy(tx, actor, input.studyId);
  const { form, before, all } = await loadFormForChange(tx, study, input.formId);
  const { after, itemName } = change(before);
  assertDesignValid(
    all.map((f) => (f.name === form.name ? after : f)),
    after.items.find((i) => i.name === itemName) ?? null,
  );
  const saved = await saveFormDesign(tx, actor, study, form, after, input);
  audit({
    action,
    entityType: "crf_form",
    entityId: form.formId,
    centreId: study.leadCentreId,
    studyId: study.id,
    before: { version: form.version, items: before.items },
    after: { version: saved.version, protocolVersion: saved.protocol.version.version, items: after.items },
    ...(saved.protocol.amended ? { reason: saved.protocol.version.reason } : {}),
  });
  return { formId: form.formId, formVersion: saved.version, protocolVersion: saved.protocol.version.version };
}
