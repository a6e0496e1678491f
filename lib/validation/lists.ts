import { z } from "zod";
import { described } from "@/lib/validation/field-info";

/**
 * A list from FormData ("x[]" or a repeated key) or a plain array; a single value becomes a list
 * of one, absent is empty. More than `max` entries is refused before any entry is looked at.
 */
export function listOf<T extends z.ZodType>(item: T, max: number) {
  return described(
    z.preprocess(
      (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
      z.array(item).max(max, { message: "validation.tooMany" }),
    ),
    { kind: "list", max },
  );
}
