import { z } from "zod";
import { described, typeMessage } from "@/lib/validation/field-info";
import { isBlankText } from "@/lib/validation/text";

const choiceMessage = (issue: { input?: unknown }) => (isBlankText(issue.input) ? "validation.required" : typeMessage("validation.choice")(issue));

/** One of a fixed set of codes (a select or radio group); an unknown code says so, not "required". */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T) {
  return described(z.enum(values, { error: choiceMessage }), { kind: "choice", values });
}

/** The same, optional: absent or "" is null. */
export function optionalChoiceField<const T extends readonly [string, ...string[]]>(values: T) {
  return described(
    z.preprocess((v) => (isBlankText(v) ? null : v), z.enum(values, { error: choiceMessage }).nullable()),
    { kind: "choice", values },
  );
}

/** true/false from a plain object, or "true"/"false" from FormData. */
export const boolField = described(
  z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { error: typeMessage("validation.invalid") }),
  { kind: "bool" },
);

/**
 * A checkbox: a browser sends "on" when ticked and nothing when not; crafted calls may send
 * true/false or "true"/"false". Anything else (a list, another word) is refused.
 */
export const checkboxField = described(
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" || v === "false" || v === "off" ? false : v === "on" || v === "true" ? true : v),
    z.boolean({ error: typeMessage("validation.invalid") }),
  ),
  { kind: "checkbox" },
);
