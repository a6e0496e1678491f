import { createHash, randomBytes } from "node:crypto";

/** Every personal access token starts with this, so a leaked one is recognisable (secret scanners). */
export const TOKEN_PREFIX = "ncrc_pat_";
/** How many characters of the secret are kept visible to tell tokens apart. */
const VISIBLE_CHARS = TOKEN_PREFIX.length + 6;
/** "ncrc_pat_" + 43 base64url characters (32 bytes). */
const TOKEN_PATTERN = /^ncrc_pat_[A-Za-z0-9_-]{43}$/;

export function newTokenSecret(): { secret: string; hash: string; prefix: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, hash: hashToken(secret), prefix: secret.slice(0, VISIBLE_CHARS) };
}

/** SHA-256 is enough: the secret has 256 random bits, nothing to guess or stretch. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
