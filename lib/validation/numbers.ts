import { z } from "zod";
import { described, typeMessage } from "@/lib/validation/field-info";

/** The largest id a PostgreSQL integer (serial) column holds. */
export const MAX_INT_ID = 2_147_483_647;

/** "" or blanks (an empty form field) are "not given"; a plain integer string is its number. */
function fromForm(pattern: RegExp) {
  return (v: unknown) => {
    if (typeof v !== "string") return v;
    const s = v.trim();
    if (s === "") return undefined;
    return pattern.test(s) ? Number(s) : v;
  };
}

/**
 * A whole number from a form ("12") or a crafted call (12): never an array, a boolean, "1e3",
 * " 12abc" or a fraction. Out of [min, max] is refused with the bounds in the message.
 */
export function intField({ min, max }: { min: number; max: number }) {
  return described(
    z.preprocess(
      fromForm(/^-?\d{1,16}$/),
      z
        .number({ error: typeMessage("validation.wholeNumber") })
        .refine((n) => Number.isSafeInteger(n), { message: "validation.wholeNumber", abort: true })
        .refine((n) => n >= min && n <= max, { message: "validation.outOfRange", params: { min, max } }),
    ),
    { kind: "int", min, max },
  );
}

/** A row id: a positive integer that fits the column (1 … 2^31 − 1). */
export const idField = described(
  z.preprocess(
    fromForm(/^\d{1,12}$/),
    z.number({ error: typeMessage("validation.invalidId") }).refine((n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_INT_ID, { message: "validation.invalidId" }),
  ),
  { kind: "id" },
);

/** A decimal number within bounds, with at most `decimals` places. */
export function decimalField({ min, max, decimals }: { min: number; max: number; decimals: number }) {
  return described(
    z.preprocess(
      fromForm(/^-?\d{1,12}(\.\d{1,12})?$/),
      z
        .number({ error: typeMessage("validation.number") })
        .refine((n) => Number.isFinite(n), { message: "validation.number", abort: true })
        .refine((n) => n >= min && n <= max, { message: "validation.outOfRange", params: { min, max }, abort: true })
        .refine((n) => Math.abs(n * 10 ** decimals - Math.round(n * 10 ** decimals)) < 1e-6, { message: "validation.decimals", params: { decimals } }),
    ),
    { kind: "decimal", min, max },
  );
}

/** An optional id (a select with a "none" choice): absent or blank is null. */
export const optionalIdField = described(
  z.preprocess((v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v), idField.nullable()),
  { kind: "id" },
);
