import { createHmac } from "node:crypto";

/**
 * Chinese resident identity numbers (GB 11643-1999): 6-digit area code, birth date
 * YYYYMMDD, 3-digit sequence, ISO 7064 MOD 11-2 check character (0–9 or X).
 * Legacy 15-digit numbers (YYMMDD, no check character) are upgraded to the 18-character
 * form, so the same person is found whichever card a site copies the number from.
 */

export type NationalIdReason = "empty" | "format" | "birth_date" | "check_digit";

export type NationalIdResult =
  | { ok: true; normalized: string; legacy: boolean }
  | { ok: false; reason: NationalIdReason };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** The check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function nationalIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("nationalIdCheckChar needs 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Cleans what staff typed or pasted: NFKC turns full-width digits and letters from
 * Chinese input methods into ASCII; spaces and hyphens are grouping only.
 */
function clean(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s\-‐‑‒–—―]/g, "").toUpperCase();
}

export function normalizeNationalId(raw: string): NationalIdResult {
  const s = clean(raw);
  if (s === "") return { ok: false, reason: "empty" };
  if (/^[1-9]\d{14}$/.test(s)) {
    // Legacy numbers were issued to people born in the 1900s; the upgrade inserts "19".
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    if (!isCalendarDate(first17.slice(6, 14))) return { ok: false, reason: "birth_date" };
    return { ok: true, normalized: first17 + nationalIdCheckChar(first17), legacy: true };
  }
  if (!/^[1-9]\d{16}[\dX]$/.test(s)) return { ok: false, reason: "format" };
  if (!isCalendarDate(s.slice(6, 14))) return { ok: false, reason: "birth_date" };
  if (nationalIdCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, reason: "check_digit" };
  return { ok: true, normalized: s, legacy: false };
}

/**
 * The only form in which a national ID is stored: HMAC-SHA256 (hex) under the portal's
 * pseudonym key. Keyed, so the 18-character space (small enough to enumerate) cannot be
 * reversed by hashing every possible number without the key.
 */
export function hmacNationalId(normalized: string, key: string): string {
  // Hashing unnormalized input would make the same person look like two people.
  if (!/^[1-9]\d{16}[\dX]$/.test(normalized)) throw new RangeError("hmacNationalId expects a normalized 18-character ID");
  if (!key) throw new RangeError("hmacNationalId: empty key");
  return createHmac("sha256", key).update(normalized, "utf8").digest("hex");
}
