import type { ChoiceDef, ItemDef } from "@/lib/crf/design";

/** An item design with every field at its default ("text", optional, no limits), overridden by `over`. */
export function crfItem(name: string, over: Partial<ItemDef> = {}): ItemDef {
  return {
    name,
    type: "text",
    validation: null,
    section: null,
    label: { zh: `中 ${name}`, en: `EN ${name}` },
    note: null,
    unit: null,
    decimalPlaces: null,
    required: false,
    identifier: false,
    hardMin: null,
    hardMax: null,
    softMin: null,
    softMax: null,
    branchingLogic: null,
    calculation: null,
    choices: [],
    sliderLabels: null,
    sliderShowNumber: false,
    missingCodes: [],
    matrixGroup: null,
    matrixRanking: false,
    alignment: null,
    questionNumber: null,
    annotation: null,
    ...over,
  };
}

/** Choices whose codes are their labels. */
export function crfChoices(...codes: string[]): ChoiceDef[] {
  return codes.map((code) => ({ code, label: { zh: code, en: code } }));
}
