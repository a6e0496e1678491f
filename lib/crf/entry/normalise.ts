import type { CrfItemType, CrfValidationType } from "@/db/enums";
import type { ItemDef } from "@/lib/crf/design";
import type { EntryError, ItemValue } from "@/lib/crf/entry/types";
import { isRealDay } from "@/lib/time/network-day";

/** What a value is compared as (limits) and stored as. */
export type ValueKind = "text" | "integer" | "number" | "date" | "datetime" | "time" | "mmss" | "choice" | "choices" | "none";

export const TEXT_MAX = 2000;
export const LONGTEXT_MAX = 10_000;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const INTEGER = /^[-+]?\d{1,15}$/;
const NUMBER = /^[-+]?(\d{1,15}(\.\d{0,10})?|\.\d{1,10})$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** A mainland Chinese mobile number: 11 digits starting 13–19, optionally after +86/86. */
const MOBILE_CN = /^(?:\+?86)?(1[3-9]\d{9})$/;
const PHONE = /^\+?[0-9()\- ]{5,24}$/;
/** A Chinese postcode (6 digits) or a US ZIP code (5 or 5+4), as REDCap's zipcode takes. */
const ZIPCODE = /^(\d{6}|\d{5}(-\d{4})?)$/;
const ALPHA = /^\p{L}+$/u;

const err = (key: string, params?: Record<string, string | number>): { error: EntryError } => ({ error: { key: `crf.entry.errors.${key}`, ...(params ? { params } : {}) } });

/** The kind of an item's value, from its type and (for text) its validation. */
export function valueKind(item: Pick<ItemDef, "type" | "validation">): ValueKind {
  const byType: Partial<Record<CrfItemType, ValueKind>> = {
    integer: "integer",
    decimal: "number",
    slider: "integer",
    calc: "number",
    date: "date",
    datetime: "datetime",
    time: "time",
    yesno: "choice",
    truefalse: "choice",
    radio: "choice",
    dropdown: "choice",
    checkbox: "choices",
    descriptive: "none",
  };
  if (item.type !== "text") return byType[item.type] ?? "text";
  return validationKind(item.validation);
}

function validationKind(v: CrfValidationType | null): ValueKind {
  if (v === null) return "text";
  if (v === "integer") return "integer";
  if (v.startsWith("number")) return "number";
  if (v.startsWith("date_")) return "date";
  if (v.startsWith("datetime")) return "datetime";
  if (v === "time") return "time";
  if (v === "time_mm_ss") return "mmss";
  return "text";
}

/** Decimal places a number must have at most (padded to it): number_2dp → 2, a decimal item's own. */
function placesOf(item: Pick<ItemDef, "type" | "validation" | "decimalPlaces">): number | null {
  const m = item.validation ? /^number_(\d)dp$/.exec(item.validation) : null;
  if (m) return Number(m[1]);
  return item.type === "decimal" ? item.decimalPlaces : null;
}

function canonicalInteger(s: string): string {
  const neg = s.startsWith("-");
  const digits = s.replace(/^[-+]/, "").replace(/^0+(?=\d)/, "");
  return neg && digits !== "0" ? `-${digits}` : digits;
}

function canonicalNumber(s: string, places: number | null): { value: string } | { error: EntryError } {
  const neg = s.startsWith("-");
  const [rawInt, rawFrac = ""] = s.replace(/^[-+]/, "").split(".");
  const int = (rawInt || "0").replace(/^0+(?=\d)/, "");
  if (places !== null && rawFrac.length > places) return err("decimals", { places });
  const frac = places !== null ? rawFrac.padEnd(places, "0") : rawFrac;
  const body = frac ? `${int}.${frac}` : int;
  return { value: neg && /[1-9]/.test(body) ? `-${body}` : body };
}

const pad2 = (n: string) => n.padStart(2, "0");

/** A day in Y-M-D (the stored form), or in the validation's M-D-Y / D-M-Y order, with - or /. */
function parseDay(s: string, order: "ymd" | "mdy" | "dmy"): string | null {
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  let ymd: [string, string, string] | null = m ? [m[1], m[2], m[3]] : null;
  if (!ymd && order !== "ymd") {
    m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(s);
    if (m) ymd = order === "mdy" ? [m[3], m[1], m[2]] : [m[3], m[2], m[1]];
  }
  if (!ymd) return null;
  const day = `${ymd[0]}-${pad2(ymd[1])}-${pad2(ymd[2])}`;
  return isRealDay(day) ? day : null;
}

function parseTime(s: string, seconds: boolean): string | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) return null;
  const [h, min, sec] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
  if (h > 23 || min > 59 || sec > 59) return null;
  if (m[3] !== undefined && !seconds) return null;
  return `${pad2(m[1])}:${m[2]}${seconds ? `:${m[3] ?? "00"}` : ""}`;
}

function dateOrder(v: CrfValidationType | null): "ymd" | "mdy" | "dmy" {
  return v?.endsWith("_mdy") ? "mdy" : v?.endsWith("_dmy") ? "dmy" : "ymd";
}

function textValue(item: ItemDef, s: string): { value: string } | { error: EntryError } {
  const max = item.type === "longtext" ? LONGTEXT_MAX : TEXT_MAX;
  if (s.length > max) return err("tooLong", { max });
  switch (item.validation) {
    case "email":
      return EMAIL.test(s) ? { value: s } : err("email");
    case "mobile_cn": {
      const m = MOBILE_CN.exec(s.replace(/[\s-]/g, ""));
      return m ? { value: m[1] } : err("mobileCn");
    }
    case "phone":
      return PHONE.test(s) && s.replace(/\D/g, "").length >= 5 ? { value: s.replace(/\s+/g, " ") } : err("phone");
    case "zipcode":
      return ZIPCODE.test(s) ? { value: s } : err("zipcode");
    case "alpha_only":
      return ALPHA.test(s) ? { value: s } : err("alphaOnly");
    default:
      return { value: s };
  }
}

/**
 * One submitted answer checked against its item and written in its stored form: trimmed text,
 * numbers without a sign "+" or leading zeros (decimal places padded to the item's), days as
 * Y-M-D, times as H:M, choice codes of the item, ticked codes in the item's order. `null` is a
 * blank answer. Calculated and descriptive items take no answer (the caller drops them).
 */
export function normaliseValue(item: ItemDef, raw: unknown): { value: ItemValue | null } | { error: EntryError } {
  if (raw === null || raw === undefined) return { value: null };
  if (item.type === "checkbox") {
    if (!Array.isArray(raw) || !raw.every((c) => typeof c === "string")) return err("invalid");
    const codes = new Set(raw as string[]);
    if ([...codes].some((c) => !item.choices.some((ch) => ch.code === c))) return err("choice");
    const ordered = item.choices.map((c) => c.code).filter((c) => codes.has(c));
    return { value: ordered.length ? ordered : null };
  }
  if (typeof raw !== "string") return err("invalid");
  if (CONTROL.test(raw)) return err("invalid");
  const s = item.type === "longtext" ? raw.trim() : raw.trim().replace(/\s+/g, " ");
  if (s === "") return { value: null };
  const kind = valueKind(item);
  switch (kind) {
    case "integer": {
      if (!INTEGER.test(s)) return err("integer");
      const v = canonicalInteger(s);
      if (item.type === "slider" && (Number(v) < 0 || Number(v) > 100)) return err("slider");
      return { value: v };
    }
    case "number":
      return NUMBER.test(s) ? canonicalNumber(s, placesOf(item)) : err("number");
    case "date": {
      const d = parseDay(s, dateOrder(item.validation));
      return d ? { value: d } : err("date");
    }
    case "datetime": {
      const m = /^(\S+)[ T](\S+)$/.exec(s);
      const seconds = item.validation?.startsWith("datetime_seconds") ?? false;
      const d = m ? parseDay(m[1], dateOrder(item.validation)) : null;
      const t = m ? parseTime(m[2], seconds) : null;
      return d && t ? { value: `${d} ${t}` } : err("datetime");
    }
    case "time": {
      const t = parseTime(s, false);
      return t ? { value: t } : err("time");
    }
    case "mmss": {
      const m = /^(\d{1,2}):(\d{2})$/.exec(s);
      return m && Number(m[2]) <= 59 ? { value: `${pad2(m[1])}:${m[2]}` } : err("time");
    }
    case "choice": {
      const codes = item.type === "yesno" || item.type === "truefalse" ? ["1", "0"] : item.choices.map((c) => c.code);
      return codes.includes(s) ? { value: s } : err("choice");
    }
    case "none":
      return { value: null };
    default:
      return textValue(item, s);
  }
}
