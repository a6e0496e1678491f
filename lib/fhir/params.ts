import { parseRouteParam } from "@/lib/http/route-param";
import { hasBadCharacters } from "@/lib/validation/text";

/** FHIR's id rule; every id the portal gives out (study codes, subject codes, barcodes) fits it. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** A study code as the portal stores it (db/schema/studies.ts). */
export const STUDY_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 200;
const MAX_PAGE = 100_000;
const MAX_VALUE = 200;

/** The id segment of a read (`/ResearchStudy/{id}`), or null (→ 404) when it cannot name anything. */
export function fhirId(raw: string | undefined): string | null {
  const v = parseRouteParam(raw);
  return v !== null && FHIR_ID.test(v) ? v : null;
}

export type SearchParams = {
  /** One value per parameter (a repeated parameter is refused). */
  values: Map<string, string>;
  count: number;
  page: number;
};

export type ParseResult = { ok: true; params: SearchParams } | { ok: false; message: string };

/** Parameters every search takes besides its own: paging and the format (JSON only). */
const COMMON = new Set(["_count", "page", "_format"]);
const JSON_FORMATS = new Set(["json", "application/json", "application/fhir+json"]);

/**
 * A search's query string, strictly: unknown or repeated parameters, over-long or broken text,
 * `_count` outside 1…200 and a page outside 1…100000 are refused (400), never guessed at.
 */
export function parseSearch(url: URL, allowed: readonly string[]): ParseResult {
  const values = new Map<string, string>();
  const known = new Set([...COMMON, ...allowed]);
  for (const [name, value] of url.searchParams) {
    if (!known.has(name)) return { ok: false, message: `Unknown search parameter "${name.slice(0, 40)}"` };
    if (values.has(name)) return { ok: false, message: `Search parameter "${name}" is given more than once` };
    if (value.length === 0 || value.length > MAX_VALUE || hasBadCharacters(value)) return { ok: false, message: `Search parameter "${name}" has an invalid value` };
    values.set(name, value);
  }
  const format = values.get("_format");
  if (format !== undefined && !JSON_FORMATS.has(format)) return { ok: false, message: "Only JSON is served (_format=json)" };
  const count = intParam(values.get("_count"), DEFAULT_COUNT, MAX_COUNT);
  if (count === null) return { ok: false, message: `_count must be a whole number from 1 to ${MAX_COUNT}` };
  const page = intParam(values.get("page"), 1, MAX_PAGE);
  if (page === null) return { ok: false, message: `page must be a whole number from 1 to ${MAX_PAGE}` };
  return { ok: true, params: { values, count, page } };
}

function intParam(raw: string | undefined, fallback: number, max: number): number | null {
  if (raw === undefined) return fallback;
  if (!/^\d{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : null;
}

/**
 * A token search value `[system|]value`: the value when the system is absent or the one given,
 * null when it names another system (matches nothing) and undefined when malformed.
 */
export function tokenValue(raw: string, system: string): string | null | undefined {
  const bar = raw.indexOf("|");
  if (bar < 0) return raw;
  if (raw.indexOf("|", bar + 1) >= 0) return undefined;
  const sys = raw.slice(0, bar);
  const value = raw.slice(bar + 1);
  if (value === "") return undefined;
  return sys === "" || sys === system ? value : null;
}

/** A study reference search value: `CODE` or `ResearchStudy/CODE` (code in any case); undefined when malformed. */
export function studyRef(raw: string): string | undefined {
  const code = (raw.startsWith("ResearchStudy/") ? raw.slice("ResearchStudy/".length) : raw).toUpperCase();
  return STUDY_CODE.test(code) && code.length <= 64 ? code : undefined;
}
