import { z } from "zod";

/** The largest id a PostgreSQL integer (serial) column holds. */
export const MAX_INT_ID = 2_147_483_647;

/**
 * A whole number from a form ("12") or a crafted call (12): never an array, a boolean, "1e3",
 * " 12abc" or a fraction. Out of [min, max] is refused with the bounds in the message.
 */
export function intField({ min, max, message = "validation.invalid" }: { min: number; max: number; message?: string }) {
  return z.preprocess(
    (v) => (typeof v === "string" && /^\s*-?\d{1,16}\s*$/.test(v) ? Number(v) : v === "" ? undefined : v),
    z
      .number({ message: "validation.required" })
      .refine((n) => Number.isSafeInteger(n), { message })
      .refine((n) => n >= min && n <= max, { message: "validation.outOfRange", params: { min, max } } as never),
  );
}

/** A row id: a positive integer that fits the column. */
export const idField = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\d{1,12}\s*$/.test(v) ? Number(v) : v === "" ? undefined : v),
  z
    .number({ message: "validation.required" })
    .refine((n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_INT_ID, { message: "validation.invalidId" }),
);

/** A decimal number within bounds, with at most `decimals` places. */
export function decimalField({ min, max, decimals }: { min: number; max: number; decimals: number }) {
  return z.preprocess(
    (v) => (typeof v === "string" && /^\s*-?\d{1,12}(\.\d{1,12})?\s*$/.test(v) ? Number(v) : v === "" ? undefined : v),
    z
      .number({ message: "validation.required" })
      .refine((n) => Number.isFinite(n), { message: "validation.invalid" })
      .refine((n) => n >= min && n <= max, { message: "validation.outOfRange", params: { min, max } } as never)
      .refine((n) => Math.abs(n * 10 ** decimals - Math.round(n * 10 ** decimals)) < 1e-6, { message: "validation.decimals", params: { decimals } } as never),
  );
}
