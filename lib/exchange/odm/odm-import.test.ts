import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { importDictionaryCommand } from "@/lib/crf/commands/import-dictionary";
import { parseDictionaryCsv } from "@/lib/crf/dictionary/csv";
import { importOdmCommand } from "@/lib/exchange/commands/import-odm";
import { odmLines } from "@/lib/exchange/odm/fields";
import { checkOdmImport } from "@/lib/exchange/queries/odm-import";
import { odmMetadata } from "@/lib/exchange/queries/odm-metadata";
import { SAMPLE_DICTIONARY } from "@/lib/testing/crf-dictionary";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { formsPart, xmllintErrors } from "@/lib/testing/odm-schema";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";

/**
 * ODM metadata import (issue 15): an imported REDCap dictionary exported as ODM validates and
 * imports into another draft study as the same forms; the dry run writes nothing; a malformed
 * file, an unknown DataType, a file with a DOCTYPE, a study that is not a draft or not the
 * actor's are refused with their reason, and nothing is written.
 */
const h = await setupTestDb();
const NOW = new Date("2026-03-01T08:00:00.000Z");
const TABLES = ["crf_forms", "crf_form_versions", "crf_sections", "crf_items", "crf_item_choices", "crf_repeating_groups", "protocol_versions", "audit_events"];
const [PI, OTHER_PI, VIEWER, RC1] = ["pi@ncrc.demo", "pi.odm2@ncrc.demo", "viewer@ncrc.demo", "staff.rc1@ncrc.demo"];
let source: TestStudy;
let target: TestStudy;
let recruiting: TestStudy;
let foreign: TestStudy;
let dictionaryOdm: string;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};

async function refusedUnchanged(actor: string, input: unknown) {
  const before = await countRows(h.db, TABLES);
  const r = await runCommand(actor, importOdmCommand, input);
  expectRefused(r);
  expect(await countRows(h.db, TABLES)).toEqual(before);
  return r.ok ? "" : r.message;
}

beforeAll(async () => {
  await seedBase(h.db);
  const [pi] = await h.db.select().from(users).where(eq(users.email, PI));
  await h.db.insert(users).values({ ...pi, id: undefined, email: OTHER_PI });
  source = await createTestStudy(h.db, { code: "ODM-SRC", status: "draft", design: "single_arm" });
  target = await createTestStudy(h.db, { code: "ODM-DST", status: "draft", design: "single_arm" });
  recruiting = await createTestStudy(h.db, { code: "ODM-REC", design: "single_arm" });
  foreign = await createTestStudy(h.db, { code: "ODM-OTH", status: "draft", design: "single_arm", pi: OTHER_PI });
  expectOk(await runCommand(PI, importDictionaryCommand, { studyId: source.study.id, rows: parseDictionaryCsv(SAMPLE_DICTIONARY).rows }));
  dictionaryOdm = (await odmMetadata(await me(PI), source.study.id, NOW))!.xml;
});

describe("an imported REDCap dictionary as ODM", () => {
  it("validates against the official schema, every field type in it", () => {
    expect(xmllintErrors(dictionaryOdm, "dictionary-metadata")).toBe("");
    for (const t of ["slider", "checkbox", "truefalse", "descriptive", "longtext", "calc"]) expect(dictionaryOdm).toContain(`<Alias Context="NCRC:item_type" Name="${t}"/>`);
  });

  it("a dry run lists the forms it would write and writes nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const check = await checkOdmImport(await me(PI), target.study.id, odmLines(dictionaryOdm));
    expect(check).toEqual({ problems: [], forms: [{ name: "demographics", items: 15, groups: 0 }, { name: "medical_history", items: 6, groups: 0 }] });
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("imports into a draft study, once for a request key, and exports again the same", async () => {
    const before = await countRows(h.db, TABLES);
    const input = { studyId: target.study.id, lines: odmLines(dictionaryOdm), requestKey: "odm-import-key-000000000001" };
    const r = expectOk(await runCommand(PI, importOdmCommand, input));
    expect(r.forms).toEqual([{ name: "demographics", items: 15, groups: 0 }, { name: "medical_history", items: 6, groups: 0 }]);
    const after = await countRows(h.db, TABLES);
    expect(after.crf_items).toBe(before.crf_items + 21);
    expect(after.audit_events).toBe(before.audit_events + 1);
    expect(expectOk(await runCommand(PI, importOdmCommand, input))).toEqual(r);
    expect(await countRows(h.db, TABLES)).toEqual(after);
    const again = (await odmMetadata(await me(PI), target.study.id, NOW))!.xml;
    expect(formsPart(again)).toEqual(formsPart(dictionaryOdm));
    // The same file again: every form is already in the study, named where it is.
    const check = await checkOdmImport(await me(PI), target.study.id, odmLines(dictionaryOdm));
    expect(check?.problems.length).toBeGreaterThan(0);
    expect(check?.problems[0]).toMatchObject({ key: "crf.dictionary.problems.nameInStudy", element: "ItemDef IT.demographics.record_id" });
  });
});

describe("refusals: a clear reason, nothing written", () => {
  it("malformed XML: the line of the break", async () => {
    const broken = dictionaryOdm.replace("</FormDef>", "</FormDeff>");
    const check = await checkOdmImport(await me(PI), foreign.study.id, odmLines(broken));
    expect(check).toBeNull();
    const mine = await createTestStudy(h.db, { code: "ODM-BAD", status: "draft", design: "single_arm" });
    const c = await checkOdmImport(await me(PI), mine.study.id, odmLines(broken));
    const line = broken.slice(0, broken.indexOf("</FormDeff>")).split("\n").length;
    expect(c?.problems).toEqual([expect.objectContaining({ key: "odm.problems.malformed", line })]);
    const message = await refusedUnchanged(PI, { studyId: mine.study.id, lines: odmLines(broken) });
    expect(message).toContain(String(line));
    expect(await refusedUnchanged(PI, { studyId: mine.study.id, lines: odmLines("<ODM") })).not.toBe("");
    expect(await refusedUnchanged(PI, { studyId: mine.study.id, lines: odmLines("<?xml version=\"1.0\"?><!DOCTYPE ODM [<!ENTITY a \"aaaa\">]><ODM>&a;</ODM>") })).not.toBe("");
    expect((await checkOdmImport(await me(PI), mine.study.id, odmLines("<html><body/></html>")))?.problems[0].key).toBe("odm.problems.notOdm");
  });

  it("an unknown DataType: the item's element and line", async () => {
    const mine = await createTestStudy(h.db, { code: "ODM-DT", status: "draft", design: "single_arm" });
    const odd = dictionaryOdm
      .replace('<ItemDef OID="IT.demographics.email" Name="email" DataType="text"', '<ItemDef OID="IT.demographics.email" Name="email" DataType="hexBinary"')
      .replace(/(<ItemDef OID="IT\.demographics\.email"[\s\S]*?)<Alias Context="NCRC:item_type" Name="text"\/>/, "$1");
    expect(xmllintErrors(odd, "hexbinary")).toBe("");
    const c = await checkOdmImport(await me(PI), mine.study.id, odmLines(odd));
    const line = odd.slice(0, odd.indexOf('<ItemDef OID="IT.demographics.email"')).split("\n").length;
    expect(c?.problems).toEqual([{ line, element: "ItemDef IT.demographics.email", key: "odm.problems.unknownDataType", params: { dataType: "hexBinary" } }]);
    await refusedUnchanged(PI, { studyId: mine.study.id, lines: odmLines(odd) });
  });

  it("a branching logic naming no item: the dictionary rule, on the ItemDef", async () => {
    const mine = await createTestStudy(h.db, { code: "ODM-BR", status: "draft", design: "single_arm" });
    const odd = dictionaryOdm.replace('[sex] = "0"', '[no_such_item] = "0"');
    const c = await checkOdmImport(await me(PI), mine.study.id, odmLines(odd));
    expect(c?.problems).toEqual([expect.objectContaining({ element: "ItemDef IT.demographics.given_birth", params: expect.objectContaining({ field: "Branching Logic (Show field only if...)" }) })]);
    await refusedUnchanged(PI, { studyId: mine.study.id, lines: odmLines(odd) });
  });

  it("a study that is not a draft, another PI's study, a viewer, a site's staff", async () => {
    const c = await checkOdmImport(await me(PI), recruiting.study.id, odmLines(dictionaryOdm));
    expect(c?.problems[0]).toEqual({ line: 1, element: "", key: "odm.problems.notDraft" });
    expect(await refusedUnchanged(PI, { studyId: recruiting.study.id, lines: odmLines(dictionaryOdm) })).toMatch(/draft|草稿/);
    expect(await checkOdmImport(await me(PI), foreign.study.id, odmLines(dictionaryOdm))).toBeNull();
    await refusedUnchanged(PI, { studyId: foreign.study.id, lines: odmLines(dictionaryOdm) });
    expect(await checkOdmImport(await me(VIEWER), source.study.id, odmLines(dictionaryOdm))).toBeNull();
    await refusedUnchanged(VIEWER, { studyId: foreign.study.id, lines: odmLines(dictionaryOdm) });
    await refusedUnchanged(RC1, { studyId: foreign.study.id, lines: odmLines(dictionaryOdm) });
  });
});
