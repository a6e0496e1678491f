import type { SpecimenFilters } from "@/lib/biobank/filters";

/** react-query keys for the biobank's client-side reads; mutations invalidate by prefix. */
export const biobankKeys = {
  all: ["biobank"] as const,
  search: (f: SpecimenFilters) => ["biobank", "specimens", f] as const,
  owner: (kind: "subject" | "donor", code: string) => ["biobank", "owner", kind, code] as const,
};
