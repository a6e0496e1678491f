import { z } from "zod";

/** A list from FormData ("x[]" or a repeated key) or a plain array; a single value becomes a list of one. */
export function listOf<T extends z.ZodType>(item: T, max: number) {
  return z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(item).max(max, { message: "validation.tooMany", params: { max } } as never),
  );
}
