import { z } from "zod";
import { researchArea, studyDesign, studyPhase, studyBlinding, randomizationMethod } from "@/db/schema";
import { normaliseRegistryNo } from "@/lib/studies/registry";
import { typeMessage } from "@/lib/validation/field-info";
import { choiceField, intField, optionalChoiceField, optionalDayField, optionalTextField, PLANNING_DAY, TEXT_LIMITS, textField } from "@/lib/validation/fields";

/** Upper-case study code such as LC-203: letters/digits, groups joined by single hyphens. */
export const studyCodeField = z
  .string({ error: typeMessage("studies.validation.code") })
  .max(80, { message: "studies.validation.code" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, { message: "studies.validation.code" })
  .max(20, { message: "studies.validation.code" });

/** Empty means "not registered yet"; anything else must be a known registry format. */
export const registryNoField = z
  .string()
  .max(80, { message: "studies.validation.registryNo" })
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = normaliseRegistryNo(v);
    if (!n) ctx.addIssue({ code: "custom", message: "studies.validation.registryNo" });
    return n;
  });

export const targetField = intField({ min: 1, max: 100_000 });
export const siteTargetField = intField({ min: 0, max: 100_000 });

export const phaseField = choiceField(studyPhase.enumValues);
export const designField = choiceField(studyDesign.enumValues);
export const areaField = choiceField(researchArea.enumValues);

/** Optional select: "" means none. */
export const blindingField = optionalChoiceField(studyBlinding.enumValues);
export const methodField = optionalChoiceField(randomizationMethod.enumValues);

/** An optional id from a select ("" = none). */
export { optionalIdField } from "@/lib/validation/fields";

export const titleField = textField({ max: TEXT_LIMITS.title });

/** An e-mail naming a person (team member, site PI); looked up case-insensitively. */
export const emailField = textField({ max: TEXT_LIMITS.email });
/** The same, optional: "" means nobody. */
export const optionalEmailField = optionalTextField({ max: TEXT_LIMITS.email });

/**
 * When a change is a protocol amendment: its effective date and reason. A date sent must be a
 * plausible day; both are required only when an amendment is written (lib/studies/protocol-version.ts).
 */
export const amendmentFields = {
  amendmentDate: optionalDayField(PLANNING_DAY),
  amendmentReason: optionalTextField({ max: TEXT_LIMITS.reason }).optional(),
};
