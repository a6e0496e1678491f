import { z } from "zod";
import { PARTICIPANT_SEXES, WITHDRAWAL_REASONS } from "@/db/enums";

/** A screening criterion's code as the protocol names it: I1…, E1…. */
export const criterionCodeField = z.string().trim().regex(/^[IE]\d{1,3}$/, { message: "validation.invalid" });

export const answerField = z.enum(["yes", "no"], { message: "enrolment.validation.answer" });

/** A stratification factor or level code (checked against the protocol in force by the handler). */
export const codeField = z.string().trim().min(1).max(40);

export const sexField = z.enum(PARTICIPANT_SEXES, { message: "validation.required" });

export const withdrawalReasonField = z.enum(WITHDRAWAL_REASONS, { message: "validation.required" });

/** The national ID only passes through to be hashed; length check here, checksum in lib/pseudonyms. */
export const nationalIdField = z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(40);
