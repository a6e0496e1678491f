import { z } from "zod";
import { described, typeMessage } from "@/lib/validation/field-info";

type PatternOptions = {
  /** The whole value must match (anchor it: ^…$). */
  pattern: RegExp;
  /** Longest value that could match: longer is refused before the pattern runs. */
  max: number;
  /** A value that fits (documentation, and the hostile-input test's well-formed value). */
  example: string;
  /** The field's own message for a value of the wrong shape. */
  message: string;
  upperCase?: boolean;
};

/** A code of a fixed shape, trimmed (and upper-cased when asked); anything else gets the field's message. */
export function patternField(o: PatternOptions) {
  return described(
    z
      .string({ error: typeMessage(o.message) })
      .max(o.max * 4 + 16, { message: o.message })
      .trim()
      .transform((v) => (o.upperCase ? v.toUpperCase() : v))
      .refine((v) => v !== "", { message: "validation.required", abort: true })
      .refine((v) => v.length <= o.max && o.pattern.test(v), { message: o.message }),
    { kind: "pattern", max: o.max, example: o.example },
  );
}
