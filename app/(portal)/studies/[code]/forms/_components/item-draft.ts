import type { CrfItemType, CrfMissingCode, CrfValidationType } from "@/lib/enums";
import { CHOICE_TYPES, type ItemDef } from "@/lib/crf/design";
import { sliderLabelsOf, sliderSlotsOf } from "@/lib/crf/slider-labels";

/** An item as the designer edits it: every field as typed. */
export type ItemDraft = {
  name: string;
  type: CrfItemType;
  validation: CrfValidationType | "";
  labelZh: string;
  labelEn: string;
  noteZh: string;
  noteEn: string;
  unit: string;
  decimalPlaces: string;
  required: boolean;
  hardMin: string;
  hardMax: string;
  softMin: string;
  softMax: string;
  branchingLogic: string;
  calculation: string;
  choices: { code: string; zh: string; en: string }[];
  missingCodes: CrfMissingCode[];
  sectionZh: string;
  sectionEn: string;
  sliderLeftZh: string;
  sliderLeftEn: string;
  sliderMiddleZh: string;
  sliderMiddleEn: string;
  sliderRightZh: string;
  sliderRightEn: string;
  sliderShowNumber: boolean;
  matrixGroup: string;
  matrixRanking: boolean;
};

export const TYPES_WITH_LIMITS: readonly CrfItemType[] = ["integer", "decimal", "date", "datetime", "time", "slider", "text"];
export const TYPES_WITH_UNIT: readonly CrfItemType[] = ["integer", "decimal", "calc", "slider", "text"];

export function blankDraft(): ItemDraft {
  return {
    name: "",
    type: "text",
    validation: "",
    labelZh: "",
    labelEn: "",
    noteZh: "",
    noteEn: "",
    unit: "",
    decimalPlaces: "",
    required: false,
    hardMin: "",
    hardMax: "",
    softMin: "",
    softMax: "",
    branchingLogic: "",
    calculation: "",
    choices: [],
    missingCodes: [],
    sectionZh: "",
    sectionEn: "",
    sliderLeftZh: "",
    sliderLeftEn: "",
    sliderMiddleZh: "",
    sliderMiddleEn: "",
    sliderRightZh: "",
    sliderRightEn: "",
    sliderShowNumber: false,
    matrixGroup: "",
    matrixRanking: false,
  };
}

export function draftOf(item: ItemDef): ItemDraft {
  return {
    name: item.name,
    type: item.type,
    validation: item.validation ?? "",
    labelZh: item.label.zh,
    labelEn: item.label.en,
    noteZh: item.note?.zh ?? "",
    noteEn: item.note?.en ?? "",
    unit: item.unit ?? "",
    decimalPlaces: item.decimalPlaces === null ? "" : String(item.decimalPlaces),
    required: item.required,
    hardMin: item.hardMin ?? "",
    hardMax: item.hardMax ?? "",
    softMin: item.softMin ?? "",
    softMax: item.softMax ?? "",
    branchingLogic: item.branchingLogic ?? "",
    calculation: item.calculation ?? "",
    choices: item.choices.map((c) => ({ code: c.code, zh: c.label.zh, en: c.label.en })),
    missingCodes: [...item.missingCodes],
    sectionZh: item.section?.zh ?? "",
    sectionEn: item.section?.en ?? "",
    ...slidersOf(item),
    sliderShowNumber: item.sliderShowNumber,
    matrixGroup: item.matrixGroup ?? "",
    matrixRanking: item.matrixRanking,
  };
}

function slidersOf(item: ItemDef) {
  const s = sliderSlotsOf(item.sliderLabels);
  return { sliderLeftZh: s.left.zh ?? "", sliderLeftEn: s.left.en ?? "", sliderMiddleZh: s.middle.zh ?? "", sliderMiddleEn: s.middle.en ?? "", sliderRightZh: s.right.zh ?? "", sliderRightEn: s.right.en ?? "" };
}

const orNull = (s: string) => (s.trim() === "" ? null : s);

/** The draft as the item it would save (for the live checks and the preview); the previous item keeps what the designer does not edit. */
export function itemOfDraft(d: ItemDraft, previous: ItemDef | null): ItemDef {
  const hasChoices = CHOICE_TYPES.includes(d.type);
  const pair = (zh: string, en: string) => (zh.trim() || en.trim() ? { zh: zh.trim() || en, en: en.trim() || zh } : null);
  return {
    name: d.name,
    type: d.type,
    validation: d.validation || null,
    section: pair(d.sectionZh, d.sectionEn),
    label: { zh: d.labelZh, en: d.labelEn },
    note: pair(d.noteZh, d.noteEn),
    unit: orNull(d.unit),
    decimalPlaces: d.type === "decimal" && /^\d$/.test(d.decimalPlaces) ? Number(d.decimalPlaces) : null,
    required: d.required,
    identifier: previous?.identifier ?? false,
    hardMin: orNull(d.hardMin),
    hardMax: orNull(d.hardMax),
    softMin: orNull(d.softMin),
    softMax: orNull(d.softMax),
    branchingLogic: orNull(d.branchingLogic),
    calculation: d.type === "calc" ? orNull(d.calculation) : null,
    choices: hasChoices ? d.choices.map((c) => ({ code: c.code, label: { zh: c.zh, en: c.en } })) : [],
    sliderLabels:
      d.type === "slider" ? sliderLabelsOf({ left: { zh: d.sliderLeftZh, en: d.sliderLeftEn }, middle: { zh: d.sliderMiddleZh, en: d.sliderMiddleEn }, right: { zh: d.sliderRightZh, en: d.sliderRightEn } }) : null,
    sliderShowNumber: d.type === "slider" && d.sliderShowNumber,
    missingCodes: d.missingCodes,
    matrixGroup: orNull(d.matrixGroup.trim()),
    matrixRanking: d.matrixGroup.trim() !== "" && d.matrixRanking,
    alignment: previous?.alignment ?? null,
    questionNumber: previous?.questionNumber ?? null,
    annotation: previous?.annotation ?? null,
  };
}

/** The add-item / update-item command input of a draft (lib/crf/item-fields.ts). */
export function inputOfDraft(d: ItemDraft): Record<string, unknown> {
  const hasChoices = CHOICE_TYPES.includes(d.type);
  return {
    name: d.name.trim(),
    type: d.type,
    validation: d.validation,
    labelZh: d.labelZh,
    labelEn: d.labelEn,
    noteZh: d.noteZh,
    noteEn: d.noteEn,
    unit: d.unit,
    ...(d.type === "decimal" && d.decimalPlaces !== "" ? { decimalPlaces: d.decimalPlaces } : {}),
    required: d.required,
    hardMin: d.hardMin,
    hardMax: d.hardMax,
    softMin: d.softMin,
    softMax: d.softMax,
    branchingLogic: d.branchingLogic,
    calculation: d.type === "calc" ? d.calculation : "",
    choiceCode: hasChoices ? d.choices.map((c) => c.code) : [],
    choiceZh: hasChoices ? d.choices.map((c) => c.zh) : [],
    choiceEn: hasChoices ? d.choices.map((c) => c.en) : [],
    missingCodes: d.missingCodes,
    sectionZh: d.sectionZh,
    sectionEn: d.sectionEn,
    ...(d.type === "slider"
      ? { sliderLeftZh: d.sliderLeftZh, sliderLeftEn: d.sliderLeftEn, sliderMiddleZh: d.sliderMiddleZh, sliderMiddleEn: d.sliderMiddleEn, sliderRightZh: d.sliderRightZh, sliderRightEn: d.sliderRightEn, sliderShowNumber: d.sliderShowNumber }
      : {}),
    ...(hasChoices && (d.type === "radio" || d.type === "checkbox") ? { matrixGroup: d.matrixGroup.trim(), matrixRanking: d.matrixGroup.trim() !== "" && d.matrixRanking } : {}),
  };
}
