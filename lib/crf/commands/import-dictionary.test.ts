import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { crfFormVersions, crfForms, protocolVersions, users } from "@/db/schema";
import { importDictionaryCommand } from "@/lib/crf/commands/import-dictionary";
import { parseDictionaryCsv } from "@/lib/crf/dictionary/csv";
import { checkDictionary, exportDictionary } from "@/lib/crf/queries/dictionary";
import { createSession, loadActorBySession } from "@/lib/auth/sessions";
import { row, SAMPLE_DICTIONARY } from "@/lib/testing/crf-dictionary";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";
import { networkToday } from "@/lib/time/network-day";
import type { Actor } from "@/lib/authz/actor";

const h = await setupTestDb();
const TABLES = ["crf_forms", "crf_form_versions", "crf_sections", "crf_items", "crf_item_choices", "protocol_versions", "audit_events"];
const { rows } = parseDictionaryCsv(SAMPLE_DICTIONARY);
let draft: TestStudy;
let other: TestStudy;
let recruiting: TestStudy;

async function actor(email: string): Promise<Actor> {
  const [u] = await h.db.select().from(users).where(eq(users.email, email));
  const sid = await createSession(h.db, u.id, u.sessionVersion);
  const a = await loadActorBySession(h.db, sid);
  if (!a) throw new Error(`no actor ${email}`);
  return a;
}

beforeAll(async () => {
  await seedBase(h.db);
  // A second PI of the network, who leads a study of their own.
  const [pi] = await h.db.select().from(users).where(eq(users.email, "pi@ncrc.demo"));
  await h.db.insert(users).values({ ...pi, id: undefined, email: "pi.sc2@ncrc.demo" });
  draft = await createTestStudy(h.db, { code: "CRF-DRAFT", status: "draft", design: "single_arm", team: [["monitor@ncrc.demo", "monitor"]] });
  other = await createTestStudy(h.db, { code: "CRF-DM", status: "draft", design: "single_arm", pi: "pi.sc2@ncrc.demo", team: [["monitor@ncrc.demo", "data_manager"]] });
  recruiting = await createTestStudy(h.db, { code: "CRF-REC", design: "single_arm" });
});

describe("importing a REDCap data dictionary", () => {
  it("a dry run reports the forms it would write, and writes nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const r = await checkDictionary(await actor("pi@ncrc.demo"), draft.study.id, rows);
    expect(r).toEqual({ problems: [], forms: [{ name: "demographics", items: 15 }, { name: "medical_history", items: 6 }] });
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses the whole dictionary when one row is refused, which the dry run names, and writes nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const bad = [...rows, row({ name: "scan", form: "medical_history", type: "file", label: "Scan" })];
    const check = await checkDictionary(await actor("pi@ncrc.demo"), draft.study.id, bad);
    expect(check?.problems).toEqual([{ row: rows.length + 2, column: "Field Type", key: "crf.dictionary.problems.refusedFile", params: { type: "file" } }]);
    const r = await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: draft.study.id, rows: bad });
    expectRefused(r);
    expect(r.ok ? "" : r.message).toContain(String(rows.length + 2));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("writes the forms of a draft study in place, and exports a dictionary equivalent to the original", async () => {
    const before = await countRows(h.db, TABLES);
    const r = expectOk(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: draft.study.id, rows }));
    expect(r).toEqual({ studyId: draft.study.id, protocolVersion: 1, forms: [{ name: "demographics", items: 15 }, { name: "medical_history", items: 6 }] });
    const after = await countRows(h.db, TABLES);
    expect(after.crf_forms - before.crf_forms).toBe(2);
    expect(after.crf_items - before.crf_items).toBe(21);
    expect(after.crf_sections - before.crf_sections).toBe(2);
    expect(after.crf_item_choices - before.crf_item_choices).toBe(14);
    expect(after.protocol_versions).toBe(before.protocol_versions);
    expect(after.audit_events - before.audit_events).toBe(1);
    const versions = await h.db.select({ pv: crfFormVersions.protocolVersionId }).from(crfFormVersions).innerJoin(crfForms, eq(crfForms.id, crfFormVersions.formId)).where(eq(crfForms.studyId, draft.study.id));
    expect(versions).toEqual([{ pv: draft.pv.id }, { pv: draft.pv.id }]);

    const exported = await exportDictionary(await actor("pi@ncrc.demo"), draft.study.id);
    expect(exported?.studyCode).toBe("CRF-DRAFT");
    expect(parseDictionaryCsv(exported!.csv)).toEqual({ rows, problems: [] });
  });

  it("refuses a second import of the same forms, naming each row", async () => {
    const before = await countRows(h.db, TABLES);
    const check = await checkDictionary(await actor("pi@ncrc.demo"), draft.study.id, rows);
    expect(check!.problems.filter((p) => p.key === "crf.dictionary.problems.nameInStudy")).toHaveLength(rows.length);
    expect(check!.problems.filter((p) => p.key === "crf.dictionary.problems.formInStudy").map((p) => p.row)).toEqual([2, 17]);
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: draft.study.id, rows }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("lets a data manager on the study's team import; a monitor on the team, another PI, a viewer and an admin may not", async () => {
    const before = await countRows(h.db, TABLES);
    const few = rows.slice(0, 3);
    expectRefused(await runCommand("monitor@ncrc.demo", importDictionaryCommand, { studyId: draft.study.id, rows: few }));
    expectRefused(await runCommand("pi.sc2@ncrc.demo", importDictionaryCommand, { studyId: draft.study.id, rows: few }));
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: other.study.id, rows: few }));
    expectRefused(await runCommand("viewer@ncrc.demo", importDictionaryCommand, { studyId: draft.study.id, rows: few }));
    expectRefused(await runCommand("admin@ncrc.demo", importDictionaryCommand, { studyId: draft.study.id, rows: few }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
    for (const email of ["pi.sc2@ncrc.demo", "viewer@ncrc.demo", "monitor@ncrc.demo"]) {
      expect(await exportDictionary(await actor(email), draft.study.id)).toBeNull();
      expect(await checkDictionary(await actor(email), draft.study.id, few)).toBeNull();
    }

    expectOk(await runCommand("monitor@ncrc.demo", importDictionaryCommand, { studyId: other.study.id, rows: few }));
    expect(parseDictionaryCsv((await exportDictionary(await actor("monitor@ncrc.demo"), other.study.id))!.csv).rows).toEqual(few);
  });

  it("refuses crafted input with a field error (and the dry run names its row and column), writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const id = draft.study.id;
    const nul = [{ ...rows[0] }, { ...rows[1], label: "a\u0000b" }];
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: id, rows: nul }), ["rows.1.label"]);
    expect((await checkDictionary(await actor("pi@ncrc.demo"), id, nul))!.problems).toEqual([{ row: 3, column: "Field Label", key: "validation.badCharacters" }]);
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: id, rows: [{ ...rows[0], extra: "x" }] }), ["rows.0"]);
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: id, rows: [{ ...rows[0], name: "x".repeat(300) }] }), ["rows.0.name"]);
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: id, rows: "record_id,demographics" }), ["rows.0"]);
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: [id], rows }), ["studyId"]);
    const injected = [row({ name: "x'); drop table crf_items; --", form: "f", type: "text", label: "x" })];
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: id, rows: injected }));
    expect((await checkDictionary(await actor("pi@ncrc.demo"), id, injected))!.problems.map((p) => p.key)).toEqual(["crf.dictionary.problems.badName"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("once recruiting, needs an amendment, and the forms belong to the new protocol version", async () => {
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: recruiting.study.id, rows }), ["amendmentDate"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const r = expectOk(
      await runCommand("pi@ncrc.demo", importDictionaryCommand, { studyId: recruiting.study.id, rows, amendmentDate: networkToday(), amendmentReason: "CRFs added" }),
    );
    expect(r.protocolVersion).toBe(2);
    const [pv2] = await h.db.select().from(protocolVersions).where(eq(protocolVersions.studyId, recruiting.study.id)).orderBy(protocolVersions.version).offset(1);
    expect(pv2.version).toBe(2);
    const versions = await h.db.select({ pv: crfFormVersions.protocolVersionId }).from(crfFormVersions).innerJoin(crfForms, eq(crfForms.id, crfFormVersions.formId)).where(eq(crfForms.studyId, recruiting.study.id));
    expect(versions.map((v) => v.pv)).toEqual([pv2.id, pv2.id]);
  });
});
