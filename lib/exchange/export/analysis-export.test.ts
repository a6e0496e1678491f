import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { crfItems, organisations } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { recordExportCommand } from "@/lib/exchange/commands/record-export";
import { dateShiftDays } from "@/lib/exchange/export/date-shift";
import { exportOptionsSchema } from "@/lib/exchange/export/options";
import { ExportRefused, writeAnalysisExport } from "@/lib/exchange/export/write";
import { FORM_KEY_COLUMNS, GROUP_KEY_COLUMNS } from "@/lib/exchange/tidy-shape";
import { addDays } from "@/lib/time/network-day";
import { createCrfStudy, saveInput, type CrfStudy } from "@/lib/testing/crf-study";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { readZip } from "@/lib/testing/zip-reader";

const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI, VIEWER, ADMIN] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo", "admin@ncrc.demo"];
let s: CrfStudy;
let other: CrfStudy;
let p1: number;
let p20: number;
let subject1: string;
let subject20: string;
let r20: number;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};

class Sink extends Writable {
  chunks: Buffer[] = [];
  _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.chunks.push(chunk);
    cb();
  }
  get buffer() {
    return Buffer.concat(this.chunks);
  }
}

const options = (o: Record<string, unknown> = {}) => ({ studyId: s.study.id, forms: [], events: [], sites: [], labels: "en", ...o });

/** An export as the pages run it: the audit command, then the streamed zip; the files by name. */
async function exportAs(email: string, o: Record<string, unknown> = {}) {
  const recorded = expectOk(await runCommand(email, recordExportCommand, options(o)));
  const sink = new Sink();
  const stats = await writeAnalysisExport(await me(email), recorded.options, sink);
  return { files: readZip(sink.buffer), stats, raw: sink.buffer };
}

const parse = (text: string) => {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const p = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(p.errors).toEqual([]);
  return { header: p.meta.fields ?? [], rows: p.data };
};

const save = async (email: string, o: Parameters<typeof saveInput>[1]) => expectOk(await runCommand(email, saveFormCommand, saveInput(s, o)));

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "EXPT");
  other = await createCrfStudy(h.db, "EXPO", { monitor: null });
  p1 = s.atR01.id;
  p20 = s.atR20.id;
  subject1 = s.atR01.subjectCode;
  subject20 = s.atR20.subjectCode;
  [{ id: r20 }] = await h.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, "R20"));
  await h.db.update(crfItems).set({ identifier: true }).where(and(eq(crfItems.formVersionId, s.forms.vitals.formVersionId), eq(crfItems.name, "email")));
  await save(RC1, { participantId: p1, event: "baseline", form: "vitals", values: { sex: "2", pregnant: "0", height: "160", visit_date: "2025-01-03", email: "li.hua@example.cn" }, missing: { weight: "ND" } });
  await save(RC1, { participantId: p1, event: "week6", form: "vitals", values: { sex: "2", pregnant: "0", weight: "61.5", height: "160", visit_date: "2025-02-14" } });
  await save(RC1, { participantId: p1, event: "baseline", form: "tumour", values: { assessed: "1", lesions: [{ site: "lung", diameter: "20" }, { site: "node", diameter: "15", short_axis: "11" }] } });
  await save(RC1, { participantId: p1, event: "conmeds", form: "conmed", repeat: 1, values: { drug: '阿司匹林, "肠溶" 片', dose: "100", started_on: "2025-01-05" } });
  await save(RC1, { participantId: p1, event: "conmeds", form: "conmed", repeat: 2, values: { drug: "Metformin", started_on: "2025-01-20" } });
  await save(RC20, { participantId: p20, event: "baseline", form: "vitals", values: { sex: "1", weight: "80", height: "180", visit_date: "2025-01-04" } });
});

/** The stored instances of a form, as the database holds them. */
async function stored(formId: number) {
  return queryRows<{ subject: string; site: string; event: string; repeat: number; form_version: number; status: string; values: Record<string, unknown>; missing: Record<string, string>; participant_id: number }>(
    h.db,
    sql`select p.subject_code as subject, o.code as site, e.name as event, i.repeat, fv.version as form_version, i.status::text as status, i.values, i.missing, i.participant_id
        from crf_form_instances i join participants p on p.id = i.participant_id join organisations o on o.id = p.centre_id
        join crf_events e on e.id = i.event_id join crf_form_versions fv on fv.id = i.form_version_id
        where i.form_id = ${formId} order by i.id`,
  );
}

describe("analysis export: the files read back into the stored values", () => {
  it("writes long form files, group files, a wide file, dictionary, codebook, four scripts and a README; the CSV parses back into every stored value", async () => {
    const { files, stats } = await exportAs(PI);
    expect([...files.keys()].sort()).toEqual(
      ["README.txt", "codebook.csv", "dictionary.csv", "forms/conmed.csv", "forms/tumour.csv", "forms/tumour__lesions.csv", "forms/vitals.csv", "read_r.R", "read_sas.sas", "read_spss.sps", "read_stata.do", "wide.csv"].sort(),
    );
    const vitals = parse(files.get("forms/vitals.csv")!);
    expect(vitals.header).toEqual([...FORM_KEY_COLUMNS, "sex", "pregnant", "weight", "weight__missing", "height", "bmi", "visit_date", "email"]);
    const want = await stored(s.forms.vitals.formId);
    expect(vitals.rows).toHaveLength(3);
    for (const [k, row] of vitals.rows.entries()) {
      const w = want[k];
      expect(row).toEqual({
        subject: w.subject, site: w.site, event: w.event, repeat: String(w.repeat), form_version: String(w.form_version), status: w.status,
        sex: w.values.sex ?? "", pregnant: w.values.pregnant ?? "", weight: w.values.weight ?? "", weight__missing: w.missing.weight ?? "",
        height: w.values.height ?? "", bmi: w.values.bmi ?? "", visit_date: w.values.visit_date ?? "", email: w.values.email ?? "",
      });
    }
    expect(vitals.rows[0]).toMatchObject({ subject: subject1, site: "R01", event: "baseline", weight: "", weight__missing: "ND", bmi: "" });

    const tumour = parse(files.get("forms/tumour.csv")!);
    expect(tumour.header).toEqual([...FORM_KEY_COLUMNS, "assessed", "sum_diameters"]);
    expect(tumour.rows).toEqual([expect.objectContaining({ subject: subject1, assessed: "1", sum_diameters: "35" })]);
    const lesions = parse(files.get("forms/tumour__lesions.csv")!);
    // The group's `site` item cannot share the key column's name.
    expect(lesions.header).toEqual([...GROUP_KEY_COLUMNS, "site__item", "diameter", "short_axis"]);
    expect(lesions.rows).toEqual([
      { subject: subject1, site: "R01", event: "baseline", repeat: "1", row: "1", site__item: "lung", diameter: "20", short_axis: "" },
      { subject: subject1, site: "R01", event: "baseline", repeat: "1", row: "2", site__item: "node", diameter: "15", short_axis: "11" },
    ]);

    const conmed = parse(files.get("forms/conmed.csv")!);
    expect(conmed.rows.map((r) => [r.repeat, r.drug, r.dose, r.started_on])).toEqual([
      ["1", '阿司匹林, "肠溶" 片', "100", "2025-01-05"],
      ["2", "Metformin", "", "2025-01-20"],
    ]);

    const wide = parse(files.get("wide.csv")!);
    expect(wide.rows.map((r) => r.subject).sort()).toEqual([subject1, subject20].sort());
    const w1 = wide.rows.find((r) => r.subject === subject1)!;
    expect(w1).toMatchObject({ site: "R01", baseline__sex: "2", baseline__weight__missing: "ND", week6__weight: "61.5", baseline__assessed: "1", conmeds__drug: '阿司匹林, "肠溶" 片', conmeds__drug__r2: "Metformin", unscheduled__sex: "" });
    // Repeating groups stay in their long files.
    expect(wide.header.some((c) => c.includes("diameter") && !c.includes("sum"))).toBe(false);
    expect(stats.rows).toBe(3 + 1 + 2 + 2 + 2);

    const dictionary = files.get("dictionary.csv")!;
    expect(dictionary.startsWith("\uFEFFVariable / Field Name")).toBe(true);
    expect(dictionary).toContain("short_axis");
    const codebook = parse(files.get("codebook.csv")!);
    expect(codebook.rows.find((r) => r.file === "forms/vitals.csv" && r.column === "sex")).toMatchObject({ type: "choice" });
    expect(codebook.rows.find((r) => r.file === "forms/vitals.csv" && r.column === "weight__missing")).toMatchObject({ type: "missing", values_en: "ND = Not done | UNK = Unknown" });
  });

  it("runs the R script with Rscript: values, dates and factors read back as stored", async () => {
    const { files } = await exportAs(PI, { labels: "zh" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ncrc-export-r-"));
    try {
      for (const [name, text] of files) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      const probe = [
        'source("read_r.R", encoding = "UTF-8")',
        "v <- data_vitals",
        'cat("class", class(v$visit_date), class(v$weight), class(v$height), class(v$sex.factor), "\\n")',
        'cat("dates", format(v$visit_date, "%Y-%m-%d"), "\\n")',
        'cat("weight", v$weight, "\\n")',
        'cat("sexlabel", as.character(v$sex.factor), "\\n")',
        'cat("missing", as.character(v$weight__missing.factor), "\\n")',
        'cat("label", attr(v$weight, "label"), "\\n")',
        'cat("drug", data_conmed$drug[1], "\\n")',
        'cat("lesion", data_tumour__lesions$site__item.factor, nrow(data_tumour__lesions), "\\n")',
        'cat("wide", nrow(data_wide), class(data_wide$week6__visit_date), "\\n")',
      ].join("\n");
      const out = execFileSync("Rscript", ["--vanilla", "-e", probe], { cwd: dir, encoding: "utf8" });
      const line = (k: string) => out.split("\n").find((l) => l.startsWith(`${k} `))?.slice(k.length + 1).trim();
      expect(line("class")).toBe("Date numeric integer factor");
      expect(line("dates")).toBe("2025-01-03 2025-02-14 2025-01-04");
      expect(line("weight")).toBe("NA 61.5 80");
      // The fixture's choice labels are the codes themselves (crfChoices).
      expect(line("sexlabel")).toBe("2 2 1");
      expect(line("missing")).toBe("未做 NA NA");
      expect(line("label")).toBe("中 weight (kg)");
      expect(line("drug")).toBe('阿司匹林, "肠溶" 片');
      expect(line("lesion")).toBe("1 3 2");
      expect(line("wide")).toBe("2 Date");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("analysis export: scope and audit", () => {
  it("site staff of another site get only their site's participants; the PI gets all; each export is one audit event with its options", async () => {
    const before = await countRows(h.db, ["audit_events"]);
    const { files } = await exportAs(RC20);
    expect((await countRows(h.db, ["audit_events"])).audit_events).toBe(before.audit_events + 1);
    for (const [name, text] of files) if (name.endsWith(".csv")) expect(text.includes(subject1)).toBe(false);
    expect(parse(files.get("forms/vitals.csv")!).rows.map((r) => r.subject)).toEqual([subject20]);
    expect(parse(files.get("wide.csv")!).rows.map((r) => r.subject)).toEqual([subject20]);
    expect(parse(files.get("forms/conmed.csv")!).rows).toEqual([]);

    await exportAs(PI, { forms: [s.forms.vitals.formId], sites: [r20], removeIdentifiers: "on", shiftDates: "on" });
    const [event] = await queryRows<{ action: string; actor_id: number; after: Record<string, unknown> }>(h.db, sql`select action, actor_id, after from audit_events order by id desc limit 1`);
    expect(event).toMatchObject({ action: "exchange.analysis.exported", after: { format: "csv", forms: ["vitals"], events: [], sites: ["R20"], removeIdentifiers: true, removeFreeText: false, shiftDates: true, labelLanguage: "en" } });
  });

  it("refuses the viewer and a monitor outside the study: no audit event, nothing streamed", async () => {
    const tables = ["audit_events"];
    const before = await countRows(h.db, tables);
    expectRefused(await runCommand(VIEWER, recordExportCommand, options()));
    expectRefused(await runCommand(MONITOR, recordExportCommand, { ...options(), studyId: other.study.id }));
    expect(await countRows(h.db, tables)).toEqual(before);
    const o = exportOptionsSchema.parse(options());
    for (const [email, studyId] of [[VIEWER, s.study.id], [MONITOR, other.study.id]] as const) {
      const sink = new Sink();
      await expect(writeAnalysisExport(await me(email), { ...o, studyId }, sink)).rejects.toBeInstanceOf(ExportRefused);
      expect(sink.buffer.length).toBe(0);
    }
    // The monitor on the study's team exports it, every site.
    const { files } = await exportAs(MONITOR);
    expect(parse(files.get("forms/vitals.csv")!).rows).toHaveLength(3);
    expect(await countRows(h.db, tables)).toEqual({ audit_events: before.audit_events + 1 });
  });

  it("refuses a form, event or site of another study on its field, writing nothing", async () => {
    const before = await countRows(h.db, ["audit_events"]);
    expectRefused(await runCommand(PI, recordExportCommand, options({ forms: [other.forms.vitals.formId] })), ["forms"]);
    expectRefused(await runCommand(PI, recordExportCommand, options({ events: [other.events.baseline.id] })), ["events"]);
    expectRefused(await runCommand(PI, recordExportCommand, options({ sites: [999999] })), ["sites"]);
    expectRefused(await runCommand(ADMIN, recordExportCommand, options({ labels: "fr" })), ["labels"]);
    expect(await countRows(h.db, ["audit_events"])).toEqual(before);
  });
});

describe("analysis export: options", () => {
  it("chooses forms, events and sites", async () => {
    const { files } = await exportAs(PI, { forms: [s.forms.vitals.formId], events: [s.events.baseline.id], sites: [r20] });
    expect([...files.keys()].filter((n) => n.startsWith("forms/"))).toEqual(["forms/vitals.csv"]);
    expect(parse(files.get("forms/vitals.csv")!).rows.map((r) => [r.subject, r.event])).toEqual([[subject20, "baseline"]]);
    const wide = parse(files.get("wide.csv")!);
    expect(wide.rows.map((r) => r.subject)).toEqual([subject20]);
    expect(wide.header.every((c) => c === "subject" || c === "site" || c.startsWith("baseline__"))).toBe(true);
  });

  it("removes direct identifiers and free text", async () => {
    const ids = await exportAs(PI, { removeIdentifiers: "on" });
    expect(parse(ids.files.get("forms/vitals.csv")!).header).not.toContain("email");
    expect(parse(ids.files.get("forms/conmed.csv")!).header).toContain("drug");
    expect(ids.files.get("dictionary.csv")).not.toContain("email");
    const text = await exportAs(PI, { removeFreeText: "on" });
    expect(parse(text.files.get("forms/conmed.csv")!).header).toEqual([...FORM_KEY_COLUMNS, "dose", "started_on"]);
    expect(parse(text.files.get("forms/vitals.csv")!).header).not.toContain("email");
    expect(parse(text.files.get("wide.csv")!).header.some((c) => c.endsWith("__drug"))).toBe(false);
    for (const f of [...text.files.values()]) expect(f.includes("Metformin")).toBe(false);
  });

  it("shifts every date of a participant by the same stable offset, and nothing else", async () => {
    const a = await exportAs(PI, { shiftDates: "on" });
    const b = await exportAs(PI, { shiftDates: "on" });
    expect(a.files.get("forms/vitals.csv")).toBe(b.files.get("forms/vitals.csv"));
    const d1 = dateShiftDays(p1);
    const d20 = dateShiftDays(p20);
    expect(d1).not.toBe(0);
    const vitals = parse(a.files.get("forms/vitals.csv")!).rows;
    expect(vitals.map((r) => [r.visit_date, r.height, r.weight])).toEqual([
      [addDays("2025-01-03", d1), "160", ""],
      [addDays("2025-02-14", d1), "160", "61.5"],
      [addDays("2025-01-04", d20), "180", "80.0"],
    ]);
    expect(parse(a.files.get("forms/conmed.csv")!).rows.map((r) => r.started_on)).toEqual([addDays("2025-01-05", d1), addDays("2025-01-20", d1)]);
    const w1 = parse(a.files.get("wide.csv")!).rows.find((r) => r.subject === subject1)!;
    expect(w1.week6__visit_date).toBe(addDays("2025-02-14", d1));
    // Intervals within a participant survive.
    expect(w1.conmeds__started_on__r2 > w1.conmeds__started_on).toBe(true);
  });
});
