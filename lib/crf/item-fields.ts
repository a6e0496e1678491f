import { z } from "zod";
import { CRF_ITEM_TYPES, CRF_MISSING_CODES, CRF_VALIDATION_TYPES } from "@/db/enums";
import { CHOICE_TYPES, CRF_NAME_MAX, CRF_NAME_RE, type ItemDef } from "@/lib/crf/design";
import { sliderLabelsOf } from "@/lib/crf/slider-labels";
import { boolField, choiceField, intField, listOf, optionalChoiceField, optionalTextField, patternField, textField } from "@/lib/validation/fields";

export const crfNameField = patternField({ pattern: CRF_NAME_RE, max: CRF_NAME_MAX, example: "weight_kg", message: "crf.design.errors.name" });
const label = textField({ max: 2000, multiline: true });
const optionalLabel = optionalTextField({ max: 2000, multiline: true });
const short = optionalTextField({ max: 100 });
const expression = optionalTextField({ max: 10_000, multiline: true });
const MAX_CHOICES = 200;
const sliderLabel = optionalTextField({ max: 200 });

/** What a designer sends for one item (add or update): every bilingual text in both languages. */
export const itemFields = {
  name: crfNameField,
  type: choiceField(CRF_ITEM_TYPES),
  validation: optionalChoiceField(CRF_VALIDATION_TYPES),
  labelZh: label,
  labelEn: label,
  noteZh: optionalLabel,
  noteEn: optionalLabel,
  unit: short,
  decimalPlaces: intField({ min: 0, max: 4 }).nullable().optional(),
  required: boolField.optional(),
  hardMin: short,
  hardMax: short,
  softMin: short,
  softMax: short,
  branchingLogic: expression,
  calculation: expression,
  choiceCode: listOf(textField({ max: 40 }), MAX_CHOICES),
  choiceZh: listOf(label, MAX_CHOICES),
  choiceEn: listOf(label, MAX_CHOICES),
  missingCodes: listOf(choiceField(CRF_MISSING_CODES), CRF_MISSING_CODES.length),
  /** A slider's labels at the left, middle and right (lib/crf/slider-labels.ts), and whether it shows its number. */
  sliderLeftZh: sliderLabel,
  sliderLeftEn: sliderLabel,
  sliderMiddleZh: sliderLabel,
  sliderMiddleEn: sliderLabel,
  sliderRightZh: sliderLabel,
  sliderRightEn: sliderLabel,
  sliderShowNumber: boolField.optional(),
  /** A matrix of radio or checkbox items (same choices, consecutive: checked as a dictionary import checks it), and whether it ranks. */
  matrixGroup: optionalTextField({ max: CRF_NAME_MAX }),
  matrixRanking: boolField.optional(),
  /** A section header starting at this item (both languages, or neither). */
  sectionZh: optionalLabel,
  sectionEn: optionalLabel,
};

type ItemInput = z.infer<z.ZodObject<typeof itemFields>>;

/** The design of an item from the designer's input (what the designer does not edit — identifier, alignment, question number, annotation — keeps its previous value). */
export function itemFromInput(input: ItemInput, previous: ItemDef | null): ItemDef {
  const choices = CHOICE_TYPES.includes(input.type) ? input.choiceCode.map((code, i) => ({ code, label: { zh: input.choiceZh[i] ?? "", en: input.choiceEn[i] ?? "" } })) : [];
  const pair = (zh: string | null | undefined, en: string | null | undefined) => (zh && en ? { zh, en } : zh || en ? { zh: zh ?? en!, en: en ?? zh! } : null);
  return {
    name: input.name,
    type: input.type,
    validation: input.validation ?? null,
    section: pair(input.sectionZh, input.sectionEn),
    label: { zh: input.labelZh, en: input.labelEn },
    note: pair(input.noteZh, input.noteEn),
    unit: input.unit ?? null,
    decimalPlaces: input.type === "decimal" ? (input.decimalPlaces ?? null) : null,
    required: input.required ?? false,
    identifier: previous?.identifier ?? false,
    hardMin: input.hardMin ?? null,
    hardMax: input.hardMax ?? null,
    softMin: input.softMin ?? null,
    softMax: input.softMax ?? null,
    branchingLogic: input.branchingLogic ?? null,
    calculation: input.calculation ?? null,
    choices,
    sliderLabels:
      input.type === "slider"
        ? sliderLabelsOf({ left: { zh: input.sliderLeftZh ?? "", en: input.sliderLeftEn ?? "" }, middle: { zh: input.sliderMiddleZh ?? "", en: input.sliderMiddleEn ?? "" }, right: { zh: input.sliderRightZh ?? "", en: input.sliderRightEn ?? "" } })
        : null,
    sliderShowNumber: input.type === "slider" ? (input.sliderShowNumber ?? false) : false,
    missingCodes: [...new Set(input.missingCodes)],
    matrixGroup: input.matrixGroup ?? null,
    matrixRanking: input.matrixGroup ? (input.matrixRanking ?? false) : false,
    alignment: previous?.alignment ?? null,
    questionNumber: previous?.questionNumber ?? null,
    annotation: previous?.annotation ?? null,
  };
}
