import { z } from "zod";
import { withdrawalReason } from "@/db/schema";

export { idField, reasonField } from "@/lib/validation/fields";
export { dayField } from "@/lib/studies/fields";

/** A list from FormData ("x[]" or a repeated key) or a plain array; a single value becomes a list of one. */
export function listOf<T extends z.ZodType>(item: T, max: number) {
  return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max));
}

export const criterionCodeField = z.string().trim().regex(/^[IE]\d{1,3}$/, { message: "validation.invalid" });
export const answerField = z.enum(["yes", "no"], { message: "enrolment.validation.answer" });
export const codeField = z.string().trim().min(1).max(40);

/** Today's date where the network works (China Standard Time), as YYYY-MM-DD. */
export function todayInNetwork(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** "" is "not answered" (required), not year 0. */
export const yearOfBirthField = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce
    .number({ message: "validation.required" })
    .int({ message: "validation.invalid" })
    .min(1900, { message: "enrolment.validation.yearOfBirth" })
    .refine((y) => y <= Number(todayInNetwork().slice(0, 4)), { message: "enrolment.validation.yearOfBirth" }),
);

export const sexField = z.enum(["female", "male"], { message: "validation.required" });
export const withdrawalReasonField = z.enum(withdrawalReason.enumValues, { message: "validation.required" });

/** A key the form generates once per render: the same key submitted twice enrols once. */
export const requestKeyField = z.string().trim().regex(/^[A-Za-z0-9-]{16,64}$/, { message: "validation.invalid" });

/** The national ID only passes through to be hashed; length check here, checksum in lib/pseudonyms. */
export const nationalIdField = z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(40);
