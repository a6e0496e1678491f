import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { CHOICE_TYPES, type Bilingual, type ItemDef } from "@/lib/crf/design";
import { itemRuns, type OdmDesign, type OdmEvent, type OdmForm } from "@/lib/exchange/odm/design";
import { ALIAS, ODM_NS, ODM_VERSION, oid, REDCAP_CONTEXT, SOURCE_SYSTEM } from "@/lib/exchange/odm/oids";

/** ODM's language tags for the two languages of every label. */
export const ODM_LANGS = { zh: "zh", en: "en" } as const;

export function translated(parent: XMLBuilder, b: Bilingual): XMLBuilder {
  parent.ele("TranslatedText", { "xml:lang": ODM_LANGS.zh }).txt(b.zh);
  parent.ele("TranslatedText", { "xml:lang": ODM_LANGS.en }).txt(b.en);
  return parent;
}

const yesNo = (b: boolean) => (b ? "Yes" : "No");
const isIntegerCode = (c: string) => /^-?\d+$/.test(c);

/** ODM DataType of an item: choice items take their code list's type (integer codes or text). */
export function odmDataType(item: Pick<ItemDef, "type" | "choices">): string {
  switch (item.type) {
    case "integer":
    case "slider":
      return "integer";
    case "decimal":
    case "calc":
      return "float";
    case "date":
    case "datetime":
    case "time":
      return item.type;
    case "yesno":
    case "truefalse":
      return "boolean";
    case "radio":
    case "dropdown":
      return item.choices.length > 0 && item.choices.every((c) => isIntegerCode(c.code)) ? "integer" : "text";
    default:
      // text, longtext, descriptive, and checkbox (its ticked codes are written comma-separated)
      return "text";
  }
}

export type FileHeader = { fileOid: string; now: Date };

function odmRoot(granularity: "Metadata" | "AllClinicalData", h: FileHeader, description: string) {
  return create({ version: "1.0", encoding: "UTF-8" }).ele(ODM_NS, "ODM", {
    Description: description,
    FileType: "Snapshot",
    Granularity: granularity,
    FileOID: h.fileOid,
    CreationDateTime: h.now.toISOString(),
    ODMVersion: ODM_VERSION,
    SourceSystem: SOURCE_SYSTEM,
  });
}

/** The units of the forms, numbered in order of first use. */
export function unitOids(forms: readonly OdmForm[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of forms.flatMap((f) => f.items)) if (item.unit && !out.has(item.unit)) out.set(item.unit, oid.unit(out.size + 1));
  return out;
}

/**
 * The study's metadata as an ODM 1.3.2 document (valid against data/odm/1.3.2/ODM1-3-2.xsd):
 * events (StudyEventDef, repeating for unscheduled visits and logs), forms, their item groups
 * (runs of items, one per repeating group with Repeating="Yes"), items with their question in
 * both languages, code lists, range checks (hard and soft), units, and branching logic and
 * calculations as ConditionDef / MethodDef with REDCap-syntax FormalExpressions.
 */
export function metadataXml(design: OdmDesign, h: FileHeader): string {
  const root = odmRoot("Metadata", h, `${design.study.title.en} / ${design.study.title.zh}`);
  writeStudy(root, design);
  return root.end({ prettyPrint: true });
}

export function writeStudy(root: XMLBuilder, design: OdmDesign): void {
  const { code } = design.study;
  const study = root.ele("Study", { OID: oid.study(code) });
  study.ele("GlobalVariables").ele("StudyName").txt(code).up().ele("StudyDescription").txt(`${design.study.title.en} / ${design.study.title.zh}`).up().ele("ProtocolName").txt(code);
  const units = unitOids(design.forms);
  const basic = study.ele("BasicDefinitions");
  for (const [symbol, id] of units) basic.ele("MeasurementUnit", { OID: id, Name: symbol }).ele("Symbol").ele("TranslatedText").txt(symbol);
  const mdv = study.ele("MetaDataVersion", { OID: oid.metaDataVersion(code, design.study.protocolVersion), Name: `${code} protocol version ${design.study.protocolVersion}` });

  const protocol = mdv.ele("Protocol");
  design.events.forEach((e, i) => protocol.ele("StudyEventRef", { StudyEventOID: oid.event(e.name), OrderNumber: i + 1, Mandatory: yesNo(e.kind === "scheduled") }));
  for (const e of design.events) writeEvent(mdv, e);
  for (const f of design.forms) writeFormDef(mdv, f);
  for (const f of design.forms) for (const run of itemRuns(f)) writeItemGroup(mdv, f, run);
  for (const f of design.forms) for (const item of f.items) writeItemDef(mdv, f, item, units);
  for (const f of design.forms) for (const item of f.items) if (CHOICE_TYPES.includes(item.type) && item.choices.length) writeCodeList(mdv, f, item);
  writeMissingCodeList(mdv);
  for (const f of design.forms) {
    for (const item of f.items.filter((i) => i.branchingLogic)) {
      mdv
        .ele("ConditionDef", { OID: oid.condition(f.name, item.name), Name: `${item.name} not collected` })
        .ele("Description").ele("TranslatedText", { "xml:lang": ODM_LANGS.en }).txt(`${item.name} is collected only where this REDCap expression is true (the collection exception is its negation).`).up().up()
        .ele("FormalExpression", { Context: REDCAP_CONTEXT }).txt(item.branchingLogic!);
    }
  }
  for (const f of design.forms) {
    for (const item of f.items.filter((i) => i.calculation)) {
      mdv
        .ele("MethodDef", { OID: oid.method(f.name, item.name), Name: `${item.name} calculation`, Type: "Computation" })
        .ele("Description").ele("TranslatedText", { "xml:lang": ODM_LANGS.en }).txt(`Calculated by this REDCap expression.`).up().up()
        .ele("FormalExpression", { Context: REDCAP_CONTEXT }).txt(item.calculation!);
    }
  }
}

function writeEvent(mdv: XMLBuilder, e: OdmEvent) {
  const el = mdv.ele("StudyEventDef", { OID: oid.event(e.name), Name: e.name, Repeating: yesNo(e.kind !== "scheduled"), Type: e.kind === "scheduled" ? "Scheduled" : e.kind === "unscheduled" ? "Unscheduled" : "Common" });
  translated(el.ele("Description"), e.label);
  e.forms.forEach((f, i) => el.ele("FormRef", { FormOID: oid.form(f), OrderNumber: i + 1, Mandatory: yesNo(e.kind === "scheduled") }));
  el.ele("Alias", { Context: ALIAS.eventKind, Name: e.kind });
  if (e.visitCode) el.ele("Alias", { Context: ALIAS.visitCode, Name: e.visitCode });
}

function writeFormDef(mdv: XMLBuilder, f: OdmForm) {
  const el = mdv.ele("FormDef", { OID: oid.form(f.name), Name: f.name, Repeating: "No" });
  translated(el.ele("Description"), f.label);
  itemRuns(f).forEach((run, i) =>
    el.ele("ItemGroupRef", { ItemGroupOID: run.group ? groupOid(f, run) : oid.itemRun(f.name, run.n), OrderNumber: i + 1, Mandatory: "No" }),
  );
}

/** A repeating group is one ItemGroupDef; should a section start inside it, its later part is a second one, numbered. */
export function groupOid(f: OdmForm, run: ReturnType<typeof itemRuns>[number]): string {
  if (!run.group) return oid.itemRun(f.name, run.n);
  const first = itemRuns(f).find((r) => r.group === run.group);
  return first?.n === run.n ? oid.repeatingGroup(f.name, run.group.name) : oid.itemRun(f.name, run.n);
}

function writeItemGroup(mdv: XMLBuilder, f: OdmForm, run: ReturnType<typeof itemRuns>[number]) {
  const el = mdv.ele("ItemGroupDef", { OID: groupOid(f, run), Name: run.group ? run.group.name : `${f.name} ${run.n}`, Repeating: yesNo(run.group !== null) });
  const described = run.group ? run.group.label : run.section;
  if (described) translated(el.ele("Description"), described);
  run.items.forEach((item, i) =>
    el.ele("ItemRef", {
      ItemOID: oid.item(f.name, item.name),
      OrderNumber: i + 1,
      Mandatory: yesNo(item.required),
      ...(item.calculation ? { MethodOID: oid.method(f.name, item.name) } : {}),
      ...(item.branchingLogic ? { CollectionExceptionConditionOID: oid.condition(f.name, item.name) } : {}),
    }),
  );
  if (run.section) el.ele("Alias", { Context: ALIAS.section, Name: JSON.stringify(run.section) });
  if (run.group) {
    el.ele("Alias", { Context: ALIAS.groupName, Name: run.group.name });
    el.ele("Alias", { Context: ALIAS.maxRows, Name: String(run.group.maxRows) });
  }
}

function writeItemDef(mdv: XMLBuilder, f: OdmForm, item: ItemDef, units: Map<string, string>) {
  const dataType = odmDataType(item);
  const el = mdv.ele("ItemDef", {
    OID: oid.item(f.name, item.name),
    Name: item.name,
    DataType: dataType,
    ...(item.type === "text" ? { Length: 2000 } : item.type === "longtext" ? { Length: 10000 } : {}),
    ...(item.decimalPlaces !== null && (item.type === "decimal" || item.type === "calc") ? { SignificantDigits: item.decimalPlaces } : {}),
  });
  if (item.note) translated(el.ele("Description"), item.note);
  translated(el.ele("Question"), item.label);
  if (item.unit) el.ele("MeasurementUnitRef", { MeasurementUnitOID: units.get(item.unit)! });
  const range = (comparator: "GE" | "LE", softHard: "Hard" | "Soft", v: string | null) => {
    if (v !== null) el.ele("RangeCheck", { Comparator: comparator, SoftHard: softHard }).ele("CheckValue").txt(v);
  };
  range("GE", "Hard", item.hardMin);
  range("LE", "Hard", item.hardMax);
  range("GE", "Soft", item.softMin);
  range("LE", "Soft", item.softMax);
  if (CHOICE_TYPES.includes(item.type) && item.choices.length) el.ele("CodeListRef", { CodeListOID: oid.codeList(f.name, item.name) });
  const alias = (context: string, name: string | null | false) => {
    if (name) el.ele("Alias", { Context: context, Name: name });
  };
  alias(ALIAS.type, item.type);
  alias(ALIAS.validation, item.validation);
  alias(ALIAS.identifier, item.identifier && "y");
  alias(ALIAS.missingCodes, item.missingCodes.join(","));
  alias(ALIAS.matrixGroup, item.matrixGroup);
  alias(ALIAS.matrixRanking, item.matrixRanking && "y");
  alias(ALIAS.alignment, item.alignment);
  alias(ALIAS.questionNumber, item.questionNumber);
  alias(ALIAS.annotation, item.annotation);
  alias(ALIAS.sliderLabels, item.sliderLabels && JSON.stringify(item.sliderLabels));
  alias(ALIAS.sliderShowNumber, item.sliderShowNumber && "y");
}

function writeCodeList(mdv: XMLBuilder, f: OdmForm, item: ItemDef) {
  const el = mdv.ele("CodeList", { OID: oid.codeList(f.name, item.name), Name: item.name, DataType: item.choices.every((c) => isIntegerCode(c.code)) ? "integer" : "text" });
  item.choices.forEach((c, i) => translated(el.ele("CodeListItem", { CodedValue: c.code, OrderNumber: i + 1 }).ele("Decode"), c.label));
}

/** The missing-data codes an item may take instead of a value, flagged on ItemData (IsNull="Yes"). */
export const MISSING_DECODES: Record<string, Bilingual> = {
  ND: { zh: "未做", en: "Not done" },
  UNK: { zh: "不详", en: "Unknown" },
  NA: { zh: "不适用", en: "Not applicable" },
};

function writeMissingCodeList(mdv: XMLBuilder) {
  const el = mdv.ele("CodeList", { OID: oid.missingCodes, Name: "Missing data codes", DataType: "text" });
  Object.entries(MISSING_DECODES).forEach(([code, label], i) => translated(el.ele("CodeListItem", { CodedValue: code, OrderNumber: i + 1 }).ele("Decode"), label));
}
