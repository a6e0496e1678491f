import { z } from "zod";
import { TEXT_LIMITS, textField } from "@/lib/validation/text";

export { idField, intField, decimalField, MAX_INT_ID } from "@/lib/validation/numbers";
export { textField, optionalTextField, TEXT_LIMITS } from "@/lib/validation/text";
export { dayField, optionalDayField, networkDateTimeField, CLINICAL_DAY, PLANNING_DAY, FILTER_DAY } from "@/lib/validation/dates";
export { listOf } from "@/lib/validation/lists";

/** true/false from a plain object, or "true"/"false" from FormData. */
export const boolField = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { message: "validation.invalid" });

export const reasonField = textField({ max: TEXT_LIMITS.reason });

export const nameField = textField({ max: TEXT_LIMITS.name });
