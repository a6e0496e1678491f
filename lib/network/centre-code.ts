import { z } from "zod";
import { typeMessage } from "@/lib/validation/field-info";

/** A centre's code: 2 to 8 capital letters or digits (it appears in URLs and subject codes). */
export const CENTRE_CODE = /^[A-Z0-9]{2,8}$/;

export function isCentreCode(v: string): boolean {
  return CENTRE_CODE.test(v);
}

/** The code typed into a form: trimmed and upper-cased before it is checked. */
export const centreCodeField = z
  .string({ error: typeMessage("validation.code") })
  .max(40, { message: "validation.code" })
  .trim()
  .toUpperCase()
  .regex(CENTRE_CODE, { message: "validation.code" });
