import type { CrfFormInstanceStatus } from "@/db/enums";
import { CRF_FORM_INSTANCE_STATUSES } from "@/db/enums";
import type { Bilingual, ChoiceDef, ItemDef } from "@/lib/crf/design";
import { translate } from "@/lib/i18n/translate";
import { shiftDateText } from "@/lib/exchange/export/date-shift";
import { checkboxColumn, formFileName, FORM_KEY_COLUMNS, GROUP_KEY_COLUMNS, groupFileName, itemColumn, missingColumn, EMPTY_CELL } from "@/lib/exchange/tidy-shape";

/** An item of a form as exported: its design (the version in force, else its latest) and its repeating group, if any. */
export type ExportItemDef = ItemDef & { group: string | null };
export type ExportGroupDef = { name: string; label: Bilingual };
/** A form with every item any of its versions has (in the order of the version in force, then older items). */
export type ExportFormDef = { formId: number; name: string; label: Bilingual; items: ExportItemDef[]; groups: ExportGroupDef[] };
export type ExportEventDef = { id: number; name: string; label: Bilingual; formIds: number[] };
export type ExportSiteDef = { id: number; code: string; label: Bilingual };

/** How a column is read by the scripts: the type of its values. */
export type ColumnKind = "text" | "integer" | "number" | "date" | "datetime" | "time" | "choice" | "checked" | "missing";

export type Column = {
  name: string;
  label: Bilingual;
  kind: ColumnKind;
  /** Value labels (choices, yes/no, missing-data codes, sites, events, statuses). */
  choices: readonly ChoiceDef[];
  /** A date-time with seconds. */
  seconds: boolean;
  /** The item (or, for a missing-data column, the item whose code it holds), null for a key column. */
  item: string | null;
  /** The choice of a checkbox column. */
  code: string | null;
};

export type ExportFile = { path: string; dataset: string; label: Bilingual; columns: Column[] };

/** The instance a cell is read from: stored values and missing-data codes, and the participant's date shift (0: none). */
export type CellSource = { values: Record<string, unknown>; missing: Record<string, string>; missingPrefix: string; shift: number };

const both = (key: string): Bilingual => ({ zh: translate("zh-CN", key), en: translate("en", key) });

const NUMBER_VALIDATIONS = new Set(["number", "number_1dp", "number_2dp", "number_3dp", "number_4dp"]);

/** The kind of an item's value column. */
export function valueKind(item: Pick<ItemDef, "type" | "validation">): ColumnKind {
  switch (item.type) {
    case "integer":
      return "integer";
    case "decimal":
    case "calc":
    case "slider":
      return "number";
    case "date":
      return "date";
    case "datetime":
      return "datetime";
    case "time":
      return "time";
    case "yesno":
    case "truefalse":
    case "radio":
    case "dropdown":
      return "choice";
    case "checkbox":
      return "checked";
    case "text": {
      const v = item.validation;
      if (v === "integer") return "integer";
      if (v && NUMBER_VALIDATIONS.has(v)) return "number";
      if (v?.startsWith("date_")) return "date";
      if (v?.startsWith("datetime_")) return "datetime";
      if (v === "time" || v === "time_mm_ss") return "time";
      return "text";
    }
    default:
      return "text";
  }
}

/** Free text as "remove free text" means it: notes, and text that is not a number, a date or a time. */
export function isFreeText(item: Pick<ItemDef, "type" | "validation">): boolean {
  return item.type === "longtext" || (item.type === "text" && valueKind(item) === "text");
}

/** Whether an item is exported under the options (descriptive items never have a column). */
export function exportsItem(item: Pick<ItemDef, "type" | "validation" | "identifier">, o: { removeIdentifiers: boolean; removeFreeText: boolean }): boolean {
  if (item.type === "descriptive") return false;
  if (o.removeIdentifiers && item.identifier) return false;
  if (o.removeFreeText && isFreeText(item)) return false;
  return true;
}

function choicesOf(item: ItemDef): ChoiceDef[] {
  if (item.type === "yesno") return [{ code: "1", label: both("exchange.values.yes") }, { code: "0", label: both("exchange.values.no") }];
  if (item.type === "truefalse") return [{ code: "1", label: both("exchange.values.true") }, { code: "0", label: both("exchange.values.false") }];
  return item.choices;
}

const withUnit = (label: Bilingual, unit: string | null): Bilingual => (unit ? { zh: `${label.zh} (${unit})`, en: `${label.en} (${unit})` } : label);
const joined = (a: Bilingual, b: Bilingual): Bilingual => ({ zh: `${a.zh}: ${b.zh}`, en: `${a.en}: ${b.en}` });

/** The columns of one item: a value column (a checkbox: one 0/1 column per choice), and its missing-data column when it allows codes. */
export function itemColumns(item: ItemDef, keys: readonly string[] = FORM_KEY_COLUMNS): Column[] {
  const kind = valueKind(item);
  const label = withUnit(item.label, item.unit);
  const base = { seconds: false, item: item.name, code: null };
  const out: Column[] =
    kind === "checked"
      ? item.choices.map((c) => ({ ...base, name: checkboxColumn(item.name, c.code), label: joined(label, c.label), kind, choices: [{ code: "1", label: both("exchange.values.checked") }, { code: "0", label: both("exchange.values.unchecked") }], code: c.code }))
      : [{ ...base, name: itemColumn(item.name, keys), label, kind, choices: kind === "choice" ? choicesOf(item) : [], seconds: kind === "datetime" && (item.validation?.startsWith("datetime_seconds") ?? false) }];
  if (item.missingCodes.length) {
    out.push({ ...base, name: missingColumn(item.name), label: joined(label, both("exchange.columns.missing")), kind: "missing", choices: item.missingCodes.map((c) => ({ code: c, label: both(`exchange.missing.${c}`) })) });
  }
  return out;
}

/** The value of an item column in one instance (or group row), as the CSV cell holds it. */
export function cellOf(col: Column, src: CellSource): string {
  const item = col.item!;
  if (col.kind === "missing") return src.missing[src.missingPrefix + item] ?? EMPTY_CELL;
  const v = src.values[item];
  if (col.kind === "checked") return Array.isArray(v) && v.includes(col.code) ? "1" : "0";
  if (typeof v !== "string") return EMPTY_CELL;
  if (src.shift !== 0 && (col.kind === "date" || col.kind === "datetime")) return shiftDateText(v, src.shift);
  return v;
}

function keyColumn(name: string, kind: ColumnKind, choices: readonly ChoiceDef[] = []): Column {
  return { name, label: both(`exchange.columns.${name}`), kind, choices, seconds: false, item: null, code: null };
}

export type KeyChoices = { sites: readonly ExportSiteDef[]; events: readonly ExportEventDef[] };

function keyColumns(names: readonly string[], k: KeyChoices): Column[] {
  const statuses = CRF_FORM_INSTANCE_STATUSES.map((s) => ({ code: s, label: both(`exchange.status.${s}`) }));
  const spec: Record<string, Column> = {
    subject: keyColumn("subject", "text"),
    site: keyColumn("site", "choice", k.sites.map((s) => ({ code: s.code, label: s.label }))),
    event: keyColumn("event", "choice", k.events.map((e) => ({ code: e.name, label: e.label }))),
    repeat: keyColumn("repeat", "integer"),
    form_version: keyColumn("form_version", "integer"),
    status: keyColumn("status", "choice", statuses),
    row: keyColumn("row", "integer"),
  };
  return names.map((n) => spec[n]);
}

export type FormLayout = {
  form: ExportFormDef;
  file: ExportFile;
  /** The item columns of the form file (after the key columns). */
  items: Column[];
  groups: { group: ExportGroupDef; file: ExportFile; items: Column[] }[];
};

/** The form file and the files of its repeating groups, with the items the options keep. */
export function formLayout(form: ExportFormDef, k: KeyChoices, o: { removeIdentifiers: boolean; removeFreeText: boolean }): FormLayout {
  const kept = form.items.filter((i) => exportsItem(i, o));
  const items = kept.filter((i) => i.group === null).flatMap((i) => itemColumns(i, FORM_KEY_COLUMNS));
  const groups = form.groups
    .map((group) => {
      const gi = kept.filter((i) => i.group === group.name).flatMap((i) => itemColumns(i, GROUP_KEY_COLUMNS));
      return { group, items: gi, file: { path: `forms/${groupFileName(form.name, group.name)}`, dataset: `${form.name}__${group.name}`, label: joined(form.label, group.label), columns: [...keyColumns(GROUP_KEY_COLUMNS, k), ...gi] } };
    })
    .filter((g) => g.items.length > 0);
  return { form, items, groups, file: { path: `forms/${formFileName(form.name)}`, dataset: form.name, label: form.label, columns: [...keyColumns(FORM_KEY_COLUMNS, k), ...items] } };
}

export type FormRow = { subject: string; site: string; event: string; repeat: number; formVersion: number; status: CrfFormInstanceStatus; values: Record<string, unknown>; missing: Record<string, string>; shift: number };

/** The form file's line of one instance. */
export function formRowCells(l: FormLayout, r: FormRow): string[] {
  const src: CellSource = { values: r.values, missing: r.missing, missingPrefix: "", shift: r.shift };
  const out = [r.subject, r.site, r.event, String(r.repeat), String(r.formVersion), r.status];
  for (const c of l.items) out.push(cellOf(c, src));
  return out;
}

/** The group files' lines of one instance: one per stored row of each group (rows from 1). */
export function groupRowCells(g: FormLayout["groups"][number], r: FormRow): string[][] {
  const rows = r.values[g.group.name];
  if (!Array.isArray(rows)) return [];
  return rows.map((row, k) => {
    const src: CellSource = { values: (row ?? {}) as Record<string, unknown>, missing: r.missing, missingPrefix: `${g.group.name}.${k + 1}.`, shift: r.shift };
    const out = [r.subject, r.site, r.event, String(r.repeat), String(k + 1)];
    for (const c of g.items) out.push(cellOf(c, src));
    return out;
  });
}

/** One cell of the wide file: which instance (event, form, repeat) and which of its columns. */
export type WideCell = { eventId: number; formId: number; repeat: number; key: string; column: Column };

export type WideLayout = { file: ExportFile; cells: WideCell[] };

/** Column name of the wide file: `<event>__<column>`, `__r<n>` for repeat n > 1; `<event>__<form>__<column>` where two forms share an item name. */
export function wideColumnName(event: string, form: string, column: string, repeat: number, formsShareName: boolean): string {
  return `${event}__${formsShareName ? `${form}__` : ""}${column}${repeat > 1 ? `__r${repeat}` : ""}`;
}

/**
 * The wide file: one line per participant (subject, site), then for each event (in order) each
 * of its forms, each repeat `maxRepeat` gives (1 … the highest in the data), each item column of the form
 * file. Repeating groups stay in their long files.
 */
export function wideLayout(layouts: readonly FormLayout[], k: KeyChoices, maxRepeat: (eventId: number, formId: number) => number): WideLayout {
  const byForm = new Map(layouts.map((l) => [l.form.formId, l]));
  const owners = new Map<string, number>();
  for (const l of layouts) for (const c of l.items) owners.set(c.name, (owners.get(c.name) ?? 0) + 1);
  const cells: WideCell[] = [];
  const columns = keyColumns(["subject", "site"], k);
  for (const e of k.events) {
    for (const formId of e.formIds) {
      const l = byForm.get(formId);
      if (!l) continue;
      const repeats = maxRepeat(e.id, formId);
      for (let r = 1; r <= repeats; r++) {
        for (const c of l.items) {
          const shared = (owners.get(c.name) ?? 0) > 1;
          const name = wideColumnName(e.name, l.form.name, c.name, r, shared);
          const suffix = repeats > 1 ? ` #${r}` : "";
          const column: Column = { ...c, name, label: { zh: `${e.label.zh}${suffix}: ${c.label.zh}`, en: `${e.label.en}${suffix}: ${c.label.en}` } };
          columns.push(column);
          cells.push({ eventId: e.id, formId, repeat: r, key: `${e.id}/${formId}/${r}`, column });
        }
      }
    }
  }
  return { file: { path: "wide.csv", dataset: "wide", label: both("exchange.files.wide"), columns }, cells };
}

export type WideInstance = { eventId: number; formId: number; repeat: number; values: Record<string, unknown>; missing: Record<string, string> };

/** The wide file's line of one participant (their instances in any order); a cell of a form not entered is empty. */
export function wideRowCells(w: WideLayout, subject: string, site: string, shift: number, instances: readonly WideInstance[]): string[] {
  const at = new Map<string, WideInstance>();
  for (const i of instances) at.set(`${i.eventId}/${i.formId}/${i.repeat}`, i);
  const out = [subject, site];
  for (const cell of w.cells) {
    const i = at.get(cell.key);
    out.push(i ? cellOf(cell.column, { values: i.values, missing: i.missing, missingPrefix: "", shift }) : EMPTY_CELL);
  }
  return out;
}
