import { z } from "zod";
// Lists from lib (not db/schema): this module runs in the browser too.
import { CATEGORY_LIST, TYPE_LIST } from "@/lib/biobank/catalog";
import { SPECIMEN_STATUSES } from "@/lib/biobank/status";
import { dayField, FILTER_DAY, idField } from "@/lib/validation/fields";

export const PAGE_SIZE = 25;

const opt = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), s.optional());
const day = dayField(FILTER_DAY);

/** The search's filter state: what the URL holds and the GET handler accepts. */
export const specimenFilterSchema = z.strictObject({
  barcode: opt(z.string().trim().toUpperCase().max(40)),
  category: opt(z.enum(CATEGORY_LIST as [string, ...string[]])),
  type: opt(z.enum(TYPE_LIST as [string, ...string[]])),
  status: opt(z.enum(SPECIMEN_STATUSES as [string, ...string[]])),
  centre: opt(idField),
  code: opt(z.string().trim().max(60)),
  from: opt(day),
  to: opt(day),
  page: opt(z.coerce.number().int().min(1).max(100_000)),
});

export type SpecimenFilters = z.infer<typeof specimenFilterSchema>;

export const FILTER_KEYS = ["barcode", "category", "type", "status", "centre", "code", "from", "to", "page"] as const;

/** URLSearchParams (or Next's searchParams object) → filters; unknown keys are dropped, bad values refused. */
export function parseFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): { ok: true; filters: SpecimenFilters } | { ok: false } {
  const obj: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && s !== null && s !== "") obj[k] = s;
  }
  const parsed = specimenFilterSchema.safeParse(obj);
  return parsed.success ? { ok: true, filters: parsed.data } : { ok: false };
}

export function filtersToQuery(f: SpecimenFilters): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v !== undefined && v !== "") p.set(k, String(v));
  }
  return p.toString();
}

/** Figures-only roles may not narrow counts down to one tube or one person. */
export function coarseFilters(f: SpecimenFilters): SpecimenFilters {
  return Object.fromEntries(Object.entries(f).filter(([k]) => k !== "barcode" && k !== "code")) as SpecimenFilters;
}
