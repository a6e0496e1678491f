import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, crfFormInstances, dataQueries, recordVersions, type CrfFormInstance } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { verifyFormCommand } from "@/lib/crf/commands/verify-form";
import { loadEntryForm } from "@/lib/crf/instance-store";
import { importRecordsCommand } from "@/lib/exchange/commands/import-records";
import { checkRecordsImport, type RecordsCheck } from "@/lib/exchange/queries/records-import";
import { columnsOf } from "@/lib/exchange/records-import/check";
import { fileLines } from "@/lib/exchange/records-import/parse";
import { FORM_KEY_COLUMNS, GROUP_KEY_COLUMNS } from "@/lib/exchange/tidy-shape";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { createCrfStudy, saveInput, type CrfStudy } from "@/lib/testing/crf-study";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";

const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI, VIEWER] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo"];
const TABLES = ["crf_form_instances", "record_versions", "queries", "query_events", "notifications", "audit_events"];
const VITALS_HEADER = [...FORM_KEY_COLUMNS, "sex", "pregnant", "weight", "weight__missing", "height", "bmi"];

let s: CrfStudy;
let p1: { id: number; code: string };
let p20: { id: number; code: string };
let key = 0;

const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
/** A CSV file's text from rows of cells, with a byte-order mark as the export writes it. */
const csvText = (rows: readonly (readonly string[])[]) => `\uFEFF${rows.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`;
const lines = (rows: readonly (readonly string[])[]) => fileLines(csvText(rows));

/** A vitals row: subject, site, event, repeat, form_version, status, then the item cells by name. */
function vitalsRow(subject: string, site: string, event: string, cells: Record<string, string>, o: { repeat?: string; version?: string; status?: string } = {}): string[] {
  return [subject, site, event, o.repeat ?? "1", o.version ?? "1", o.status ?? "", ...VITALS_HEADER.slice(6).map((c) => cells[c] ?? "")];
}

function importInput(rows: string[][], o: { header?: string[]; groups?: { group: string; rows: string[][] }[]; reason?: string; confirmSoft?: boolean; requestKey?: string; form?: keyof CrfStudy["forms"] } = {}) {
  return {
    studyId: s.study.id,
    formId: s.forms[o.form ?? "vitals"].formId,
    lines: lines([o.header ?? VITALS_HEADER, ...rows]),
    groups: (o.groups ?? []).map((g) => ({ group: g.group, lines: lines(g.rows) })),
    ...(o.reason === undefined ? {} : { reason: o.reason }),
    confirmSoft: o.confirmSoft ?? false,
    requestKey: o.requestKey ?? `import-request-${String(++key).padStart(6, "0")}`,
  };
}
const checkInput = (i: ReturnType<typeof importInput>) => ({ studyId: i.studyId, formId: i.formId, lines: i.lines, groups: i.groups });

async function dryRun(email: string, input: ReturnType<typeof importInput>) {
  await signInAs(h.db, email);
  const actor = (await getActor())!;
  const before = await countRows(h.db, TABLES);
  const out = await checkRecordsImport(actor, checkInput(input));
  expect(await countRows(h.db, TABLES)).toEqual(before);
  return out as RecordsCheck | null;
}

async function refusedUnchanged(email: string, input: unknown, fields?: string[]) {
  const before = await countRows(h.db, TABLES);
  const r = await runCommand(email, importRecordsCommand, input);
  expectRefused(r, fields);
  expect(await countRows(h.db, TABLES)).toEqual(before);
  return r;
}

const instanceOf = async (participantId: number, event: keyof CrfStudy["events"], form: keyof CrfStudy["forms"], repeat = 1): Promise<CrfFormInstance | null> => {
  const [i] = await h.db
    .select()
    .from(crfFormInstances)
    .where(and(eq(crfFormInstances.participantId, participantId), eq(crfFormInstances.eventId, s.events[event].id), eq(crfFormInstances.formId, s.forms[form].formId), eq(crfFormInstances.repeat, repeat)));
  return i ?? null;
};
const versionsOf = (instanceId: number) => h.db.select().from(recordVersions).where(and(eq(recordVersions.entityType, "crf_form"), eq(recordVersions.entityId, instanceId))).orderBy(recordVersions.version);
const where = (c: RecordsCheck | null) => (c?.problems ?? []).map((p) => [p.row, p.column, p.key]);

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "RIMP");
  p1 = { id: s.atR01.id, code: s.atR01.subjectCode };
  p20 = { id: s.atR20.id, code: s.atR20.subjectCode };
});

describe("bulk import of records: the dry run", () => {
  it("reports each problem at its row and column, and writes nothing", async () => {
    const input = importInput([
      vitalsRow("NOPE-0001", "R01", "baseline", { sex: "1" }),
      vitalsRow(p20.code, "R20", "baseline", { sex: "1" }),
      vitalsRow(p1.code, "R20", "baseline", { sex: "1" }),
      vitalsRow(p1.code, "R01", "week6", { sex: "1", weight: "401" }),
      vitalsRow(p1.code, "R01", "unscheduled", { sex: "1", pregnant: "1" }),
      vitalsRow(p1.code, "R01", "conmeds", { sex: "1" }),
      vitalsRow(p1.code, "R01", "unscheduled", { sex: "1" }, { repeat: "2", version: "2" }),
      vitalsRow(p1.code, "R01", "unscheduled", { sex: "1", weight: "70", height: "175", bmi: "50" }, { repeat: "3" }),
      vitalsRow(p1.code, "R01", "baseline", { weight: "70", weight__missing: "NA" }),
      vitalsRow(p1.code, "R01", "week6", { sex: "1" }, { repeat: "2" }),
      vitalsRow(p1.code, "R01", "unscheduled", { sex: "1" }, { repeat: "4", status: "done" }),
      vitalsRow(p1.code, "R01", "unscheduled", { sex: "1" }, { repeat: "3" }),
    ]);
    const c = await dryRun(RC1, input);
    expect(where(c)).toEqual([
      [2, "subject", "recordsImport.problems.unknownParticipant"],
      // Another site's participant reads exactly as an unknown one.
      [3, "subject", "recordsImport.problems.unknownParticipant"],
      [4, "site", "recordsImport.problems.wrongSite"],
      [5, "weight", "crf.entry.errors.hardLimit"],
      [6, "pregnant", "recordsImport.problems.hiddenItem"],
      [7, "event", "recordsImport.problems.unknownEvent"],
      [8, "form_version", "recordsImport.problems.wrongFormVersion"],
      [9, "bmi", "recordsImport.problems.calcDiffers"],
      [10, "weight__missing", "crf.entry.errors.missingNotAllowed"],
      [11, "repeat", "recordsImport.problems.repeatScheduled"],
      [12, "status", "recordsImport.problems.badStatus"],
      [13, "subject", "recordsImport.problems.duplicateRow"],
    ]);
    expect(c!.problems[7].params).toEqual({ value: "22.9" });
    expect(c!.problems[6].params).toEqual({ expected: 1 });
    // The real run refuses the same file whole.
    await refusedUnchanged(RC1, input);
  });

  it("refuses columns the form does not have and a group file of no group of the form", async () => {
    const c = await dryRun(RC1, importInput([[...vitalsRow(p1.code, "R01", "baseline", {}), "", ""]], { header: [...VITALS_HEADER, "nonsense", "height__missing"] }));
    // height allows no missing codes but the column is the item's (the rules refuse a code in it); "nonsense" is no column.
    expect(where(c)).toEqual([[1, "nonsense", "recordsImport.problems.unknownColumn"]]);
    const g = await dryRun(RC1, importInput([vitalsRow(p1.code, "R01", "baseline", {})], { groups: [{ group: "lesions", rows: [[...GROUP_KEY_COLUMNS, "diameter"]] }] }));
    expect(where(g)).toEqual([[1, "", "recordsImport.problems.unknownGroup"]]);
    const missingKey = await dryRun(RC1, importInput([["1"]], { header: ["sex"] }));
    expect(where(missingKey).map((p) => p[1])).toEqual(["subject", "site", "event", "repeat", "form_version"]);
  });

  it("is refused to the viewer and the monitor (they enter no data)", async () => {
    const input = importInput([vitalsRow(p1.code, "R01", "baseline", { sex: "1" })]);
    expect(await dryRun(VIEWER, input)).toBeNull();
    expect(await dryRun(MONITOR, input)).toBeNull();
  });
});

describe("bulk import of records: the real run", () => {
  it("imports a good file: instances with their record versions and audit; the same file again changes nothing", async () => {
    const rows = [vitalsRow(p20.code, "R20", "baseline", { sex: "1", weight: "70", height: "+175" }, { status: "in_progress" }), vitalsRow(p20.code, "R20", "unscheduled", { sex: "2", pregnant: "0", weight: "" }, { repeat: "2" })];
    const check = await dryRun(RC20, importInput(rows));
    expect(check).toMatchObject({ problemCount: 0, warningCount: 0, rows: 2, create: 2, change: 0, unchanged: 0, needsReason: false });

    const before = await countRows(h.db, TABLES);
    const out = expectOk(await runCommand(RC20, importRecordsCommand, importInput(rows)));
    expect(out).toEqual({ created: 2, changed: 0, unchanged: 0, raisedQueries: 0 });
    const base = await instanceOf(p20.id, "baseline", "vitals");
    expect(base).toMatchObject({ values: { sex: "1", weight: "70.0", height: "175", bmi: "22.9" }, status: "in_progress", version: 1, formVersionId: s.forms.vitals.formVersionId });
    expect(await instanceOf(p20.id, "unscheduled", "vitals", 2)).toMatchObject({ values: { sex: "2", pregnant: "0" }, version: 1 });
    expect(await versionsOf(base!.id)).toMatchObject([{ version: 1, reason: null, changedFields: [] }]);
    const after = await countRows(h.db, TABLES);
    expect(after.crf_form_instances - before.crf_form_instances).toBe(2);
    expect(after.record_versions - before.record_versions).toBe(2);
    // One event per form entered, as the form page writes, and one for the import.
    expect(after.audit_events - before.audit_events).toBe(3);
    const [event] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "exchange.records.imported"));
    expect(event).toMatchObject({ entityType: "study", entityId: String(s.study.id), studyId: s.study.id });
    expect(event.after).toEqual({ form: "vitals", rows: 2, instancesCreated: 2, instancesChanged: 0, instancesUnchanged: 0, raisedQueries: 0, groupFiles: [] });

    // Again: nothing changes, no version is written; only the import itself is on the trail.
    const again = expectOk(await runCommand(RC20, importRecordsCommand, importInput(rows)));
    expect(again).toEqual({ created: 0, changed: 0, unchanged: 2, raisedQueries: 0 });
    const third = await countRows(h.db, TABLES);
    expect({ ...third, audit_events: third.audit_events - 1 }).toEqual(after);
  });

  it("writes nothing when one row of the file is bad", async () => {
    const good = vitalsRow(p1.code, "R01", "week6", { sex: "1", weight: "80" });
    const bad = vitalsRow(p1.code, "R01", "unscheduled", { sex: "1", height: "20" });
    const r = await refusedUnchanged(RC1, importInput([good, bad]));
    expect(r.ok ? null : r.message).toMatch(/1/);
    expect(await instanceOf(p1.id, "week6", "vitals")).toBeNull();
  });

  it("answers a replay of the same request key with the stored result, writing nothing", async () => {
    const input = importInput([vitalsRow(p1.code, "R01", "week6", { sex: "1", height: "180" })]);
    expectOk(await runCommand(RC1, importRecordsCommand, input));
    const before = await countRows(h.db, TABLES);
    const replay = await runCommand(RC1, importRecordsCommand, input);
    expect(replay).toMatchObject({ ok: true, replayed: true, data: { created: 1 } });
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("needs a reason to change saved values, then versions each changed form with it", async () => {
    const header = [...FORM_KEY_COLUMNS, "weight"];
    const add = importInput([[p1.code, "R01", "week6", "1", "1", "", "72"]], { header });
    // week6 has height 180 and no weight yet: adding a value changes no saved one.
    expect(await dryRun(RC1, add)).toMatchObject({ problemCount: 0, change: 1, create: 0, unchanged: 0, needsReason: false });
    expect(expectOk(await runCommand(RC1, importRecordsCommand, add))).toMatchObject({ changed: 1 });
    const inst = await instanceOf(p1.id, "week6", "vitals");
    expect(inst).toMatchObject({ values: { sex: "1", height: "180", weight: "72.0", bmi: "22.2" }, version: 2 });

    const change = importInput([[p1.code, "R01", "week6", "1", "1", "", "75"]], { header });
    expect(await dryRun(RC1, change)).toMatchObject({ problemCount: 0, change: 1, needsReason: true });
    await refusedUnchanged(RC1, change, ["reason"]);
    const changed = expectOk(await runCommand(RC1, importRecordsCommand, { ...change, requestKey: "reason-given-0001", reason: "Transcription error" }));
    expect(changed).toMatchObject({ changed: 1, created: 0 });
    const v = await versionsOf(inst!.id);
    expect(v.map((x) => [x.version, x.reason, x.changedFields])).toEqual([
      [1, null, []],
      [2, "补充录入 / Values added", ["bmi", "weight"]],
      [3, "Transcription error", ["bmi", "weight"]],
    ]);
    const [ev] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "crf_form"), eq(auditEvents.entityId, String(inst!.id)), eq(auditEvents.action, "crf.form.changed"))).orderBy(auditEvents.id);
    expect(ev).toBeTruthy();
  });

  it("reports a soft-limit breach as a warning; imports it only when confirmed, raising a query", async () => {
    const input = (o: { confirmSoft?: boolean } = {}) => importInput([vitalsRow(p1.code, "R01", "unscheduled", { sex: "1", weight: "25" }, { repeat: "5" })], o);
    const c = await dryRun(RC1, input());
    expect(c).toMatchObject({ problemCount: 0, warningCount: 1, create: 1 });
    expect(c!.warnings.map((w) => [w.row, w.column, w.key, w.severity])).toEqual([[2, "weight", "crf.entry.errors.softLimit", "warning"]]);
    await refusedUnchanged(RC1, input(), ["confirmSoft"]);
    const before = await countRows(h.db, TABLES);
    expect(expectOk(await runCommand(RC1, importRecordsCommand, input({ confirmSoft: true })))).toMatchObject({ created: 1, raisedQueries: 1 });
    const after = await countRows(h.db, TABLES);
    expect(after.queries - before.queries).toBe(1);
    const inst = await instanceOf(p1.id, "unscheduled", "vitals", 5);
    const [q] = await h.db.select().from(dataQueries).where(and(eq(dataQueries.entityType, "crf_form"), eq(dataQueries.entityId, inst!.id)));
    expect(q).toMatchObject({ field: "weight", status: "open", raisedBy: s.study.piUserId });
  });

  it("refuses another site's staff, the viewer and the monitor: nothing written", async () => {
    const input = importInput([vitalsRow(p1.code, "R01", "unscheduled", { sex: "1" }, { repeat: "9" })]);
    await refusedUnchanged(RC20, input);
    await refusedUnchanged(VIEWER, input);
    await refusedUnchanged(MONITOR, input);
    expect(await instanceOf(p1.id, "unscheduled", "vitals", 9)).toBeNull();
    // The study's PI enters for every site of the study.
    expect(expectOk(await runCommand(PI, importRecordsCommand, input))).toMatchObject({ created: 1 });
  });

  it("refuses changing a verified form; the same values again are no change", async () => {
    // Marked complete through the status column (no saved value changes: no reason), then verified.
    const done = importInput([vitalsRow(p20.code, "R20", "baseline", { sex: "1", weight: "70", height: "175" }, { status: "complete" })]);
    expect(expectOk(await runCommand(RC20, importRecordsCommand, done))).toMatchObject({ changed: 1 });
    const inst = (await instanceOf(p20.id, "baseline", "vitals"))!;
    expect(inst).toMatchObject({ status: "complete", version: 2 });
    expectOk(await runCommand(MONITOR, verifyFormCommand, { instanceId: inst.id, expectedVersion: inst.version }));
    const same = importInput([vitalsRow(p20.code, "R20", "baseline", { sex: "1", weight: "70.0", height: "175", bmi: "22.9" }, { status: "verified" })]);
    expect(await dryRun(RC20, same)).toMatchObject({ problemCount: 0, unchanged: 1 });
    const changed = importInput([vitalsRow(p20.code, "R20", "baseline", { sex: "1", weight: "71", height: "175" }, { status: "verified" })], { reason: "x" });
    expect(where(await dryRun(RC20, changed))).toEqual([[2, "status", "recordsImport.problems.verified"]]);
    await refusedUnchanged(RC20, changed);
  });
});

describe("bulk import of records: a round trip", () => {
  /** The tidy shape of one form's stored instances (a tiny serializer of the export's shape): the form file and its group files. */
  async function tidy(form: keyof CrfStudy["forms"]) {
    const def = (await loadEntryForm(h.db, s.forms[form].formId, s.forms[form].formVersionId))!;
    const insts = await h.db.select().from(crfFormInstances).where(eq(crfFormInstances.formId, s.forms[form].formId)).orderBy(crfFormInstances.id);
    const subject = new Map([
      [p1.id, [p1.code, "R01"]],
      [p20.id, [p20.code, "R20"]],
    ]);
    const eventName = new Map(Object.values(s.events).map((e) => [e.id, e.name]));
    const cell = (values: Record<string, unknown>, missing: Record<string, string>, prefix: string, column: string, col: ReturnType<typeof columnsOf> extends Map<string, infer C> ? C : never) => {
      const v = values[col.item.name];
      if (col.kind === "missing") return missing[`${prefix}${col.item.name}`] ?? "";
      if (col.kind === "checkbox") return Array.isArray(v) && v.includes(col.code) ? "1" : "0";
      return typeof v === "string" ? v : "";
    };
    const formCols = [...columnsOf(def, null)];
    const formRows = [[...FORM_KEY_COLUMNS, ...formCols.map(([c]) => c)]];
    const groupFiles = (def.groups ?? []).map((g) => ({ group: g.name, cols: [...columnsOf(def, g)], rows: [] as string[][] }));
    for (const g of groupFiles) g.rows.push([...GROUP_KEY_COLUMNS, ...g.cols.map(([c]) => c)]);
    for (const i of insts) {
      const [code, site] = subject.get(i.participantId)!;
      const key = [code, site, eventName.get(i.eventId)!, String(i.repeat)];
      formRows.push([...key, "1", i.status, ...formCols.map(([c, col]) => cell(i.values, i.missing, "", c, col))]);
      for (const g of groupFiles) {
        const list = Array.isArray(i.values[g.group]) ? (i.values[g.group] as Record<string, unknown>[]) : [];
        list.forEach((row, n) => g.rows.push([...key, String(n + 1), ...g.cols.map(([c, col]) => cell(row, i.missing, `${g.group}.${n + 1}.`, c, col))]));
      }
    }
    return { formRows, groups: groupFiles.map((g) => ({ group: g.group, rows: g.rows })) };
  }

  it("imports what the tidy shape of the stored instances says: no change, no new version", async () => {
    const tumour = { participantId: p1.id, event: "baseline" as const, form: "tumour" as const };
    expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { ...tumour, values: { assessed: "1", lesions: [{ site: "lung", diameter: "30" }, { site: "node", diameter: "15", short_axis: "12" }] }, complete: true })));
    expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: p1.id, event: "baseline", form: "vitals", values: { sex: "2", pregnant: "0", height: "160" }, missing: { weight: "UNK" } })));
    for (const form of ["vitals", "tumour"] as const) {
      const t = await tidy(form);
      const input = { ...importInput(t.formRows.slice(1), { header: t.formRows[0], groups: t.groups, form }), requestKey: `round-trip-${form}-0001` };
      const check = await dryRun(PI, input);
      expect(check!.problems).toEqual([]);
      expect(check).toMatchObject({ problemCount: 0, warningCount: 0, create: 0, change: 0, needsReason: false });
      expect(check!.unchanged).toBe(t.formRows.length - 1);
      const before = await countRows(h.db, TABLES);
      expect(expectOk(await runCommand(PI, importRecordsCommand, input))).toMatchObject({ created: 0, changed: 0 });
      const after = await countRows(h.db, TABLES);
      expect({ ...after, audit_events: after.audit_events - 1 }).toEqual(before);
    }
  });

  it("changes one group row's cell through the group file, keeping the other rows", async () => {
    const header = [...GROUP_KEY_COLUMNS, "diameter"];
    const input = importInput([[p1.code, "R01", "baseline", "1", "1", ""]], {
      form: "tumour",
      header: [...FORM_KEY_COLUMNS],
      groups: [{ group: "lesions", rows: [header, [p1.code, "R01", "baseline", "1", "2", "18"]] }],
      reason: "Re-measured",
    });
    expect(expectOk(await runCommand(RC1, importRecordsCommand, input))).toMatchObject({ changed: 1 });
    const inst = await instanceOf(p1.id, "baseline", "tumour");
    expect(inst!.values).toEqual({ assessed: "1", sum_diameters: "48", lesions: [{ site: "lung", diameter: "30" }, { site: "node", diameter: "18", short_axis: "12" }] });
    expect(inst!.status).toBe("complete");
    // A value for a row beyond the group's rows, and for an item branching hides in that row.
    const bad = importInput([[p1.code, "R01", "baseline", "1", "1", ""]], {
      form: "tumour",
      header: [...FORM_KEY_COLUMNS],
      groups: [{ group: "lesions", rows: [[...GROUP_KEY_COLUMNS, "site__item", "short_axis"], [p1.code, "R01", "baseline", "1", "11", "lung", ""], [p1.code, "R01", "baseline", "1", "1", "lung", "5"]] }],
    });
    const c = await dryRun(RC1, bad);
    expect(c!.problems.map((p) => [p.file, p.row, p.column, p.key])).toEqual([
      ["tumour__lesions.csv", 2, "row", "recordsImport.problems.groupRow"],
      ["tumour__lesions.csv", 3, "short_axis", "recordsImport.problems.hiddenItem"],
    ]);
  });
});
