import type { CrfFormInstance } from "@/db/schema";
import type { CrfEventKind } from "@/db/enums";
import type { ItemDef } from "@/lib/crf/design";
import { applyRules, flattenValues, type GroupDef, type RulesResult } from "@/lib/crf/entry";
import { eventValuesFrom, type EntryForm, type StoredEventRow } from "@/lib/crf/instance-store";
import { diffSave, type SaveDiff } from "@/lib/crf/save-instance";
import { problem, type CsvRow, type CsvTable, type ImportProblem } from "@/lib/exchange/records-import/parse";
import { checkboxColumn, FORM_KEY_COLUMNS, GROUP_KEY_COLUMNS, itemColumn, missingColumn } from "@/lib/exchange/tidy-shape";

export type ImportParticipant = { id: number; subjectCode: string; centreId: number; siteCode: string };
export type ImportEvent = { id: number; name: string; kind: CrfEventKind; visitCode: string | null; collects: boolean };

/** What the check needs of the database, read once for the whole file (see plan.ts). */
export type ImportContext = {
  /** The form's version in force (for new instances) and every version of the form, by id. */
  inForce: EntryForm;
  versions: ReadonlyMap<number, EntryForm>;
  /** Participants of the study named in the files, only those within the actor's entry scope, by subject code. */
  participants: ReadonlyMap<string, ImportParticipant>;
  /** The study's events by name (`collects`: the event collects this form). */
  events: ReadonlyMap<string, ImportEvent>;
  /** The form's stored instances of those participants, by instanceKey. */
  instances: ReadonlyMap<string, CrfFormInstance>;
  /**
   * Every stored instance of those participants (any form), for `[event][item]` references: as
   * stored before the import (a row's rules never read another row of the same file).
   */
  storedRows: ReadonlyMap<number, readonly StoredEventRow[]>;
  /** The day each participant's visit was done, by `${participantId}:${visitCode}`. */
  visitDates: ReadonlyMap<string, string>;
  today: string;
  now: string;
};

export const instanceKey = (participantId: number, eventId: number, repeat: number) => `${participantId}:${eventId}:${repeat}`;

/** One instance the import writes: everything the shared save (lib/crf/save-instance.ts) needs. */
export type PlannedSave = {
  row: number;
  participant: ImportParticipant;
  event: ImportEvent & { visitDate: string | null };
  repeat: number;
  instance: CrfFormInstance | null;
  form: EntryForm;
  formVersionId: number;
  ruled: RulesResult;
  diff: SaveDiff;
  complete: boolean;
};

export type ImportCheck = {
  /** Refusals: any one of them and nothing is imported. */
  problems: ImportProblem[];
  /** Soft-limit breaches of values the import brings in: imported only when confirmed (each raises a query). */
  warnings: ImportProblem[];
  saves: PlannedSave[];
  /** Data rows read (form file and group files). */
  rows: number;
  /** Instances named in the file that the import leaves as they are. */
  unchanged: number;
  /** A saved value would change: the import needs a reason. */
  needsReason: boolean;
};

type Col = { kind: "value" | "missing" | "checkbox" | "calc"; item: ItemDef; code?: string };
type Loc = { file: string; row: number; column: string };

const REPEAT_RE = /^[1-9]\d{0,2}$/;
const MAX_REPEAT = 200;

/**
 * The item columns of a form version (group null) or of one of its repeating groups, by column
 * name, as the export names them (an item named like a key column is `<item>__item`). A
 * missing-data column is known for every item that takes an answer: a code an item does not
 * allow is the rules' refusal, reported at that cell.
 */
export function columnsOf(form: EntryForm, group: GroupDef | null): Map<string, Col> {
  const keys: readonly string[] = group ? GROUP_KEY_COLUMNS : FORM_KEY_COLUMNS;
  const inGroup = new Set((form.groups ?? []).flatMap((g) => g.items));
  const out = new Map<string, Col>();
  for (const item of form.items) {
    const member = group ? group.items.includes(item.name) : !inGroup.has(item.name);
    if (!member || item.type === "descriptive") continue;
    if (item.type === "calc") {
      out.set(itemColumn(item.name, keys), { kind: "calc", item });
      continue;
    }
    if (item.type === "checkbox") for (const c of item.choices) out.set(checkboxColumn(item.name, c.code), { kind: "checkbox", item, code: c.code });
    else out.set(itemColumn(item.name, keys), { kind: "value", item });
    out.set(missingColumn(item.name), { kind: "missing", item });
  }
  return out;
}

const sameCalc = (given: string, computed: unknown) => {
  if (typeof computed !== "string") return false;
  if (given === computed) return true;
  const [a, b] = [Number(given), Number(computed)];
  return given.trim() !== "" && Number.isFinite(a) && Number.isFinite(b) && a === b;
};

type Resolved = { participant: ImportParticipant; event: ImportEvent; repeat: number };

/** The participant, event and repeat a row names, or its problems (an out-of-scope participant reads as unknown). */
function resolveKey(ctx: ImportContext, file: string, r: CsvRow): Resolved | ImportProblem[] {
  const c = r.cells;
  const out: ImportProblem[] = [];
  const participant = ctx.participants.get(c.subject ?? "");
  if (!participant) out.push(problem(file, r.row, "subject", "unknownParticipant"));
  else if ((c.site ?? "") !== participant.siteCode) out.push(problem(file, r.row, "site", "wrongSite"));
  const event = ctx.events.get(c.event ?? "");
  if (!event || !event.collects) out.push(problem(file, r.row, "event", "unknownEvent"));
  const rep = c.repeat ?? "";
  const repeat = REPEAT_RE.test(rep) && Number(rep) <= MAX_REPEAT ? Number(rep) : null;
  if (repeat === null) out.push(problem(file, r.row, "repeat", "repeat", { max: MAX_REPEAT }));
  else if (event && event.kind === "scheduled" && repeat !== 1) out.push(problem(file, r.row, "repeat", "repeatScheduled"));
  if (out.length || !participant || !event || repeat === null) return out;
  return { participant, event, repeat };
}

/**
 * Overlays one row's cells onto a record of values (the form's, or one group row's) and the
 * missing codes: only the columns in the file change. Records where each non-empty cell came
 * from, so that a refusal is reported at its row and column.
 */
function overlay(
  header: readonly string[],
  r: CsvRow,
  file: string,
  cols: ReadonlyMap<string, Col>,
  prefix: string,
  bag: Record<string, unknown>,
  missing: Record<string, string>,
  where: { value: Map<string, Loc>; missing: Map<string, Loc>; calc: Map<string, { cell: string; loc: Loc }> },
  problems: ImportProblem[],
  keys: readonly string[],
) {
  const headerCols = header.filter((h) => !keys.includes(h)).map((h) => [h, cols.get(h)] as const);
  const hasValueColumn = new Set(headerCols.filter(([, c]) => c && (c.kind === "value" || c.kind === "checkbox")).map(([, c]) => c!.item.name));
  const hasMissingColumn = new Set(headerCols.filter(([, c]) => c?.kind === "missing").map(([, c]) => c!.item.name));
  const ticks = new Map<string, Set<string>>();
  for (const [column, col] of headerCols) {
    const cell = r.cells[column] ?? "";
    const loc = { file, row: r.row, column };
    if (!col) {
      if (cell !== "") problems.push(problem(file, r.row, column, "notInVersion"));
      continue;
    }
    const name = col.item.name;
    const path = `${prefix}${name}`;
    switch (col.kind) {
      case "value":
        if (cell === "") delete bag[name];
        else {
          bag[name] = cell;
          where.value.set(path, loc);
          if (!hasMissingColumn.has(name)) delete missing[path];
        }
        break;
      case "missing":
        if (cell === "") delete missing[path];
        else {
          missing[path] = cell;
          where.missing.set(path, loc);
          if (!hasValueColumn.has(name)) delete bag[name];
        }
        break;
      case "checkbox": {
        let set = ticks.get(name);
        if (!set) {
          const stored = bag[name];
          set = new Set(Array.isArray(stored) ? stored.filter((x): x is string => typeof x === "string") : []);
          ticks.set(name, set);
        }
        if (cell === "1") {
          set.add(col.code!);
          if (!where.value.has(path)) where.value.set(path, loc);
        } else if (cell === "0" || cell === "") set.delete(col.code!);
        else problems.push(problem(file, r.row, column, "checkboxCell"));
        break;
      }
      case "calc":
        if (cell !== "") where.calc.set(path, { cell, loc });
        break;
    }
  }
  for (const [name, set] of ticks) {
    const path = `${prefix}${name}`;
    if (set.size) {
      bag[name] = [...set];
      if (!hasMissingColumn.has(name)) delete missing[path];
    } else delete bag[name];
  }
}

/**
 * The dry run of a records import, pure: every row of the form's file (and of its group files)
 * checked as the form page's save checks it (lib/crf/entry applyRules, the one implementation),
 * and the problems by file, row and column: unknown participant (also one outside the actor's
 * entry scope), wrong site, unknown event, repeat, duplicate row, wrong form version, a column
 * the instance's form version lacks, a value for an item branching hides, a calculated value
 * other than the recomputed one, a changed verified form, and every refusal of the rules (bad
 * value, hard limit, missing code not allowed, required when complete). Soft-limit breaches are
 * warnings. The real import runs this same check again inside its transaction.
 */
export function checkRecords(ctx: ImportContext, formTable: CsvTable, groupTables: readonly { group: string; table: CsvTable }[]): ImportCheck {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const versions = [...ctx.versions.values()];
  const file = formTable.file;

  // The header: the key columns, then columns some version of the form knows.
  const formKeys = FORM_KEY_COLUMNS.filter((k) => k !== "status");
  for (const k of formKeys) if (!formTable.header.includes(k)) problems.push(problem(file, 1, k, "missingColumn"));
  const known = new Set(versions.flatMap((v) => [...columnsOf(v, null).keys()]));
  for (const h of formTable.header) if (!(FORM_KEY_COLUMNS as readonly string[]).includes(h) && !known.has(h)) problems.push(problem(file, 1, h, "unknownColumn"));
  const groupNames = new Set(versions.flatMap((v) => (v.groups ?? []).map((g) => g.name)));
  const seenGroups = new Set<string>();
  for (const { group, table } of groupTables) {
    if (!groupNames.has(group) || seenGroups.has(group)) {
      problems.push(problem(table.file, 1, "", seenGroups.has(group) ? "duplicateFile" : "unknownGroup", { group }));
      continue;
    }
    seenGroups.add(group);
    for (const k of GROUP_KEY_COLUMNS) if (!table.header.includes(k)) problems.push(problem(table.file, 1, k, "missingColumn"));
    const knownInGroup = new Set(versions.flatMap((v) => (v.groups ?? []).filter((g) => g.name === group).flatMap((g) => [...columnsOf(v, g).keys()])));
    for (const h of table.header) if (!(GROUP_KEY_COLUMNS as readonly string[]).includes(h) && !knownInGroup.has(h)) problems.push(problem(table.file, 1, h, "unknownColumn"));
  }
  const rowsRead = formTable.rows.length + groupTables.reduce((n, g) => n + g.table.rows.length, 0);
  if (problems.length) return { problems, warnings, saves: [], rows: rowsRead, unchanged: 0, needsReason: false };

  // The form file's rows, one per instance.
  const byKey = new Map<string, { r: CsvRow; key: Resolved }>();
  for (const r of formTable.rows) {
    const key = resolveKey(ctx, file, r);
    if (Array.isArray(key)) {
      problems.push(...key);
      continue;
    }
    const k = instanceKey(key.participant.id, key.event.id, key.repeat);
    if (byKey.has(k)) {
      problems.push(problem(file, r.row, "subject", "duplicateRow", { row: byKey.get(k)!.r.row }));
      continue;
    }
    byKey.set(k, { r, key });
  }
  // The group files' rows, by the instance they belong to.
  const groupRows = new Map<string, { group: string; table: CsvTable; r: CsvRow; row: number }[]>();
  for (const { group, table } of groupTables) {
    const seen = new Map<string, number>();
    for (const r of table.rows) {
      const key = resolveKey(ctx, table.file, r);
      if (Array.isArray(key)) {
        problems.push(...key);
        continue;
      }
      const rowCell = r.cells.row ?? "";
      if (!REPEAT_RE.test(rowCell)) {
        problems.push(problem(table.file, r.row, "row", "groupRow"));
        continue;
      }
      const k = instanceKey(key.participant.id, key.event.id, key.repeat);
      if (!byKey.has(k)) {
        problems.push(problem(table.file, r.row, "subject", "groupWithoutForm"));
        continue;
      }
      const dup = `${k}:${rowCell}`;
      if (seen.has(dup)) {
        problems.push(problem(table.file, r.row, "row", "duplicateRow", { row: seen.get(dup)! }));
        continue;
      }
      seen.set(dup, r.row);
      const list = groupRows.get(k) ?? [];
      list.push({ group, table, r, row: Number(rowCell) });
      groupRows.set(k, list);
    }
  }

  const saves: PlannedSave[] = [];
  let unchanged = 0;
  let needsReason = false;
  for (const [k, { r, key }] of byKey) {
    const instance = ctx.instances.get(k) ?? null;
    const form = instance ? ctx.versions.get(instance.formVersionId) : ctx.inForce;
    if (!form) {
      problems.push(problem(file, r.row, "form_version", "wrongFormVersion", { expected: "—" }));
      continue;
    }
    const before = problems.length;
    // Another version's rules would only mislead: a wrong version is the row's one problem.
    if ((r.cells.form_version ?? "") !== String(form.version)) {
      problems.push(problem(file, r.row, "form_version", "wrongFormVersion", { expected: form.version }));
      continue;
    }
    const statusCell = r.cells.status ?? "";
    let complete = instance ? instance.status !== "in_progress" : false;
    if (statusCell === "complete") complete = true;
    else if (statusCell === "in_progress") complete = false;
    else if (statusCell === "verified") {
      if (instance?.status !== "verified") problems.push(problem(file, r.row, "status", "statusVerified"));
    } else if (statusCell !== "") problems.push(problem(file, r.row, "status", "badStatus"));

    // The stored values, with the file's cells over them.
    const values: Record<string, unknown> = structuredClone(instance?.values ?? {});
    const missing: Record<string, string> = { ...(instance?.missing ?? {}) };
    const where = { value: new Map<string, Loc>(), missing: new Map<string, Loc>(), calc: new Map<string, { cell: string; loc: Loc }>() };
    overlay(formTable.header, r, file, columnsOf(form, null), "", values, missing, where, problems, FORM_KEY_COLUMNS);
    for (const g of groupRows.get(k) ?? []) {
      const def = (form.groups ?? []).find((x) => x.name === g.group);
      if (!def) {
        problems.push(problem(g.table.file, g.r.row, "row", "notInVersion"));
        continue;
      }
      if (g.row > def.maxRows) {
        problems.push(problem(g.table.file, g.r.row, "row", "groupRow", { max: def.maxRows }));
        continue;
      }
      const list = (Array.isArray(values[def.name]) ? (values[def.name] as Record<string, unknown>[]) : []).slice();
      while (list.length < g.row) list.push({});
      overlay(g.table.header, g.r, g.table.file, columnsOf(form, def), `${def.name}.${g.row}.`, list[g.row - 1], missing, where, problems, GROUP_KEY_COLUMNS);
      values[def.name] = list;
    }
    // A group row left with nothing at the end of the list is no row.
    for (const def of form.groups ?? []) {
      const list = values[def.name];
      if (!Array.isArray(list)) continue;
      const hasMissing = (n: number) => Object.keys(missing).some((p) => p.startsWith(`${def.name}.${n}.`));
      while (list.length && Object.keys(list[list.length - 1] ?? {}).length === 0 && !hasMissing(list.length)) list.pop();
      if (!list.length) delete values[def.name];
    }

    const at = { eventId: key.event.id, formId: form.formId, repeat: key.repeat };
    const ruled = applyRules(form, {
      values,
      missing,
      event: key.event.name,
      otherEvents: eventValuesFrom(ctx.storedRows.get(key.participant.id) ?? [], at),
      today: ctx.today,
      now: ctx.now,
      complete,
      // Every breach is confirmed for the rules and reported here as a warning; the import asks for the confirmation.
      confirmedSoft: Object.keys(flattenValues(values as Record<string, unknown>, missing)),
    });
    const locate = (path: string, missingFirst = false): Loc => {
      const a = missingFirst ? (where.missing.get(path) ?? where.value.get(path)) : (where.value.get(path) ?? where.missing.get(path));
      return a ?? { file, row: r.row, column: path.split(".").pop()! };
    };
    for (const [path, e] of Object.entries(ruled.errors)) {
      const loc = locate(path, e.key === "crf.entry.errors.missingNotAllowed");
      problems.push({ ...loc, key: e.key, ...(e.params ? { params: e.params } : {}), severity: "error" });
    }
    for (const path of ruled.dropped) {
      const loc = where.value.get(path) ?? where.missing.get(path);
      if (loc) problems.push(problem(loc.file, loc.row, loc.column, "hiddenItem"));
    }
    const after = flattenValues(ruled.values, ruled.missing);
    for (const [path, { cell, loc }] of where.calc) {
      if (!sameCalc(cell, after[path])) problems.push(problem(loc.file, loc.row, loc.column, "calcDiffers", { value: typeof after[path] === "string" ? (after[path] as string) : "—" }));
    }
    if (problems.length > before) continue;

    const diff = diffSave(instance, ruled, complete);
    const nothingNew = !instance && Object.keys(diff.after).length === 0 && !complete;
    if (instance?.status === "verified") {
      if (diff.changed.length === 0) {
        unchanged += 1;
        continue;
      }
      problems.push(problem(file, r.row, "status", "verified"));
      continue;
    }
    if (diff.noChange || nothingNew) {
      unchanged += 1;
      continue;
    }
    for (const [path, breach] of Object.entries(ruled.softBreaches)) {
      if (instance && !diff.changed.includes(path)) continue;
      const loc = locate(path);
      warnings.push({ ...loc, key: breach.key, ...(breach.params ? { params: breach.params } : {}), severity: "warning" });
    }
    if (diff.changesSaved.length) needsReason = true;
    const visitDate = key.event.visitCode ? (ctx.visitDates.get(`${key.participant.id}:${key.event.visitCode}`) ?? null) : null;
    saves.push({ row: r.row, participant: key.participant, event: { ...key.event, visitDate }, repeat: key.repeat, instance, form, formVersionId: form.formVersionId, ruled, diff, complete });
  }
  const order = (a: ImportProblem, b: ImportProblem) => (a.file === b.file ? a.row - b.row : a.file === file ? -1 : b.file === file ? 1 : a.file < b.file ? -1 : 1);
  return { problems: problems.sort(order), warnings: warnings.sort(order), saves, rows: rowsRead, unchanged, needsReason };
}
