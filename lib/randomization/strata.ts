/**
 * Stratum keys name the allocation list a participant draws from. They must be
 * canonical: the same levels always give the same key whatever order the form sent
 * them in, or one stratum would silently split into two lists.
 */

export interface StratumInput {
  /** The study's stratification factor codes (all must have a level). */
  factorCodes: readonly string[];
  /** The participant's level code per factor code. */
  levels: Readonly<Record<string, string>>;
  /** The site (id or code) when the study uses the site as a stratum; omit otherwise. */
  site?: string | number | null;
}

/** Key of the single stratum of a study stratified by nothing. */
export const UNSTRATIFIED_KEY = "all";
const SITE = "site";

// '|' and '=' delimit the key; allowing them inside codes would make keys ambiguous.
function assertPart(kind: string, v: string): void {
  if (!v || /[|=\s]/.test(v)) throw new RangeError(`${kind} "${v}" cannot be part of a stratum key`);
}

/** e.g. "site=12|sex=F|stage=III-IV": site first, then factors sorted by code. */
export function stratumKey({ factorCodes, levels, site }: StratumInput): string {
  const codes = [...new Set(factorCodes)];
  if (codes.length !== factorCodes.length) throw new RangeError("duplicate factor code");
  for (const extra of Object.keys(levels)) {
    if (!codes.includes(extra)) throw new RangeError(`level given for unknown factor ${extra}`);
  }
  const parts: string[] = [];
  if (site !== undefined && site !== null) {
    assertPart("site", String(site));
    parts.push(`${SITE}=${site}`);
  }
  // Plain code-unit order, not localeCompare: the key must not depend on the server's locale.
  for (const code of codes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (code === SITE) throw new RangeError(`"${SITE}" is reserved for the site stratum`);
    assertPart("factor", code);
    const level = levels[code];
    if (level === undefined) throw new RangeError(`no level given for factor ${code}`);
    assertPart("level", level);
    parts.push(`${code}=${level}`);
  }
  return parts.length === 0 ? UNSTRATIFIED_KEY : parts.join("|");
}

/** Reads a key back into site and levels (for display and checks). */
export function parseStratumKey(key: string): { site: string | null; levels: Record<string, string> } {
  const levels: Record<string, string> = {};
  let site: string | null = null;
  if (key === UNSTRATIFIED_KEY) return { site, levels };
  for (const part of key.split("|")) {
    const [name, value, ...rest] = part.split("=");
    if (!name || !value || rest.length > 0) throw new RangeError(`malformed stratum key "${key}"`);
    if (name === SITE) site = value;
    else levels[name] = value;
  }
  return { site, levels };
}
