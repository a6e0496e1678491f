import { z } from "zod";
import { NETWORK_ROLES } from "@/lib/enums";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { described, typeMessage } from "@/lib/validation/field-info";
import { choiceField, patternField } from "@/lib/validation/fields";
import { hasBadCharacters } from "@/lib/validation/text";
import { RESET_TOKEN_EXAMPLE, RESET_TOKEN_RE } from "@/lib/users/password-reset";

export { emailField } from "@/lib/validation/fields";

export const roleField = choiceField(NETWORK_ROLES);

/**
 * A new password as typed: never trimmed or folded (spaces count), at least 10 characters,
 * at most 200; control characters and broken text refused.
 */
export const passwordField = described(
  z
    .string({ error: typeMessage("validation.invalid") })
    .superRefine((v, ctx) => {
      if (v === "") ctx.addIssue({ code: "custom", message: "validation.required" });
      else if (v.length > PASSWORD_MAX_LENGTH) ctx.addIssue({ code: "custom", message: "validation.tooLong", params: { max: PASSWORD_MAX_LENGTH } });
      else if (hasBadCharacters(v)) ctx.addIssue({ code: "custom", message: "validation.badCharacters" });
      else if ([...v].length < PASSWORD_MIN_LENGTH) ctx.addIssue({ code: "custom", message: "validation.passwordTooShort" });
    }),
  { kind: "secret", min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
);

/** The password someone has now (checked against the stored hash by the handler). */
export const currentPasswordField = described(
  z
    .string({ error: typeMessage("validation.invalid") })
    .superRefine((v, ctx) => {
      if (v === "") ctx.addIssue({ code: "custom", message: "validation.required" });
      else if (v.length > PASSWORD_MAX_LENGTH) ctx.addIssue({ code: "custom", message: "validation.tooLong", params: { max: PASSWORD_MAX_LENGTH } });
      else if (hasBadCharacters(v)) ctx.addIssue({ code: "custom", message: "validation.badCharacters" });
    }),
  { kind: "secret", min: 1, max: PASSWORD_MAX_LENGTH },
);

/** The secret of a reset link, as it appears in /reset/<token>. */
export const resetTokenField = patternField({ pattern: RESET_TOKEN_RE, max: 43, example: RESET_TOKEN_EXAMPLE, message: "users.validation.resetToken" });
