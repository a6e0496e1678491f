import { z } from "zod";
import { described } from "@/lib/validation/field-info";
import { TEXT_LIMITS, textField, optionalTextField } from "@/lib/validation/text";

const format = z.email({ message: "validation.email" });

function lowerAndCheck(v: string, ctx: z.RefinementCtx): string | typeof z.NEVER {
  const s = v.toLowerCase();
  if (!format.safeParse(s).success) {
    ctx.addIssue({ code: "custom", message: "validation.email" });
    return z.NEVER;
  }
  return s;
}

/** An e-mail address (at most 254 characters, RFC 5321), lower-cased; NUL and control characters refused. */
export const emailField = described(textField({ max: TEXT_LIMITS.email }).transform(lowerAndCheck), { kind: "email", max: TEXT_LIMITS.email });

/** The same, optional: blank is null. */
export const optionalEmailField = described(
  optionalTextField({ max: TEXT_LIMITS.email }).transform((v, ctx) => (v === null ? null : lowerAndCheck(v, ctx))),
  { kind: "email", max: TEXT_LIMITS.email },
);
