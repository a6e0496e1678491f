import { z } from "zod";
import { networkYear } from "@/lib/time/network-day";

/**
 * A year a person states about the past (a year of birth): a whole number from `earliest` up to
 * the network's current year, checked when the value is parsed. "" is "not answered"
 * (required), never year 0; arrays, fractions and "1e3" are refused like any other number.
 */
export function pastYearField({ earliest }: { earliest: number }) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : /^\s*-?\d{1,6}\s*$/.test(v) ? Number(v) : v) : v),
    z
      .number({ message: "validation.required" })
      .refine((n) => Number.isSafeInteger(n), { message: "validation.invalid", abort: true })
      .superRefine((n, ctx) => {
        const latest = networkYear();
        if (n < earliest || n > latest) ctx.addIssue({ code: "custom", message: "validation.outOfRange", params: { min: earliest, max: latest } });
      }),
  );
}

/** Year of birth of a participant: nobody in the network was born before 1900. */
export const yearOfBirthField = pastYearField({ earliest: 1900 });
