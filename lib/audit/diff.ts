import { AUDIT_FIELDS, type FieldKind } from "@/lib/audit/audit-fields";
import { formatNetworkInstant, isIsoInstant } from "@/lib/time/network-instant";

/** One changed (or recorded) field of an audit event, values as compact JSON. */
export type DiffEntry = { key: string; before: string | null; after: string | null; changed: boolean };

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function show(v: unknown): string | null {
  if (v === undefined) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * A compact field-by-field comparison of before/after. Objects are compared key by key (changed
 * keys first); anything else is a single "value" entry. This is the comparison (what changed);
 * `readableDiff` below is what a person reads.
 */
export function diffEntries(before: unknown, after: unknown): DiffEntry[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before != null && !b) || (after != null && !a)) {
    const bs = show(before ?? undefined);
    const as = show(after ?? undefined);
    return [{ key: "value", before: bs, after: as, changed: bs !== as }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const entries = keys.map((key) => {
    const bv = show(b?.[key]);
    const av = show(a?.[key]);
    return { key, before: bv, after: av, changed: bv !== av };
  });
  return entries.sort((x, y) => Number(y.changed) - Number(x.changed));
}

/** The part of a next-intl translator (the root one, no namespace) the formatter needs. */
export type RootTranslator = { (key: string, values?: Record<string, string | number>): string; has: (key: string) => boolean };

/** Names for ids the page could resolve cheaply (centre codes, people's names). */
export type AuditRefs = { centre?: (id: number) => string | undefined; user?: (id: number) => string | undefined };

/** One field as a person reads it: its translated label and both values as text. */
export type ReadableEntry = { key: string; label: string; before: string | null; after: string | null; changed: boolean };

export type AuditFormatter = {
  /** The translated label of a field. */
  label: (key: string) => string;
  /** A stored value as text: enum labels, yes/no, local times with the zone, joined lists. */
  value: (key: string, v: unknown) => string;
  /** Before → after of one event, field by field, internal fields left out. */
  diff: (before: unknown, after: unknown) => ReadableEntry[];
  /** The translated name of a record type ("adverse_event"). */
  entity: (type: string) => string;
};

const NAME_PAIRS = [
  ["nameZh", "nameEn"],
  ["titleZh", "titleEn"],
  ["textZh", "textEn"],
  ["labelZh", "labelEn"],
] as const;

const EMPTY = "—";

/** The values of a saved version of a follow-up record (a visit, an AE, enrolment data), as lib/followup stores them. */
export const RECORD_VERSION = "record_version";

/**
 * The one value formatter of audit and history screens (the network audit trail, a study's
 * history, a record's versions). `t` is a root translator (`getTranslations()` /
 * `useTranslations()` without a namespace); `entityType` picks the labels of fields whose values
 * depend on the record (a study's `status` vs. a specimen's).
 */
export function auditFormatter(t: RootTranslator, opts: { locale: string; entityType?: string | null; refs?: AuditRefs }): AuditFormatter {
  const en = opts.locale === "en";
  const kindOf = (key: string): FieldKind | undefined => AUDIT_FIELDS[key];

  // A visit's or an AE's own fields read as on their forms (an AE's outcome is 转归, not 结果).
  const recordLabels = opts.entityType === "visit" || opts.entityType === "adverse_event" || opts.entityType === RECORD_VERSION ? "followup.fields" : null;
  const label = (key: string): string => {
    if (recordLabels && t.has(`${recordLabels}.${key}`)) return t(`${recordLabels}.${key}`);
    return t.has(`audit.fields.${key}`) ? t(`audit.fields.${key}`) : key;
  };

  const entity = (type: string): string => (t.has(`audit.entities.${type}`) ? t(`audit.entities.${type}`) : type);

  const enumLabel = (labels: Record<string, string>, code: string): string => {
    const ns = labels[opts.entityType ?? ""] ?? labels["*"];
    return t.has(`${ns}.${code}`) ? t(`${ns}.${code}`) : code;
  };

  const scalar = (key: string, v: string | number | boolean): string => {
    if (typeof v === "boolean") return t(v ? "common.yes" : "common.no");
    const k = kindOf(key);
    if (typeof v === "number") {
      if (k?.kind === "centre") return opts.refs?.centre?.(v) ?? `#${v}`;
      if (k?.kind === "user") return opts.refs?.user?.(v) ?? `#${v}`;
      // Any other id is shown as a reference ("#1042"), not as a quantity.
      return key === "id" || key.endsWith("Id") ? `#${v}` : String(v);
    }
    if (k?.kind === "enum") return enumLabel(k.labels, v);
    if (k?.kind === "field") return label(v);
    if (k?.kind === "entity") return entity(v);
    if (isIsoInstant(v)) return formatNetworkInstant(v);
    return v;
  };

  /** A nested record (an arm, a criterion, a visit of the schedule): its code and name first, then the rest. */
  const record = (o: Record<string, unknown>): string => {
    const used = new Set<string>(["ordinal"]);
    let head = "";
    for (const [zh, enKey] of NAME_PAIRS) {
      if (typeof o[zh] === "string") {
        head = (en && typeof o[enKey] === "string" && o[enKey]) || (o[zh] as string);
        used.add(zh).add(enKey);
        break;
      }
    }
    if (typeof o.code === "string") {
      head = head ? `${o.code} ${head}` : o.code;
      used.add("code");
    }
    const rest = Object.entries(o)
      .filter(([k, v]) => !used.has(k) && kindOf(k)?.kind !== "hidden" && v !== undefined)
      .map(([k, v]) => `${label(k)}: ${value(k, v)}`);
    if (!head) return rest.join(en ? ", " : "，");
    return rest.length ? `${head} (${rest.join(en ? ", " : "，")})` : head;
  };

  const value = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return EMPTY;
    if (Array.isArray(v)) return v.length ? v.map((x) => value(key, x)).join(en ? "; " : "；") : EMPTY;
    if (typeof v === "object") return record(v as Record<string, unknown>);
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return scalar(key, v);
    return String(v);
  };

  const diff = (before: unknown, after: unknown): ReadableEntry[] => {
    const b = asRecord(before);
    const a = asRecord(after);
    // An id beside its readable form (centreId beside centreCode, userId beside email) says nothing more.
    const redundant = (key: string) => {
      const m = /^(.*)Id$/.exec(key);
      if (!m) return false;
      const has = (k: string) => (b && k in b) || (a && k in a);
      return has(`${m[1]}Code`) || (key === "userId" && has("email")) || (m[1] === "centre" && has("centre"));
    };
    return diffEntries(before, after)
      .filter((e) => kindOf(e.key)?.kind !== "hidden" && !redundant(e.key))
      .map((e) => {
        const raw = (side: Record<string, unknown> | null, whole: unknown) => (e.key === "value" && !side ? whole : side?.[e.key]);
        return {
          key: e.key,
          label: label(e.key),
          before: e.before === null ? null : value(e.key, raw(b, before)),
          after: e.after === null ? null : value(e.key, raw(a, after)),
          changed: e.changed,
        };
      });
  };

  return { label, value, diff, entity };
}

/** The formatter for the saved versions of a follow-up record (its history table). */
export function recordVersionFormatter(t: RootTranslator, locale: string): AuditFormatter {
  return auditFormatter(t, { locale, entityType: RECORD_VERSION });
}
