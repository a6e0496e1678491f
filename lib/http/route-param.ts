import { notFound } from "next/navigation";
import { MAX_INT_ID } from "@/lib/validation/numbers";
import { hasBadCharacters } from "@/lib/validation/text";

/** Longer than any code, subject code or token the portal puts in a URL. */
const MAX_PARAM_LENGTH = 200;

/**
 * A dynamic route segment as text, or null when it cannot name anything: malformed percent
 * escapes ("%E0%A4%A"), NUL and other control characters, unpaired surrogates, or over-long.
 * Next may hand a segment over still encoded (then it is decoded here) or already decoded.
 */
export function parseRouteParam(raw: string | string[] | undefined): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_PARAM_LENGTH * 3) return null;
  let value = raw;
  if (raw.includes("%")) {
    try {
      value = decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  if (value.length === 0 || value.length > MAX_PARAM_LENGTH || hasBadCharacters(value)) return null;
  return value;
}

/**
 * The segment for a page or route handler: anything that cannot name a record answers 404
 * (never a 500, never a NUL byte sent to SQL). With `pattern`, the value must also match it.
 */
export function routeParam(raw: string | string[] | undefined, pattern?: RegExp): string {
  const value = parseRouteParam(raw);
  if (value === null || (pattern && !pattern.test(value))) notFound();
  return value;
}

/** A numeric id segment (1 … 2^31 − 1), or 404. */
export function routeId(raw: string | string[] | undefined): number {
  const value = routeParam(raw, /^\d{1,10}$/);
  const n = Number(value);
  if (n < 1 || n > MAX_INT_ID) notFound();
  return n;
}
