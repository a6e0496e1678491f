import { CRF_MISSING_CODES, type CrfMissingCode } from "@/db/enums";

/**
 * What this model keeps apart from REDCap's free-text Field Annotation, written there as action
 * tags of its own: `@MISSING=ND,UNK,NA` (the missing-data codes the item allows) and
 * `@UNIT="mmol/L"`. They are taken out on import and written back, at the end, on export.
 * REDCap's `@FORCE-MINMAX` stays in the annotation: it makes the min/max hard limits.
 */
const MISSING_TAG = /(?:^|\s)@MISSING=([A-Za-z,]*)(?=\s|$)/;
const UNIT_TAG = /(?:^|\s)@UNIT="([^"\r\n]*)"(?=\s|$)/;

export type AnnotationParts = { annotation: string | null; missingCodes: string[]; unit: string | null };

export function splitAnnotation(text: string): AnnotationParts {
  let rest = text;
  let missingCodes: string[] = [];
  let unit: string | null = null;
  const m = MISSING_TAG.exec(rest);
  if (m) {
    missingCodes = m[1].split(",").filter(Boolean);
    rest = rest.replace(MISSING_TAG, "");
  }
  const u = UNIT_TAG.exec(rest);
  if (u) {
    unit = u[1].trim() || null;
    rest = rest.replace(UNIT_TAG, "");
  }
  rest = rest.trim();
  return { annotation: rest === "" ? null : rest, missingCodes, unit };
}

export function isMissingCode(c: string): c is CrfMissingCode {
  return (CRF_MISSING_CODES as readonly string[]).includes(c);
}

export function joinAnnotation(p: { annotation: string | null; missingCodes: readonly string[]; unit: string | null }): string {
  const parts = [p.annotation ?? ""];
  if (p.unit) parts.push(`@UNIT="${p.unit}"`);
  if (p.missingCodes.length) parts.push(`@MISSING=${p.missingCodes.join(",")}`);
  return parts.filter(Boolean).join(" ");
}

export const forcesMinMax = (annotation: string | null) => annotation !== null && /(?:^|\s)@FORCE-MINMAX(?=\s|$)/.test(annotation);
