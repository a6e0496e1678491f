import { z } from "zod";
import { researchArea, studyDesign, studyPhase, studyBlinding, randomizationMethod } from "@/db/schema";
import { normaliseRegistryNo } from "@/lib/studies/registry";

export { idField, boolField, reasonField, nameField } from "@/lib/validation/fields";

/** Upper-case study code such as LC-203: letters/digits, groups joined by single hyphens. */
export const studyCodeField = z
  .string({ message: "validation.required" })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, { message: "studies.validation.code" })
  .max(20, { message: "studies.validation.code" });

/** Empty means "not registered yet"; anything else must be a known registry format. */
export const registryNoField = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = normaliseRegistryNo(v);
    if (!n) ctx.addIssue({ code: "custom", message: "studies.validation.registryNo" });
    return n;
  });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export const dayField = z.string({ message: "validation.required" }).trim().refine(isRealDay, { message: "studies.validation.date" });

/** An optional date: "" becomes null. */
export const optionalDayField = z
  .string()
  .trim()
  .refine((v) => v === "" || isRealDay(v), { message: "studies.validation.date" })
  .transform((v) => (v === "" ? null : v));

export const targetField = z.coerce.number({ message: "validation.required" }).int({ message: "validation.invalid" }).min(1).max(100_000);
export const siteTargetField = z.coerce.number({ message: "validation.required" }).int({ message: "validation.invalid" }).min(0).max(100_000);

export const phaseField = z.enum(studyPhase.enumValues, { message: "validation.required" });
export const designField = z.enum(studyDesign.enumValues, { message: "validation.required" });
export const areaField = z.enum(researchArea.enumValues, { message: "validation.required" });

/** Optional select: "" means none. */
export const blindingField = z.union([z.literal("").transform(() => null), z.enum(studyBlinding.enumValues)]);
export const methodField = z.union([z.literal("").transform(() => null), z.enum(randomizationMethod.enumValues)]);

/** An optional id from a select ("" = none). */
export const optionalIdField = z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]);

export const titleField = z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(300);

/** When a change is a protocol amendment: its effective date and reason (ignored before recruiting). */
export const amendmentFields = {
  amendmentDate: z.string().trim().optional(),
  amendmentReason: z.string().trim().max(500).optional(),
};
