import "server-only";
import type { Writable } from "node:stream";
import type { FormDef } from "@/lib/crf/design";
import { dictionaryToCsv } from "@/lib/crf/dictionary/csv";
import { formsToRows } from "@/lib/crf/dictionary/to-rows";
import { exportsItem, formLayout, formRowCells, groupRowCells, wideLayout, wideRowCells, type ExportFile, type FormLayout } from "@/lib/exchange/export/columns";
import { BOM, csvLine } from "@/lib/exchange/export/csv";
import { dateShiftDays } from "@/lib/exchange/export/date-shift";
import type { ExportOptions } from "@/lib/exchange/export/options";
import { labelIn, type ScriptInput } from "@/lib/exchange/export/scripts/common";
import { rScript } from "@/lib/exchange/export/scripts/r";
import { sasScript } from "@/lib/exchange/export/scripts/sas";
import { spssScript } from "@/lib/exchange/export/scripts/spss";
import { stataScript } from "@/lib/exchange/export/scripts/stata";
import { ZipWriter } from "@/lib/exchange/export/zip";
import { exportPlan, type ExportPlan } from "@/lib/exchange/queries/export-plan";
import { exportFormBatch, exportParticipantBatch, type InstanceRow } from "@/lib/exchange/queries/export-rows";
import type { ReadActor } from "@/lib/reads/define-query";
import { NETWORK_TIME_ZONE, toNetworkLocal } from "@/lib/time/network-day";

/** The actor may not export the study (or it does not exist): nothing was written to the sink. */
export class ExportRefused extends Error {
  constructor() {
    super("export refused");
  }
}

export type ExportStats = { studyCode: string; files: number; rows: number; bytes: number };

/** The names of the files besides the data, at the top of the zip. */
export const EXPORT_FILES = { dictionary: "dictionary.csv", codebook: "codebook.csv", r: "read_r.R", sas: "read_sas.sas", spss: "read_spss.sps", stata: "read_stata.do", readme: "README.txt" } as const;

type Put = (text: string) => Promise<void>;

const header = (f: ExportFile) => BOM + csvLine(f.columns.map((c) => c.name));

/** Every instance of a form in the export, batch by batch (keyset on the instance id). */
async function eachInstance(actor: ReadActor, plan: ExportPlan, formId: number, fn: (r: InstanceRow) => Promise<void>): Promise<void> {
  const eventIds = plan.events.filter((e) => e.formIds.includes(formId)).map((e) => e.id);
  let afterId = 0;
  for (;;) {
    const batch = await exportFormBatch(actor, { studyId: plan.study.id, formId, eventIds, siteIds: plan.siteIds, afterId });
    for (const r of batch) await fn(r);
    if (batch.length === 0) return;
    afterId = Number(batch[batch.length - 1].id);
  }
}

function codebookCsv(files: readonly ExportFile[]): string {
  const lines = [BOM + csvLine(["file", "column", "type", "label_zh", "label_en", "values_zh", "values_en", "item"])];
  for (const f of files) {
    for (const c of f.columns) {
      const values = (lang: "zh" | "en") => c.choices.map((k) => `${k.code} = ${labelIn(k.label, lang)}`).join(" | ");
      lines.push(csvLine([f.path, c.name, c.kind, c.label.zh, c.label.en, values("zh"), values("en"), c.item ?? ""]));
    }
  }
  return lines.join("");
}

function readme(plan: ExportPlan, o: ExportOptions, files: readonly ExportFile[], rows: number, at: Date): string {
  const site = (id: number) => plan.sites.find((s) => s.id === id)?.code ?? String(id);
  return [
    `${plan.study.code} analysis export / 分析导出`,
    `made ${toNetworkLocal(at)} (${NETWORK_TIME_ZONE})`,
    `forms: ${plan.forms.map((f) => f.name).join(", ") || "-"}`,
    `events: ${plan.events.map((e) => e.name).join(", ") || "-"}`,
    `sites: ${o.sites.length ? plan.siteIds.map(site).join(", ") : "all in scope"}`,
    `direct identifiers removed: ${o.removeIdentifiers ? "yes" : "no"}`,
    `free text removed: ${o.removeFreeText ? "yes" : "no"}`,
    `dates shifted per participant: ${o.shiftDates ? "yes" : "no"}`,
    `data rows: ${rows}`,
    "",
    "Files: forms/<form>.csv one row per participant x event x repeat; forms/<form>__<group>.csv one row per row of a repeating group;",
    "wide.csv one row per participant, columns <event>__<item> (__r<n> for repeat n > 1); dictionary.csv (REDCap data dictionary);",
    "codebook.csv (every column, its type and value labels); read_r.R, read_sas.sas, read_spss.sps, read_stata.do read the files with labels.",
    "Values are raw codes, UTF-8 with a byte-order mark; missing-data codes (ND, UNK, NA) are in the <item>__missing columns, never among the values.",
    ...files.map((f) => `  ${f.path}: ${f.columns.length} columns`),
    "",
  ].join("\r\n");
}

/**
 * Writes the analysis export of a study as a zip into `sink`, streaming: the form files (long),
 * their repeating groups, the wide file, the dictionary and codebook, the reading scripts and a
 * README. Every row is read through the read door with the actor's participant scope, in
 * keyset batches, and written before the next batch is read. Throws ExportRefused, having
 * written nothing, when the actor may not export the study. The audit event is the caller's
 * (lib/exchange/commands/record-export.ts, before the download starts).
 */
export async function writeAnalysisExport(actor: ReadActor, o: ExportOptions, sink: Writable, now: Date = new Date()): Promise<ExportStats> {
  const plan = await exportPlan(actor, o);
  if (!plan) throw new ExportRefused();
  const keys = { sites: plan.sites, events: plan.events };
  const layouts: FormLayout[] = plan.forms.map((f) => formLayout(f, keys, o));
  const repeats = new Map(plan.maxRepeats.map((m) => [`${m.eventId}/${m.formId}`, m.max]));
  // Every event × form has its columns (so that files of the same study line up), more when repeats exist.
  const wide = wideLayout(layouts, keys, (eventId, formId) => Math.max(1, repeats.get(`${eventId}/${formId}`) ?? 0));
  const files: ExportFile[] = [...layouts.flatMap((l) => [l.file, ...l.groups.map((g) => g.file)]), wide.file];
  const shift = (participantId: number) => (o.shiftDates ? dateShiftDays(participantId) : 0);
  const zip = new ZipWriter(sink);
  let rows = 0;

  for (const l of layouts) {
    await zip.entry(l.file.path, async (put: Put) => {
      await put(header(l.file));
      await eachInstance(actor, plan, l.form.formId, async (r) => {
        rows++;
        await put(csvLine(formRowCells(l, { ...r, shift: shift(Number(r.participantId)) })));
      });
    });
    for (const g of l.groups) {
      await zip.entry(g.file.path, async (put: Put) => {
        await put(header(g.file));
        await eachInstance(actor, plan, l.form.formId, async (r) => {
          for (const cells of groupRowCells(g, { ...r, shift: shift(Number(r.participantId)) })) {
            rows++;
            await put(csvLine(cells));
          }
        });
      });
    }
  }

  await zip.entry(wide.file.path, async (put: Put) => {
    await put(header(wide.file));
    const formIds = plan.forms.map((f) => f.formId);
    const eventIds = plan.events.map((e) => e.id);
    let afterId = 0;
    for (;;) {
      const batch = await exportParticipantBatch(actor, { studyId: plan.study.id, formIds, eventIds, siteIds: plan.siteIds, afterId });
      if (batch.length === 0) break;
      for (const p of batch) {
        rows++;
        await put(csvLine(wideRowCells(wide, p.subject, p.site, shift(p.id), p.instances)));
      }
      afterId = batch[batch.length - 1].id;
    }
  });

  const dictionaryForms: FormDef[] = plan.forms.map((f) => ({ name: f.name, label: f.label, items: f.items.filter((i) => i.type === "descriptive" || exportsItem(i, o)) }));
  const script: ScriptInput = { studyCode: plan.study.code, lang: o.labels, files, timeZone: NETWORK_TIME_ZONE };
  const texts: [string, string][] = [
    [EXPORT_FILES.dictionary, BOM + dictionaryToCsv(formsToRows(dictionaryForms)) + "\r\n"],
    [EXPORT_FILES.codebook, codebookCsv(files)],
    [EXPORT_FILES.r, rScript(script)],
    [EXPORT_FILES.sas, sasScript(script)],
    [EXPORT_FILES.spss, spssScript(script)],
    [EXPORT_FILES.stata, stataScript(script)],
    [EXPORT_FILES.readme, readme(plan, o, files, rows, now)],
  ];
  for (const [name, text] of texts) await zip.entry(name, (put) => put(text));
  await zip.finish();
  return { studyCode: plan.study.code, files: files.length + texts.length, rows, bytes: zip.bytes };
}
