import type { SpecimenCategory, SpecimenType } from "@/db/schema";
import { SPECIMEN_CATEGORIES } from "@/lib/enums";

export const SPECIMEN_TYPES: Record<SpecimenType, { category: SpecimenCategory; unit: "ml" | "mg" | "block" }> = {
  ffpe_block: { category: "tissue", unit: "block" },
  fresh_frozen: { category: "tissue", unit: "mg" },
  whole_blood: { category: "blood", unit: "ml" },
  plasma: { category: "blood", unit: "ml" },
  serum: { category: "blood", unit: "ml" },
  buffy_coat: { category: "blood", unit: "ml" },
  urine: { category: "body_fluid", unit: "ml" },
  ascites: { category: "body_fluid", unit: "ml" },
  pleural_effusion: { category: "body_fluid", unit: "ml" },
  csf: { category: "body_fluid", unit: "ml" },
};

export const TYPE_LIST = Object.keys(SPECIMEN_TYPES) as SpecimenType[];
export const CATEGORY_LIST: SpecimenCategory[] = [...SPECIMEN_CATEGORIES];

export function isSpecimenType(v: string): v is SpecimenType {
  return v in SPECIMEN_TYPES;
}

/** Derivatives stay in their category (whole blood → plasma, serum, buffy coat; a block → blocks). */
export function canDeriveType(parent: SpecimenType, child: SpecimenType): boolean {
  return SPECIMEN_TYPES[parent].category === SPECIMEN_TYPES[child].category && SPECIMEN_TYPES[parent].unit === SPECIMEN_TYPES[child].unit;
}

/** Barcodes: "NB" + 9 digits from the specimen id (Code 128 friendly, scanner friendly). */
export function barcodeFor(id: number): string {
  return `NB${String(id).padStart(9, "0")}`;
}

export const BARCODE_RE = /^NB\d{9}$/;

export type SpecimenTypeName = SpecimenType;
