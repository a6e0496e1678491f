import fs from "node:fs";
import path from "node:path";
import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as enums from "@/db/enums";
import { donors, releaseRequests, specimens, specimenTransfers, storageBoxes, storageFreezers, storageRacks } from "@/db/schema";
import { AUDIT_ENTITY_TYPES, AUDIT_FIELDS } from "@/lib/audit/audit-fields";
import { aeValuesShape, participantValuesShape, visitValuesShape } from "@/lib/followup/fields";
import { centreSnapshot } from "@/lib/network/scope";
import { studySnapshot } from "@/lib/studies/load";
import { PROTOCOL_EDIT_ACTIONS } from "@/lib/studies/protocol-version";
import { siteSnapshot } from "@/lib/studies/site-fields";
import { messages } from "@/messages";

/**
 * Every audit action the code appends and every field it writes into an event has a label in
 * both languages, and every enum field's values have theirs: the audit and history screens never
 * show a stored code (issue 12, item 12). The code is read as text, so a new action or field
 * fails here until it is named.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const LOCALES = ["zh-CN", "en"] as const;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Files that write audit events: commands, their helpers, the seed (not the pipeline that stores them). */
const PIPELINE = /^lib\/(actions\/|audit\/(?!commands\/)|testing\/|history\/)/;
const auditing = ["lib", "seed"]
  .flatMap((d) => sources(path.join(ROOT, d)))
  .map((f) => ({ file: path.relative(ROOT, f).split(path.sep).join("/"), src: stripComments(fs.readFileSync(f, "utf8")) }))
  .filter(({ file, src }) => !PIPELINE.test(file) && /\baction:/.test(src));

const has = (locale: (typeof LOCALES)[number], key: string) =>
  typeof key.split(".").reduce<unknown>((o, p) => (o && typeof o === "object" ? (o as Record<string, unknown>)[p] : undefined), messages[locale]) === "string";

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const OPEN: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** Index just past the string literal starting at i. */
function skipString(src: string, i: number): number {
  const q = src[i];
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === "\\") j++;
    else if (src[j] === q) return j + 1;
  }
  return src.length;
}

/** The expression starting at i, up to a top-level "," or a closing bracket. */
function expressionAt(src: string, i: number): string {
  const stack: string[] = [];
  let j = i;
  while (j < src.length) {
    const c = src[j];
    if (c === '"' || c === "'" || c === "`") {
      j = skipString(src, j);
      continue;
    }
    if (OPEN[c]) stack.push(OPEN[c]);
    else if (c === ")" || c === "]" || c === "}") {
      if (!stack.length) break;
      stack.pop();
    } else if ((c === "," || c === ";") && !stack.length) break;
    j++;
  }
  return src.slice(i, j).trim();
}

/** Top-level `key: expression` properties (and `...spread`s, shorthands) of an object literal's text "{ … }". */
function properties(obj: string): { key: string | null; expr: string }[] {
  const body = obj.trim().replace(/^\{/, "").replace(/\}$/, "");
  const out: { key: string | null; expr: string }[] = [];
  let i = 0;
  while (i < body.length) {
    const part = expressionAt(body, i);
    i += body.slice(i).indexOf(part) + part.length + 1;
    if (!part) continue;
    const spread = /^\.\.\.([\s\S]+)$/.exec(part);
    const prop = /^["']?([A-Za-z_$][\w$-]*)["']?\s*:\s*([\s\S]+)$/.exec(part);
    const computed = /^\[\s*([\w$]+)\s*\]\s*:\s*([\s\S]+)$/.exec(part);
    if (spread) out.push({ key: null, expr: `...${spread[1].trim()}` });
    else if (computed) out.push({ key: `[${computed[1]}]`, expr: computed[2].trim() });
    else if (prop) out.push({ key: prop[1], expr: prop[2].trim() });
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out.push({ key: part, expr: part });
  }
  return out;
}

/** The bracketed text starting at i ("{ … }"). */
function blockAt(src: string, i: number): string {
  const stack: string[] = [];
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '"' || c === "'" || c === "`") j = skipString(src, j) - 1;
    else if (OPEN[c]) stack.push(OPEN[c]);
    else if (c === stack.at(-1) && (stack.pop(), !stack.length)) return src.slice(i, j + 1);
  }
  throw new Error("unbalanced brackets");
}

/** The two branches of a top-level `cond ? a : b`, or null. */
function ternaryBranches(e: string): [string, string] | null {
  let depth = 0;
  let q = -1;
  for (let j = 0; j < e.length; j++) {
    const c = e[j];
    if (c === '"' || c === "'" || c === "`") {
      j = skipString(e, j) - 1;
      continue;
    }
    if (OPEN[c]) depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && c === "?" && e[j + 1] !== "." && e[j + 1] !== "?" && e[j - 1] !== "?") {
      if (q < 0) q = j;
      else depth += 0;
    } else if (depth === 0 && c === ":" && q >= 0) return [e.slice(q + 1, j).trim(), e.slice(j + 1).trim()];
  }
  return null;
}

/** The object literal enclosing index i. */
function enclosingObject(src: string, i: number): string | null {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    const c = src[j];
    if (c === "}" || c === ")" || c === "]") depth++;
    else if (c === "{" || c === "(" || c === "[") {
      if (depth === 0) return c === "{" ? blockAt(src, j) : null;
      depth--;
    }
  }
  return null;
}

/** Every audit event literal of the code: the object that carries an `action:`. */
const events = auditing.flatMap(({ file, src }) =>
  [...src.matchAll(/\baction:/g)].flatMap((m) => {
    const obj = enclosingObject(src, m.index! - 1);
    const props = obj ? properties(obj) : [];
    // An audit input names its record type too (a type declaration or a filter does not).
    const entity = props.find((p) => p.key === "entityType");
    return entity && !/^(string|ClinicalEntity)\b/.test(entity.expr) ? [{ file, props }] : [];
  }),
);

/** Action names a template literal can take: each template the code uses, with every value it may have. */
const TEMPLATE_ACTIONS: Record<string, string[]> = {
  "`query.${move.kind}`": ["query.closed", "query.reopened"],
  "PROTOCOL_EDIT_ACTIONS[what]": Object.values(PROTOCOL_EDIT_ACTIONS),
};

function actionsWritten(): { names: Set<string>; unknown: string[] } {
  const names = new Set<string>();
  const unknown: string[] = [];
  for (const { file, props } of events) {
    const expr = props.find((p) => p.key === "action")?.expr;
    if (!expr) continue;
    if (TEMPLATE_ACTIONS[expr]) {
      TEMPLATE_ACTIONS[expr].forEach((n) => names.add(n));
      continue;
    }
    const literals = [...expr.matchAll(/"([a-z][A-Za-z_]*(?:\.[A-Za-z_]+)+)"/g)].map((x) => x[1]);
    // Literals, or a ternary between literals; anything else (a variable, a template) cannot be checked.
    if (!literals.length || expr.replace(/"[^"]*"/g, "").match(/[`$]/) || !/^[\s\S]*"$/.test(expr)) unknown.push(`${file}: ${expr}`);
    literals.forEach((n) => names.add(n));
  }
  return { names, unknown };
}

/** Whole rows written into events: the columns of their tables. */
const ROW_PAYLOADS: Record<string, Record<string, unknown>> = {
  "lib/biobank/commands/create-freezer.ts: f": getTableColumns(storageFreezers),
  "lib/biobank/commands/create-rack.ts: r": getTableColumns(storageRacks),
  "lib/biobank/commands/create-box.ts: b": getTableColumns(storageBoxes),
  "lib/biobank/commands/create-donor.ts: d": getTableColumns(donors),
  "lib/biobank/commands/register-specimen.ts: ...row": getTableColumns(specimens),
  "lib/biobank/commands/create-transfer.ts: ...t": getTableColumns(specimenTransfers),
  "lib/biobank/commands/request-release.ts: ...r": getTableColumns(releaseRequests),
};

/** Any value: what a snapshot function reads off its row. */
const anything: unknown = new Proxy(() => anything, { get: (_t, p) => (p === Symbol.iterator ? [][Symbol.iterator] : p === Symbol.toPrimitive ? () => "" : anything), apply: () => anything });
const keysOf = (f: (row: never) => object) => Object.keys(f(anything as never));
const recordValues = [...Object.keys(visitValuesShape), ...Object.keys(aeValuesShape), ...Object.keys(participantValuesShape)];

/** Spreads and values whose keys are known from the code that builds them. */
const KNOWN_VALUES: Record<string, string[]> = {
  "...saved": Object.keys(aeValuesShape),
  "...saved.values": Object.keys(visitValuesShape),
  "...pick(saved.values, saved.changed)": recordValues,
  "pick(saved.before, saved.changed)": recordValues,
  "...counts": ["received", "missing", "damaged"],
  report: ["ok", "checked", "brokenId", "problem"],
  "siteSnapshot(site)": keysOf(siteSnapshot),
  "siteSnapshot(row)": keysOf(siteSnapshot),
  "studySnapshot(study)": keysOf(studySnapshot),
  "studySnapshot(row)": keysOf(studySnapshot),
  "centreSnapshot(row)": keysOf(centreSnapshot),
};

/** Keys of records nested in payloads (protocol rows, an allocation, aliquots, a correction). */
const NESTED_KEYS = ["ordinal", "code", "nameZh", "nameEn", "ratio", "kind", "textZh", "textEn", "label", "effectiveDate", "targetDay", "windowDays", "levels", "entryId", "arm", "barcode", "quantity", "field", "version"];

function fieldsWritten(): { keys: Set<string>; unknown: string[] } {
  const keys = new Set<string>(NESTED_KEYS);
  const unknown: string[] = [];
  const payload = (file: string, expr: string): void => {
    const e = expr.trim();
    if (e === "null" || e === "undefined") return;
    if (e.startsWith("{")) {
      for (const p of properties(e)) {
        if (p.key === null) payload(file, p.expr);
        else if (p.key.startsWith("[")) continue; // protocolAudit's part: PROTOCOL_PARTS below
        else {
          keys.add(p.key);
          if (p.expr.startsWith("{")) payload(file, p.expr);
        }
      }
      return;
    }
    const branches = ternaryBranches(e);
    if (branches) return branches.forEach((b) => payload(file, b));
    const known = ROW_PAYLOADS[`${file}: ${e}`] ? Object.keys(ROW_PAYLOADS[`${file}: ${e}`]) : KNOWN_VALUES[e];
    if (known) known.forEach((k) => keys.add(k));
    else unknown.push(`${file}: ${e}`);
  };
  for (const { file, props } of events) for (const p of props) if (p.key === "before" || p.key === "after") payload(file, p.expr);
  return { keys, unknown };
}

/** The protocol parts a protocol change names (lib/studies/protocol-version.ts). */
const PROTOCOL_PARTS = Object.keys(PROTOCOL_EDIT_ACTIONS);

/** The code list behind each enum namespace the formatter reads labels from. */
const ENUM_NAMESPACES: Record<string, readonly string[]> = {
  "common.roles": enums.NETWORK_ROLES,
  "common.levels": enums.ORG_LEVELS,
  "audit.values.locale": ["zh-CN", "en"],
  "studies.status": enums.STUDY_STATUSES,
  "studies.siteStatus": enums.STUDY_SITE_STATUSES,
  "enrolment.status": enums.PARTICIPANT_STATUSES,
  "followup.visitStatus": enums.VISIT_STATUSES,
  "followup.queryStatus": enums.QUERY_STATUSES,
  "biobank.statuses": enums.SPECIMEN_STATUSES,
  "biobank.transferStatuses": enums.TRANSFER_STATUSES,
  "biobank.releaseStatuses": enums.RELEASE_STATUSES,
  "studies.phase": enums.STUDY_PHASES,
  "studies.design": enums.STUDY_DESIGNS,
  "studies.area": enums.RESEARCH_AREAS,
  "studies.blinding": enums.STUDY_BLINDINGS,
  "studies.method": enums.RANDOMIZATION_METHODS,
  "studies.teamRole": enums.STUDY_TEAM_ROLES,
  "studies.kind": enums.CRITERION_KINDS,
  "followup.outcome": enums.AE_OUTCOMES,
  "audit.values.screeningOutcome": enums.SCREENING_OUTCOMES,
  "biobank.outcomes": enums.TRANSFER_OUTCOMES,
  "enrolment.withdrawalReasons": enums.WITHDRAWAL_REASONS,
  "followup.sex": enums.PARTICIPANT_SEXES,
  "followup.response": enums.TUMOUR_RESPONSES,
  "followup.category": enums.AE_CATEGORIES,
  "api.tokens.accessLevels": enums.API_TOKEN_ACCESS,
  "biobank.categories": enums.SPECIMEN_CATEGORIES,
  "followup.relatedness": enums.AE_RELATEDNESS,
  "followup.action": enums.AE_ACTIONS,
  "followup.serious": enums.AE_SERIOUS_CRITERIA,
  "biobank.types": enums.SPECIMEN_TYPES,
  "biobank.units": enums.SPECIMEN_UNITS,
  "biobank.consent": enums.FUTURE_CONSENTS,
  "audit.problems": ["hash", "link", "checkpoint", "signature", "missing", "tail"],
  "molecular.statuses": enums.MOLECULAR_ORDER_STATUSES,
  "molecular.testKinds": enums.MOLECULAR_TEST_KINDS,
  "molecular.origins": enums.VARIANT_ORIGINS,
  "crf.rules.status": enums.CRF_FORM_INSTANCE_STATUSES,
};

describe("audit action names", () => {
  const { names, unknown } = actionsWritten();

  it("are literal strings (or templates whose values are listed here), so they can be checked", () => {
    expect(unknown).toEqual([]);
    // The scan finds the actions of every domain (a broken scan would find none and pass).
    for (const a of ["user.created", "study.status.changed", "study.visitSchedule.updated", "ae.recorded", "sae.reported", "specimen.registered", "system.demo_seeded", "audit.verified", "query.reopened"]) expect(names).toContain(a);
  });

  it("each has a label in both languages", () => {
    for (const locale of LOCALES) {
      const missing = [...names].filter((a) => !has(locale, `auditActions.${a.replace(/\./g, "_")}`));
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });
});

describe("audit fields", () => {
  const { keys, unknown } = fieldsWritten();
  PROTOCOL_PARTS.forEach((p) => keys.add(p));

  it("every payload the code writes is an object literal or a value whose keys are listed here", () => {
    expect(unknown).toEqual([]);
    for (const k of ["status", "awareAt", "sdvCleared", "role", "subjectCode", "barcode", "temperatureC"]) expect(keys).toContain(k);
  });

  it("each field has a label in both languages (internal ones are left out)", () => {
    for (const locale of LOCALES) {
      const missing = [...keys].filter((k) => AUDIT_FIELDS[k]?.kind !== "hidden" && !has(locale, `audit.fields.${k}`)).sort();
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });

  it("each enum field's every value has a label in both languages", () => {
    const namespaces = Object.values(AUDIT_FIELDS).flatMap((f) => (f.kind === "enum" ? Object.values(f.labels) : []));
    for (const ns of new Set(namespaces)) {
      const codes = ENUM_NAMESPACES[ns];
      expect({ ns, listed: Boolean(codes) }).toEqual({ ns, listed: true });
      for (const locale of LOCALES) {
        const missing = codes.filter((c) => !has(locale, `${ns}.${c}`));
        expect({ ns, locale, missing }).toEqual({ ns, locale, missing: [] });
      }
    }
  });

  it("each record type has a label in both languages", () => {
    const written = new Set<string>();
    for (const { props } of events) for (const m of (props.find((p) => p.key === "entityType")?.expr ?? "").matchAll(/"([a-z_]+)"/g)) written.add(m[1]);
    expect([...written].filter((t) => !(AUDIT_ENTITY_TYPES as readonly string[]).includes(t))).toEqual([]);
    for (const locale of LOCALES) {
      const missing = AUDIT_ENTITY_TYPES.filter((t) => !has(locale, `audit.entities.${t}`));
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });
});
