import { describe, expect, it } from "vitest";
import type { CrfFormInstance } from "@/db/schema";
import type { EntryForm } from "@/lib/crf/instance-store";
import { checkRecords, instanceKey, type ImportContext } from "@/lib/exchange/records-import/check";
import { fileLines, parseCsv } from "@/lib/exchange/records-import/parse";
import { crfChoices, crfItem } from "@/lib/testing/crf-items";

/** Symptoms: a checkbox, a text item with missing codes; version 2 adds `severity`. */
const V1: EntryForm = {
  formId: 7,
  formVersionId: 70,
  version: 1,
  name: "symptoms",
  label: { zh: "症状", en: "Symptoms" },
  items: [crfItem("symptoms", { type: "checkbox", choices: crfChoices("cough", "fever", "pain") }), crfItem("note", { missingCodes: ["ND"] })],
  groups: [],
};
const V2: EntryForm = { ...V1, formVersionId: 71, version: 2, items: [...V1.items, crfItem("severity", { type: "integer", hardMin: "1", hardMax: "5" })] };

const stored = (over: Partial<CrfFormInstance>): CrfFormInstance =>
  ({ id: 1, participantId: 1, studyId: 1, eventId: 10, formId: 7, repeat: 1, formVersionId: 70, status: "in_progress", values: {}, missing: {}, version: 1, ...over }) as CrfFormInstance;

function ctx(instances: CrfFormInstance[]): ImportContext {
  return {
    inForce: V2,
    versions: new Map([
      [70, V1],
      [71, V2],
    ]),
    participants: new Map([["S-1", { id: 1, subjectCode: "S-1", centreId: 5, siteCode: "R01" }]]),
    events: new Map([
      ["baseline", { id: 10, name: "baseline", kind: "scheduled", visitCode: "BL", collects: true }],
      ["log", { id: 11, name: "log", kind: "log", visitCode: null, collects: true }],
    ]),
    instances: new Map(instances.map((i) => [instanceKey(i.participantId, i.eventId, i.repeat), i])),
    storedRows: new Map(),
    visitDates: new Map([["1:BL", "2025-01-05"]]),
    today: "2025-06-01",
    now: "2025-06-01 10:00",
  };
}

const table = (text: string, file = "symptoms.csv") => parseCsv(file, fileLines(text)).table!;
const HEADER = "subject,site,event,repeat,form_version,status,symptoms___cough,symptoms___fever,symptoms___pain,note,note__missing";

describe("checking a records file (pure)", () => {
  it("ticks and unticks checkbox choices column by column, keeping what the file leaves out", () => {
    const inst = stored({ values: { symptoms: ["cough", "pain"], note: "x" } });
    const out = checkRecords(ctx([inst]), table("subject,site,event,repeat,form_version,symptoms___fever,symptoms___pain\nS-1,R01,baseline,1,1,1,0"), []);
    expect(out.problems).toEqual([]);
    expect(out.saves).toHaveLength(1);
    expect(out.saves[0].ruled.values).toEqual({ symptoms: ["cough", "fever"], note: "x" });
    expect(out.saves[0].diff.changesSaved).toEqual(["symptoms"]);
    expect(out.needsReason).toBe(true);
  });

  it("a missing-data code replaces the value when the file has no value column for it, and an empty code clears it", () => {
    const inst = stored({ values: { note: "x" } });
    const coded = checkRecords(ctx([inst]), table("subject,site,event,repeat,form_version,note__missing\nS-1,R01,baseline,1,1,ND"), []);
    expect(coded.saves[0].ruled).toMatchObject({ values: {}, missing: { note: "ND" } });
    const cleared = checkRecords(ctx([stored({ missing: { note: "ND" } })]), table("subject,site,event,repeat,form_version,note__missing\nS-1,R01,baseline,1,1,"), []);
    expect(cleared.saves[0].ruled).toMatchObject({ values: {}, missing: {} });
  });

  it("new instances take the version in force; an item only in another version is a problem at its cell", () => {
    const text = `${HEADER},severity\nS-1,R01,log,1,2,,1,0,0,,,3\nS-1,R01,baseline,1,1,,0,0,0,,,4\nS-1,R01,log,2,2,,0,0,0,,,9`;
    const out = checkRecords(ctx([stored({})]), table(text), []);
    expect(out.problems.map((p) => [p.row, p.column, p.key])).toEqual([
      [3, "severity", "recordsImport.problems.notInVersion"],
      [4, "severity", "crf.entry.errors.hardLimit"],
    ]);
    const wrong = checkRecords(ctx([]), table(`${HEADER}\nS-1,R01,log,1,1,,1,0,0,,`), []);
    expect(wrong.problems.map((p) => [p.row, p.column, p.params])).toEqual([[2, "form_version", { expected: 2 }]]);
  });

  it("refuses a checkbox cell other than 1 or 0, a group file of no group, a status the import does not set", () => {
    const out = checkRecords(ctx([]), table(`${HEADER}\nS-1,R01,log,1,2,verified,yes,0,0,,`), [{ group: "doses", table: table("subject,site,event,repeat,row\n", "symptoms__doses.csv") }]);
    expect(out.problems.map((p) => [p.file, p.row, p.column, p.key])).toEqual([["symptoms__doses.csv", 1, "", "recordsImport.problems.unknownGroup"]]);
    const cells = checkRecords(ctx([]), table(`${HEADER}\nS-1,R01,log,1,2,verified,yes,0,0,,`), []);
    expect(cells.problems.map((p) => [p.row, p.column, p.key])).toEqual([
      [2, "status", "recordsImport.problems.statusVerified"],
      [2, "symptoms___cough", "recordsImport.problems.checkboxCell"],
    ]);
  });

  it("a new instance gets the participant's visit day; a row with nothing in it creates nothing", () => {
    const out = checkRecords(ctx([]), table(`${HEADER}\nS-1,R01,baseline,1,2,,1,0,0,,\nS-1,R01,log,1,2,,0,0,0,,`), []);
    expect(out.saves.map((s) => [s.event.name, s.event.visitDate])).toEqual([["baseline", "2025-01-05"]]);
    expect(out.unchanged).toBe(1);
  });
});
