import { z } from "zod";

/** A centre's code: 2 to 8 capital letters or digits (it appears in URLs and subject codes). */
export const CENTRE_CODE = /^[A-Z0-9]{2,8}$/;

export function isCentreCode(v: string): boolean {
  return CENTRE_CODE.test(v);
}

/** The code typed into a form: trimmed and upper-cased before it is checked. */
export const centreCodeField = z
  .string({ message: "validation.required" })
  .trim()
  .toUpperCase()
  .regex(CENTRE_CODE, { message: "validation.code" });
