import { z } from "zod";

/** A plausible range of days: a fixed day, "today" in the network, or days from today. */
export type DayBound = string | "today" | number;
export type DayRange = { earliest: DayBound; latest: DayBound };

/**
 * What a kernel field accepts, stated once where the field is made. Forms may use it for limits;
 * the hostile-input test (lib/actions/hostile-input.test.ts) derives from it what to send to
 * every command's every field.
 */
export type FieldInfo =
  | { kind: "text"; max: number; multiline: boolean }
  | { kind: "email"; max: number }
  | { kind: "id" }
  | { kind: "int" | "decimal"; min: number; max: number }
  | { kind: "day"; range: DayRange }
  | { kind: "dateTime"; range: DayRange }
  | { kind: "choice"; values: readonly string[] }
  | { kind: "bool" }
  | { kind: "checkbox" }
  | { kind: "list"; max: number }
  /** A code of a fixed shape (a reset token, a barcode format): `example` is one that fits. */
  | { kind: "pattern"; max: number; example: string }
  /** A password: taken as typed (not trimmed or folded), bounded, no control characters. */
  | { kind: "secret"; min: number; max: number };

export const fieldInfo = z.registry<FieldInfo>();

/** Registers what `schema` accepts and returns it unchanged. */
export function described<T extends z.ZodType>(schema: T, info: FieldInfo): T {
  fieldInfo.add(schema, info);
  return schema;
}

/**
 * The message for a value of the wrong type: missing is "required", a list where one value is
 * expected says so, anything else gets the field's own message (never "required": a value is there).
 */
export function typeMessage(wrong: string) {
  return (issue: { input?: unknown }) => {
    const v = issue.input;
    if (v === undefined || v === null) return "validation.required";
    if (Array.isArray(v)) return "validation.single";
    return wrong;
  };
}
