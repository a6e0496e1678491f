import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { queryRows } from "@/db/client";
import type { AnyCommand, AnyTokenCommand } from "@/lib/actions/define-command";
import type { ActionResult } from "@/lib/actions/result";
import { PERMISSIONS, type Permission } from "@/lib/authz/permissions";
import type { NetworkRole } from "@/lib/enums";
import { translate } from "@/lib/i18n/translate";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { createFollowupStudy } from "@/lib/testing/followup-study";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy } from "@/lib/testing/study-builder";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { screenCommand } from "@/lib/enrolment/commands/screen";
import { addCentreCommand } from "@/lib/network/commands/add-centre";
import { renameCentreCommand } from "@/lib/network/commands/rename-centre";
import { setTargetCommand } from "@/lib/studies/commands/set-target";
import { createUserCommand } from "@/lib/users/commands/create-user";
import { networkToday } from "@/lib/time/network-day";
import { resolveDayBound } from "@/lib/validation/dates";
import { fieldInfo, type FieldInfo } from "@/lib/validation/field-info";

/**
 * Every command's every field, fed what an attacker would send: a 100 kB string, NUL, a lone
 * surrogate, only zero-width spaces, a list for a single value, ids and numbers out of their
 * column's range, days outside their plausible range. Each must be refused with an error on
 * THAT field that says what is wrong (never the generic "could not be completed", never
 * "required" when a value is there), and nothing may be written.
 */

type AnyDoor = AnyCommand | AnyTokenCommand;
type Schema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

const LIB = path.resolve(import.meta.dirname, "..");

function commandFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...commandFiles(p));
    else if (path.basename(dir) === "commands" && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

function isCommand(v: unknown): v is AnyDoor {
  const c = v as Partial<AnyCommand & AnyTokenCommand> | null;
  return !!c && typeof c === "object" && typeof c.name === "string" && typeof c.handler === "function" && !!c.schema && (typeof c.permission === "string" || c.door === "token");
}

/** Who holds each role in the demo accounts. */
const HOLDER: Record<NetworkRole, string> = {
  network_admin: "admin@ncrc.demo",
  centre_coordinator: "coord.rc1@ncrc.demo",
  pi: "pi@ncrc.demo",
  site_staff: "staff.rc1@ncrc.demo",
  monitor: "monitor@ncrc.demo",
  biobank_manager: "biobank@ncrc.demo",
  viewer: "viewer@ncrc.demo",
  molecular_lab: "lab@ncrc.demo",
};

/** What a field accepts, from the kernel's own description; `loose` when it sits in a union (messages may be the union's). */
type Found = { info: FieldInfo; loose: boolean } | null;

function describeField(s: Schema, loose = false): Found {
  const registered = fieldInfo.get(s);
  if (registered) return { info: registered, loose };
  const d = s._zod.def as Record<string, unknown> & { type: string };
  switch (d.type) {
    case "pipe": {
      const [input, output] = [d.in as Schema, d.out as Schema];
      return input._zod.def.type === "transform" ? describeField(output, loose) : (describeField(input, loose) ?? describeField(output, loose));
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
      return describeField(d.innerType as Schema, loose);
    case "union": {
      const options = (d.options as Schema[]).filter((o) => o._zod.def.type !== "literal");
      for (const o of options) {
        const f = describeField(o, true);
        if (f) return f;
      }
      return null;
    }
    case "enum":
      return { info: { kind: "choice", values: Object.values(d.entries as Record<string, string>) }, loose };
    case "array":
      return { info: { kind: "list", max: Infinity }, loose };
    case "boolean":
      return { info: { kind: "bool" }, loose };
    default:
      return null;
  }
}

type Expect = { label: string; value: unknown; key?: string; params?: Record<string, string | number>; blank?: boolean };

const HUGE = "x".repeat(100_000);
const NUL = "ab\u0000cd";
const SURROGATE = "ab\uD800cd";
const ZERO_WIDTH = "\u200B\u200B\u200B";
const FIELD_CANDIDATES: unknown[] = ["0123456789abcdef0123", "ABC-0001", "LC-203", "A1", "I1", "R01", "Abcdefgh", "1", 1, "yes", "all", "on", true, "2024-01-01", "NB000000001", "M:男:Male"];

function sampleFor(info: FieldInfo): unknown[] {
  switch (info.kind) {
    case "text":
      return ["Abcdefgh", "ABC1"];
    case "email":
      return ["someone@ncrc.test"];
    case "id":
      return [1];
    case "int":
    case "decimal":
      return [Math.max(info.min, Math.min(info.max, 1))];
    case "day":
      return [resolveDayBound(info.range.earliest)];
    case "dateTime":
      return [`${resolveDayBound(info.range.earliest)}T08:00`];
    case "choice":
      return info.values.filter((v) => v !== "");
    case "bool":
      return [true];
    case "checkbox":
      return ["on"];
    case "pattern":
      return [info.example];
    case "secret":
      return ["long-enough-password-1"];
    case "list":
      return [];
  }
}

function hostile(info: FieldInfo | null, sample: unknown): Expect[] {
  const list = sample === undefined ? [] : [{ label: "[value] for a single value", value: [sample], key: "validation.single" }];
  const common: Expect[] = [
    { label: "100 kB string", value: HUGE },
    { label: "NUL", value: NUL },
    { label: "lone surrogate", value: SURROGATE },
    { label: "only zero-width spaces", value: ZERO_WIDTH, blank: true },
  ];
  if (!info) return [...common, ...list];
  switch (info.kind) {
    case "text":
      return [
        { label: "100 kB string", value: HUGE, key: "validation.tooLong", params: { max: info.max } },
        { label: "NUL", value: NUL, key: "validation.badCharacters" },
        { label: "lone surrogate", value: SURROGATE, key: "validation.badCharacters" },
        { label: "only zero-width spaces", value: ZERO_WIDTH, key: "validation.required", blank: true },
        { label: "a number", value: 12345, key: "validation.text" },
        ...list,
      ];
    case "email":
      return [
        { label: "100,011-character e-mail", value: `${"a".repeat(100_000)}@ncrc.test`, key: "validation.tooLong", params: { max: info.max } },
        { label: "NUL", value: "a\u0000b@ncrc.test", key: "validation.badCharacters" },
        { label: "lone surrogate", value: "a\uD800b@ncrc.test", key: "validation.badCharacters" },
        { label: "not an address", value: "not-an-email", key: "validation.email" },
        { label: "only zero-width spaces", value: ZERO_WIDTH, key: "validation.required", blank: true },
        ...list,
      ];
    case "id":
      return [
        ...[2147483648, -5, "-5", "abc", 0, "1e3", 1.5, NUL, HUGE].map((value) => ({ label: `id ${JSON.stringify(value).slice(0, 12)}`, value, key: "validation.invalidId" })),
        ...list,
      ];
    case "int":
    case "decimal": {
      const out: Expect[] = [
        { label: "abc", value: "abc", key: info.kind === "int" ? "validation.wholeNumber" : "validation.number" },
        { label: "2147483648", value: 2147483648, key: "validation.outOfRange", params: { min: info.min, max: info.max } },
        { label: "NUL", value: NUL },
        { label: "100 kB string", value: HUGE },
      ];
      if (info.max < 1e9) out.push({ label: "1e9", value: 1e9, key: "validation.outOfRange", params: { min: info.min, max: info.max } });
      if (info.min > -5) out.push({ label: "-5", value: -5, key: "validation.outOfRange", params: { min: info.min, max: info.max } });
      if (info.min > 0) out.push({ label: "0", value: 0, key: "validation.outOfRange", params: { min: info.min, max: info.max } });
      if (info.min > -1) out.push({ label: "-1", value: "-1", key: "validation.outOfRange", params: { min: info.min, max: info.max } });
      return [...out, ...list];
    }
    case "day": {
      const range = { earliest: resolveDayBound(info.range.earliest), latest: resolveDayBound(info.range.latest) };
      const out: Expect[] = [
        { label: "0001-01-01", value: "0001-01-01", key: "validation.dateRange", params: range },
        { label: "9999-12-31", value: "9999-12-31", key: "validation.dateRange", params: range },
        { label: "2024-02-30", value: "2024-02-30", key: "validation.date" },
        { label: "NUL", value: `2024-01-01${NUL}`, key: "validation.date" },
        { label: "100 kB string", value: HUGE, key: "validation.date" },
        { label: "only zero-width spaces", value: ZERO_WIDTH, key: "validation.required", blank: true },
      ];
      if (range.earliest > "1900-01-01") out.push({ label: "1900-01-01", value: "1900-01-01", key: "validation.dateRange", params: range });
      return [...out, ...list];
    }
    case "dateTime": {
      const range = { earliest: resolveDayBound(info.range.earliest), latest: resolveDayBound(info.range.latest) };
      return [
        { label: "0001-01-01T00:00", value: "0001-01-01T00:00", key: "validation.dateRange", params: range },
        { label: "1900-01-01T08:00", value: "1900-01-01T08:00", key: "validation.dateRange", params: range },
        { label: "9999-12-31T08:00", value: "9999-12-31T08:00", key: "validation.dateRange", params: range },
        { label: "2025-02-30T08:00", value: "2025-02-30T08:00", key: "validation.dateTime" },
        { label: "NUL", value: NUL, key: "validation.dateTime" },
        { label: "100 kB string", value: HUGE, key: "validation.dateTime" },
        { label: "only zero-width spaces", value: ZERO_WIDTH, key: "validation.required", blank: true },
        ...list,
      ];
    }
    case "choice":
      return [
        { label: "unknown code", value: "not-one-of-them", key: "validation.choice" },
        { label: "100 kB string", value: HUGE, key: "validation.choice" },
        { label: "NUL", value: `${info.values[0]}\u0000`, key: "validation.choice" },
        ...list,
      ];
    case "bool":
    case "checkbox":
      return [
        { label: "another word", value: "maybe", key: "validation.invalid" },
        { label: "100 kB string", value: HUGE, key: "validation.invalid" },
        ...list,
      ];
    case "pattern":
      return [
        { label: "100 kB string", value: HUGE },
        { label: "NUL", value: `${info.example.slice(0, -1)}\u0000` },
        { label: "lone surrogate", value: `${info.example.slice(0, -1)}\uD800` },
        { label: "only zero-width spaces", value: ZERO_WIDTH, blank: true },
        ...list,
      ];
    case "secret":
      return [
        { label: "100 kB string", value: HUGE, key: "validation.tooLong", params: { max: info.max } },
        { label: "NUL", value: `long-enough${NUL}`, key: "validation.badCharacters" },
        { label: "lone surrogate", value: `long-enough${SURROGATE}`, key: "validation.badCharacters" },
        ...list,
      ];
    case "list":
      return [
        ...(Number.isFinite(info.max) ? [{ label: `${info.max + 1} entries`, value: Array(info.max + 1).fill("1"), key: "validation.tooMany", params: { max: info.max } }] : []),
        { label: "a 100 kB entry", value: [HUGE] },
        { label: "a NUL entry", value: [NUL] },
        { label: "a lone surrogate entry", value: [SURROGATE] },
      ];
  }
}

type Case = { command: AnyDoor; file: string; actor: string | null; fields: { name: string; schema: Schema; found: Found; optional: boolean; sample: unknown }[] };

let cases: Case[] = [];
let tables: string[] = [];
let h: Awaited<ReturnType<typeof setupTestDb>>;
let fx: Awaited<ReturnType<typeof seedBase>>;

beforeAll(async () => {
  h = await setupTestDb();
  fx = await seedBase(h.db);
  const rows = await queryRows<{ t: string }>(h.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  // runCommand signs each actor in once (a session row): that is the test's doing, not the command's.
  tables = rows.map((r) => r.t).filter((t) => t !== "user_sessions");
});

async function loadCases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const file of commandFiles(LIB)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const command of Object.values(mod).filter(isCommand)) {
      const actor = "door" in command ? null : HOLDER[(PERMISSIONS[command.permission as Permission] as readonly NetworkRole[])[0]];
      const shape = (command.schema as unknown as { shape?: Record<string, Schema> }).shape;
      expect(shape, `${command.name}: its schema is an object with named fields`).toBeTruthy();
      const fields = Object.entries(shape ?? {}).map(([name, schema]) => {
        const found = describeField(schema);
        const optional = schema.safeParse(undefined).success;
        const candidates = found ? sampleFor(found.info) : FIELD_CANDIDATES;
        const sample = found?.info.kind === "list" ? undefined : candidates.find((c) => schema.safeParse(c).success);
        return { name, schema, found, optional, sample };
      });
      out.push({ command, file: path.relative(LIB, file), actor, fields });
    }
  }
  return out;
}

/** The messages the pipeline put on `field` (or on its entries, "field.0", for a list). */
function errorsOn(res: ActionResult<unknown>, field: string): string[] | null {
  if (res.ok) return null;
  const fe = res.fieldErrors ?? {};
  const keys = Object.keys(fe).filter((k) => k === field || k.startsWith(`${field}.`));
  return keys.length ? keys.flatMap((k) => fe[k]) : null;
}

describe("hostile input, table-driven over every command's schema", () => {
  it("finds every command in lib/**/commands", async () => {
    cases = await loadCases();
    const names = cases.map((c) => c.command.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(40);
    expect(names).toEqual(expect.arrayContaining(["users.user.create", "users.password_reset.complete", "followup.ae.add", "enrolment.screening.record", "network.centre.add", "biobank.specimen.register", "studies.study.create"]));
    // Kernel fields carry their sample: a field whose kind is known but accepts none of its samples is mis-described.
    for (const c of cases) {
      for (const f of c.fields) {
        if (f.found && f.found.info.kind !== "list") expect(f.sample, `${c.command.name}.${f.name} (${f.found.info.kind}) accepts a well-formed value`).not.toBeUndefined();
      }
    }
  });

  it("refuses each hostile value with a message on that field, and writes nothing", async () => {
    const required = translate(null, "validation.required");
    const unexpected = translate(null, "errors.unexpected");
    const failures: string[] = [];
    let tried = 0;
    for (const c of cases) {
      const before = await countRows(h.db, tables);
      for (const f of c.fields) {
        for (const x of hostile(f.found?.info ?? null, f.sample)) {
          const where = `${c.command.name}.${f.name} ← ${x.label}`;
          tried += 1;
          const res = await runCommand(c.actor, c.command, { [f.name]: x.value });
          const errs = errorsOn(res, f.name);
          if (res.ok) {
            failures.push(`${where}: accepted`);
            continue;
          }
          if (res.message === unexpected || errs?.includes(unexpected)) {
            failures.push(`${where}: answered "could not be completed"`);
            continue;
          }
          if (x.blank && f.optional) {
            // Blank after normalisation is "not given": no error, or one that says what is wrong.
            if (errs?.includes(required)) failures.push(`${where}: an optional field called "required"`);
            continue;
          }
          if (!errs) {
            failures.push(`${where}: no error on the field (${JSON.stringify(res.fieldErrors).slice(0, 160)})`);
            continue;
          }
          if (!x.blank && errs.includes(required)) failures.push(`${where}: "required" although a value was sent`);
          else if (x.key && !f.found?.loose && !errs.includes(translate(null, x.key, x.params))) failures.push(`${where}: ${JSON.stringify(errs)} instead of "${translate(null, x.key, x.params)}"`);
        }
      }
      const after = await countRows(h.db, tables);
      if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${c.command.name}: rows were written`);
    }
    expect(failures).toEqual([]);
    // Every command, every field, several values each.
    expect(tried).toBeGreaterThan(1500);
    // Thousands of calls through the pipeline: the machine's load decides how long, not the code.
  }, 900_000);

  it("every message it expects exists in both languages", () => {
    for (const key of ["validation.single", "validation.text", "validation.tooLong", "validation.badCharacters", "validation.required", "validation.invalidId", "validation.wholeNumber", "validation.number", "validation.outOfRange", "validation.date", "validation.dateRange", "validation.dateTime", "validation.choice", "validation.email", "validation.tooMany", "validation.invalid"]) {
      for (const locale of ["zh-CN", "en"]) expect(translate(locale, key, { max: 1, min: 0, earliest: "a", latest: "b" }), `${locale} ${key}`).not.toBe(key);
    }
    expect(translate("en", "validation.badCharacters")).not.toBe(translate("zh-CN", "validation.badCharacters"));
  });
});

/**
 * The repros of issue 11, each with an otherwise valid input (the same input with the value
 * put right succeeds, so the refusal is the field's doing).
 */
describe("the reported hostile inputs", () => {
  const t = (key: string, params?: Record<string, string | number>) => translate(null, key, params);

  /** Refused with exactly `message` on `field`, nothing written; then the `fixed` input is accepted. */
  async function refusedThenFixed(actor: string, command: AnyCommand, bad: Record<string, unknown>, field: string, message: string, fixed?: Record<string, unknown>) {
    const before = await countRows(h.db, tables);
    const res = await runCommand(actor, command, bad);
    expect(res.ok).toBe(false);
    expect(res.ok ? null : res.fieldErrors?.[field]).toEqual([message]);
    expect(await countRows(h.db, tables)).toEqual(before);
    if (fixed) expect(await runCommand(actor, command, fixed)).toMatchObject({ ok: true });
  }

  it("a 100,011-character e-mail creates no user", async () => {
    const user = { name: "Long Mail", role: "site_staff", centreId: fx.org("R01").id, password: "temporary-pw-1" };
    const email = `${"a".repeat(100_000)}@ncrc.test`;
    expect(email.length).toBe(100_010);
    await refusedThenFixed("admin@ncrc.demo", createUserCommand, { ...user, email: `${email}x` }, "email", t("validation.tooLong", { max: 254 }), { ...user, email: "long.mail@ncrc.test" });
  });

  it("AE: participantId [99] is not coerced; ids 2147483648, abc, -5; date 0001-01-01; grade -1; NUL and lone surrogates in the term", async () => {
    const study = await createFollowupStudy(h.db, "REPRO-F", { enrolledOn: "2025-01-03" });
    const pid = study.atR01.id;
    const ae = {
      participantId: pid,
      term: "Neutropenia",
      category: "blood_lymphatic",
      grade: "2",
      onsetOn: "2025-02-01",
      endedOn: "",
      seriousCriteria: [],
      relatedness: "possible",
      actionTaken: "none",
      outcome: "recovered",
      awareAt: "2025-02-01T09:00",
    };
    const staff = "staff.rc1@ncrc.demo";
    await refusedThenFixed(staff, addAeCommand, { ...ae, participantId: [pid] }, "participantId", t("validation.single"));
    for (const id of [2147483648, "abc", -5, "-5"]) await refusedThenFixed(staff, addAeCommand, { ...ae, participantId: id }, "participantId", t("validation.invalidId"));
    await refusedThenFixed(staff, addAeCommand, { ...ae, onsetOn: "0001-01-01" }, "onsetOn", t("validation.dateRange", { earliest: "2000-01-01", latest: networkToday() }));
    await refusedThenFixed(staff, addAeCommand, { ...ae, grade: -1 }, "grade", t("validation.outOfRange", { min: 1, max: 5 }));
    await refusedThenFixed(staff, addAeCommand, { ...ae, term: "Neutro\u0000penia" }, "term", t("validation.badCharacters"));
    await refusedThenFixed(staff, addAeCommand, { ...ae, term: "Neutro\uD800penia" }, "term", t("validation.badCharacters"), ae);
  });

  it("a screening dated 1900-01-01 is refused with the plausible range", async () => {
    const study = await createFollowupStudy(h.db, "REPRO-S", { enrolledOn: "2025-01-03" });
    const screening = { studyId: study.study.id, siteId: study.site("R01").id, screenedOn: "1900-01-01", codes: ["I1", "I2", "E1"], answers: ["yes", "yes", "no"] };
    await refusedThenFixed("staff.rc1@ncrc.demo", screenCommand, screening, "screenedOn", t("validation.dateRange", { earliest: "2000-01-01", latest: networkToday() }), {
      ...screening,
      screenedOn: "2025-03-01",
    });
  });

  it("a centre name of only zero-width spaces is required; 100 kB names are too long; NUL and lone surrogates are bad characters", async () => {
    const centre = { parentId: fx.org("R01").id, code: "ZW01", nameZh: "零宽医院", nameEn: "Zero Width Hospital", level: "grassroots", province: "河北", city: "保定" };
    await refusedThenFixed("admin@ncrc.demo", addCentreCommand, { ...centre, nameZh: "\u200B\u200B\u200B" }, "nameZh", t("validation.required"));
    await refusedThenFixed("admin@ncrc.demo", addCentreCommand, { ...centre, nameEn: "x".repeat(100_000) }, "nameEn", t("validation.tooLong", { max: 200 }));
    await refusedThenFixed("admin@ncrc.demo", addCentreCommand, { ...centre, nameEn: "Zero\u0000Width" }, "nameEn", t("validation.badCharacters"), centre);
    const rename = { centreId: fx.org("R01").id, nameZh: "保定肿瘤医院", nameEn: "Baoding\uDC00 Hospital" };
    await refusedThenFixed("admin@ncrc.demo", renameCentreCommand, rename, "nameEn", t("validation.badCharacters"));
  });

  it("a study target of 0, 1e9 or -5 is out of range, with the range", async () => {
    const { study } = await createTestStudy(h.db, { code: "REPRO-T", status: "draft" });
    for (const target of [0, 1e9, -5, "0", "-5"]) {
      await refusedThenFixed("admin@ncrc.demo", setTargetCommand, { studyId: study.id, targetEnrolment: target }, "targetEnrolment", t("validation.outOfRange", { min: 1, max: 100_000 }));
    }
    await refusedThenFixed("admin@ncrc.demo", setTargetCommand, { studyId: study.id, targetEnrolment: "abc" }, "targetEnrolment", t("validation.wholeNumber"), { studyId: study.id, targetEnrolment: 250 });
  });
});
