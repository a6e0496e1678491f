import { z } from "zod";
import { researchArea, studyDesign, studyPhase, studyBlinding, randomizationMethod } from "@/db/schema";
import { normaliseRegistryNo } from "@/lib/studies/registry";
import { idField, intField, optionalTextField, textField, TEXT_LIMITS } from "@/lib/validation/fields";

/** Upper-case study code such as LC-203: letters/digits, groups joined by single hyphens. */
export const studyCodeField = z
  .string({ message: "validation.required" })
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

export const phaseField = z.enum(studyPhase.enumValues, { message: "validation.required" });
export const designField = z.enum(studyDesign.enumValues, { message: "validation.required" });
export const areaField = z.enum(researchArea.enumValues, { message: "validation.required" });

/** Optional select: "" means none. */
export const blindingField = z.union([z.literal("").transform(() => null), z.enum(studyBlinding.enumValues)]);
export const methodField = z.union([z.literal("").transform(() => null), z.enum(randomizationMethod.enumValues)]);

/** An optional id from a select ("" = none). */
export const optionalIdField = z.union([z.literal("").transform(() => null), idField]);

export const titleField = textField({ max: TEXT_LIMITS.title });

/** An e-mail naming a person (team member, site PI); looked up case-insensitively. */
export const emailField = textField({ max: TEXT_LIMITS.email });
/** The same, optional: "" means nobody. */
export const optionalEmailField = optionalTextField({ max: TEXT_LIMITS.email });

/**
 * When a change is a protocol amendment: its effective date and reason. Before recruiting they
 * are ignored, so they are checked only when an amendment is written (lib/studies/protocol-version.ts).
 */
export const amendmentFields = {
  amendmentDate: z.string().max(40).optional(),
  amendmentReason: optionalTextField({ max: TEXT_LIMITS.reason }).optional(),
};
