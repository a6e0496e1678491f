import { forcesMinMax, joinAnnotation } from "@/lib/crf/dictionary/annotation";
import { formatBilingual } from "@/lib/crf/dictionary/bilingual";
import type { DictionaryRow } from "@/lib/crf/dictionary/columns";
import { redcapTypeOf } from "@/lib/crf/dictionary/field-types";
import { CHOICE_TYPES, type FormDef, type ItemDef } from "@/lib/crf/design";

const yes = (b: boolean) => (b ? "y" : "");

function choicesCell(item: ItemDef): string {
  if (CHOICE_TYPES.includes(item.type)) return item.choices.map((c) => `${c.code}, ${formatBilingual(c.label)}`).join(" | ");
  if (item.type === "calc") return item.calculation ?? "";
  if (item.type === "slider") return (item.sliderLabels ?? []).map(formatBilingual).join(" | ");
  return "";
}

/**
 * The dictionary rows of forms, in order: the inverse of interpretDictionary. Hard limits are
 * written as min/max with REDCap's @FORCE-MINMAX in the annotation (added when missing); an
 * item with soft limits only writes those.
 */
export function formsToRows(forms: readonly FormDef[]): DictionaryRow[] {
  return forms.flatMap((form) =>
    form.items.map((item) => {
      const { fieldType, validation } = redcapTypeOf(item);
      const hard = item.hardMin !== null || item.hardMax !== null;
      const annotation = hard && !forcesMinMax(item.annotation) ? [item.annotation, "@FORCE-MINMAX"].filter(Boolean).join(" ") : item.annotation;
      return {
        name: item.name,
        form: form.name,
        section: item.section ? formatBilingual(item.section) : "",
        type: fieldType,
        label: formatBilingual(item.label),
        choices: choicesCell(item),
        note: item.note ? formatBilingual(item.note) : "",
        validation,
        min: (hard ? item.hardMin : item.softMin) ?? "",
        max: (hard ? item.hardMax : item.softMax) ?? "",
        identifier: yes(item.identifier),
        branching: item.branchingLogic ?? "",
        required: yes(item.required),
        alignment: item.alignment ?? "",
        questionNumber: item.questionNumber ?? "",
        matrixGroup: item.matrixGroup ?? "",
        matrixRanking: yes(item.matrixRanking),
        annotation: joinAnnotation({ annotation, missingCodes: item.missingCodes, unit: item.unit }),
      };
    }),
  );
}
