import { z } from "zod";
import { NETWORK_ROLES } from "@/lib/enums";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";

export const roleField = z.enum(NETWORK_ROLES, { message: "validation.required" });

export const passwordField = z
  .string({ message: "validation.required" })
  .min(PASSWORD_MIN_LENGTH, { message: "validation.passwordTooShort" })
  .max(200, { message: "validation.invalid" });

export const emailField = z
  .string({ message: "validation.required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "validation.email" }));
