import type { CrfItemType, CrfValidationType } from "@/db/enums";
import { CRF_VALIDATION_TYPES } from "@/db/enums";

/** REDCap field types this model does not hold, with the reason a row of that type is refused. */
export const REFUSED_FIELD_TYPES: Readonly<Record<string, string>> = {
  file: "crf.dictionary.problems.refusedFile",
  sql: "crf.dictionary.problems.refusedSql",
};

const DIRECT: Readonly<Record<string, CrfItemType>> = {
  notes: "longtext",
  dropdown: "dropdown",
  radio: "radio",
  checkbox: "checkbox",
  yesno: "yesno",
  truefalse: "truefalse",
  calc: "calc",
  descriptive: "descriptive",
  slider: "slider",
};

export function isValidationType(v: string): v is CrfValidationType {
  return (CRF_VALIDATION_TYPES as readonly string[]).includes(v);
}

/** The item type of a REDCap "text" field, from its validation. */
export function textItemType(validation: CrfValidationType | null): { type: CrfItemType; decimalPlaces: number | null } {
  if (validation === "integer") return { type: "integer", decimalPlaces: null };
  if (validation === "number") return { type: "decimal", decimalPlaces: null };
  const dp = validation && /^number_(\d)dp$/.exec(validation);
  if (dp) return { type: "decimal", decimalPlaces: Number(dp[1]) };
  if (validation?.startsWith("date_")) return { type: "date", decimalPlaces: null };
  if (validation?.startsWith("datetime_")) return { type: "datetime", decimalPlaces: null };
  if (validation === "time" || validation === "time_mm_ss") return { type: "time", decimalPlaces: null };
  return { type: "text", decimalPlaces: null };
}

/** The item type of a REDCap field type other than "text"; undefined when the model has none. */
export function directItemType(fieldType: string): CrfItemType | undefined {
  return Object.hasOwn(DIRECT, fieldType) ? DIRECT[fieldType] : undefined;
}

/** The REDCap field type and validation of an item (the inverse of the two above). */
export function redcapTypeOf(item: { type: CrfItemType; validation: CrfValidationType | null; decimalPlaces: number | null; sliderShowNumber: boolean }): { fieldType: string; validation: string } {
  switch (item.type) {
    case "text":
      return { fieldType: "text", validation: item.validation ?? "" };
    case "integer":
      return { fieldType: "text", validation: "integer" };
    case "decimal":
      return { fieldType: "text", validation: item.decimalPlaces && item.decimalPlaces <= 4 ? `number_${item.decimalPlaces}dp` : "number" };
    case "date":
      return { fieldType: "text", validation: item.validation ?? "date_ymd" };
    case "datetime":
      return { fieldType: "text", validation: item.validation ?? "datetime_ymd" };
    case "time":
      return { fieldType: "text", validation: item.validation ?? "time" };
    case "longtext":
      return { fieldType: "notes", validation: "" };
    case "slider":
      return { fieldType: "slider", validation: item.sliderShowNumber ? "number" : "" };
    default:
      return { fieldType: item.type, validation: "" };
  }
}
