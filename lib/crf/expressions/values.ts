/**
 * Values as REDCap's logic sees them. A stored answer is a string ("" when blank); a checkbox is
 * the list of ticked codes; a missing-data code (NA, UNK, NASK…) is kept apart from the values,
 * tagged, so that it is never mistaken for an answer: arithmetic treats it as blank, equality
 * compares its code (`[x] = "UNK"`), `isblankormissingcode()` is true for it.
 */
export type MissingCode = { missing: string };
export type StoredValue = string | readonly string[] | MissingCode;

/** What an expression evaluates to. "" is blank. */
export type Value = number | string | boolean | MissingCode;

export const BLANK = "";

export type EvaluationContext = {
  /** The answers of the event being entered, by item name. */
  values: Readonly<Record<string, StoredValue | undefined>>;
  /** The current event's name: `[this_event][item]` reads `values`. */
  event?: string;
  /** Other events' answers, by event then item, for `[event][item]`. */
  events?: Readonly<Record<string, Readonly<Record<string, StoredValue | undefined>>>>;
  /** The network's day (YYYY-MM-DD) for "today" in datediff; the caller supplies it, this module keeps no clock. */
  today?: string;
  /** The network's local date-time (YYYY-MM-DD HH:mm) for "now". */
  now?: string;
};

export function isMissing(v: unknown): v is MissingCode {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as MissingCode).missing === "string";
}

export function isBlank(v: Value): boolean {
  return v === BLANK;
}

const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A string "looks numeric" as REDCap means it: optional sign, digits, an optional decimal part. */
export function looksNumeric(s: string): boolean {
  return NUMERIC.test(s);
}

/** The number a value stands for in arithmetic, or undefined when it makes the result blank. */
export function toNumber(v: Value): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && looksNumeric(v)) return Number(v);
  return undefined;
}

/** Truth as branching logic reads it: blank, a missing code, 0 and false are false. */
export function toBoolean(v: Value): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  if (isMissing(v)) return false;
  if (v === BLANK) return false;
  return looksNumeric(v) ? Number(v) !== 0 : true;
}

/** A number as a calculated item stores it: no exponent, no float noise ("0.30000000000000004" → "0.3"). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return BLANK;
  const rounded = Number(n.toPrecision(15));
  if (Object.is(rounded, -0)) return "0";
  const s = String(rounded);
  const m = /^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(s);
  if (!m) return s;
  // Past 1e21 and below 1e-6 JavaScript writes an exponent; a stored value spells the digits.
  const [, sign, lead, rest = "", exp] = m;
  const digits = lead + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  return sign + digits.padEnd(point, "0");
}
