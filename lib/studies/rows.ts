import { z } from "zod";
import { fieldError } from "@/lib/actions/errors";
import { textField } from "@/lib/validation/fields";

/** Rows from parallel columns; columns of different lengths are a malformed (crafted) call. */
export function zipRows<T extends Record<string, readonly unknown[]>>(cols: T): { [K in keyof T]: T[K][number] }[] {
  const keys = Object.keys(cols) as (keyof T)[];
  const n = cols[keys[0]].length;
  if (keys.some((k) => cols[k].length !== n)) throw fieldError("_form", "validation.invalid");
  return Array.from({ length: n }, (_, i) => Object.fromEntries(keys.map((k) => [k, cols[k][i]])) as { [K in keyof T]: T[K][number] });
}

/** Field error for a repeated value already in an earlier row (e.g. a duplicate code). */
export function firstDuplicate(values: string[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    if (seen.has(values[i])) return i;
    seen.add(values[i]);
  }
  return -1;
}

export const rowCode = z
  .string({ message: "validation.required" })
  .max(40, { message: "studies.validation.rowCode" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_]{1,12}$/, { message: "studies.validation.rowCode" });

export const rowText = textField({ max: 1000 });
