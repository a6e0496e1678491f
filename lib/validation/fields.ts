import { TEXT_LIMITS, textField } from "@/lib/validation/text";

export { idField, optionalIdField, intField, decimalField, MAX_INT_ID } from "@/lib/validation/numbers";
export { textField, optionalTextField, normaliseText, TEXT_LIMITS } from "@/lib/validation/text";
export { dayField, optionalDayField, networkDateTimeField, CLINICAL_DAY, PLANNING_DAY, FILTER_DAY } from "@/lib/validation/dates";
export { listOf } from "@/lib/validation/lists";
export { requestKeyField, optionalRequestKeyField, newRequestKey } from "@/lib/validation/request-key";
export { boolField, checkboxField, choiceField, optionalChoiceField } from "@/lib/validation/choices";
export { emailField, optionalEmailField } from "@/lib/validation/email";
export { patternField } from "@/lib/validation/codes";

export const reasonField = textField({ max: TEXT_LIMITS.reason });

export const nameField = textField({ max: TEXT_LIMITS.name });
