import { z } from "zod";
import { networkYear } from "@/lib/time/network-day";
import { described, typeMessage } from "@/lib/validation/field-info";

/**
 * A year a person states about the past (a year of birth): a whole number from `earliest` up to
 * the network's current year, checked when the value is parsed. "" is "not answered"
 * (required), never year 0; arrays, fractions and "1e3" are refused like any other number.
 */
export function pastYearField({ earliest }: { earliest: number }) {
  const field = z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : /^\s*-?\d{1,6}\s*$/.test(v) ? Number(v) : v) : v),
    z
      .number({ error: typeMessage("validation.wholeNumber") })
      .refine((n) => Number.isSafeInteger(n), { message: "validation.wholeNumber", abort: true })
      .superRefine((n, ctx) => {
        const latest = networkYear();
        if (n < earliest || n > latest) ctx.addIssue({ code: "custom", message: "validation.outOfRange", params: { min: earliest, max: latest } });
      }),
  );
  return described(field, { kind: "int", min: earliest, max: networkYear() });
}

/** Year of birth of a participant: nobody in the network was born before 1900. */
export const yearOfBirthField = pastYearField({ earliest: 1900 });
