import { z } from "zod";
import { PARTICIPANT_SEXES, WITHDRAWAL_REASONS } from "@/db/enums";
import { choiceField, TEXT_LIMITS, textField } from "@/lib/validation/fields";

/** A screening criterion's code as the protocol names it: I1…, E1…. */
export const criterionCodeField = z.string().trim().regex(/^[IE]\d{1,3}$/, { message: "validation.invalid" });

export const answerField = z.enum(["yes", "no"], { message: "enrolment.validation.answer" });

/** A stratification factor or level code (checked against the protocol in force by the handler). */
export const codeField = textField({ max: TEXT_LIMITS.code });

export const sexField = choiceField(PARTICIPANT_SEXES);

export const withdrawalReasonField = choiceField(WITHDRAWAL_REASONS);

/** The national ID only passes through to be hashed; length check here, checksum in lib/pseudonyms. */
export const nationalIdField = textField({ max: 40 });
