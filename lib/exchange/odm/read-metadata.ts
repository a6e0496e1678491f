import { XMLParser, XMLValidator } from "fast-xml-parser";
import { CRF_ITEM_TYPES, CRF_MISSING_CODES, type CrfItemType, type CrfMissingCode, type CrfValidationType } from "@/db/enums";
import { isValidationType, textItemType } from "@/lib/crf/dictionary/field-types";
import { CHOICE_TYPES, labelFromName, type Bilingual, type ChoiceDef, type ItemDef } from "@/lib/crf/design";
import type { OdmForm, OdmGroup } from "@/lib/exchange/odm/design";
import { ALIAS, REDCAP_CONTEXT } from "@/lib/exchange/odm/oids";

/** An ODM file for the import is metadata: a few MB at most (3000 items with two languages is under 2 MB). */
export const MAX_ODM_BYTES = 5 * 1024 * 1024;
export const MAX_ODM_FORMS = 200;
export const MAX_ODM_ITEMS = 3000;

/** A problem of an ODM file, where a person finds it: the line and the element (with its OID). */
export type OdmProblem = { line: number; element: string; key: string; params?: Record<string, string | number> };

export type OdmRead = { forms: OdmForm[]; problems: OdmProblem[]; itemAt: { line: number; element: string }[] };

type Node = Record<string, unknown>;

const LISTS = new Set([
  "Study", "MetaDataVersion", "StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef", "CodeList", "CodeListItem", "EnumeratedItem", "ItemGroupRef", "ItemRef",
  "RangeCheck", "CheckValue", "Alias", "TranslatedText", "MeasurementUnit", "MeasurementUnitRef", "ConditionDef", "MethodDef", "FormalExpression", "FormRef", "StudyEventRef",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  trimValues: true,
  isArray: (name) => LISTS.has(name),
});

const list = (n: unknown, key: string): Node[] => (n && typeof n === "object" && Array.isArray((n as Node)[key]) ? ((n as Node)[key] as Node[]) : []);
const child = (n: unknown, key: string): Node | undefined => {
  const v = n && typeof n === "object" ? (n as Node)[key] : undefined;
  if (Array.isArray(v)) return v[0] as Node | undefined;
  return v && typeof v === "object" ? (v as Node) : typeof v === "string" ? { "#text": v } : undefined;
};
const attr = (n: Node | undefined, name: string): string | undefined => {
  const v = n?.[`@${name}`];
  return typeof v === "string" ? v : undefined;
};
const text = (n: unknown): string => (typeof n === "string" ? n : n && typeof n === "object" && typeof (n as Node)["#text"] === "string" ? ((n as Node)["#text"] as string) : "");

/** The zh and en texts of a TranslatedText list (xml:lang "zh", "zh-CN"… and "en"…); one language alone serves both. */
function bilingual(n: Node | undefined): Bilingual | null {
  const texts = list(n, "TranslatedText").map((t) => ({ lang: (attr(t, "lang") ?? "").toLowerCase(), text: text(t).trim() }));
  if (!texts.length) return null;
  const zh = texts.find((t) => t.lang.startsWith("zh"))?.text;
  const en = texts.find((t) => t.lang.startsWith("en"))?.text;
  const any = texts[0].text;
  return { zh: zh ?? en ?? any, en: en ?? zh ?? any };
}

function aliases(n: Node): Map<string, string> {
  return new Map(list(n, "Alias").map((a) => [attr(a, "Context") ?? "", attr(a, "Name") ?? ""]));
}

/** ODM names are free text; the model's names follow REDCap's rule, so an outside name is lower-cased with other characters as "_". */
const modelName = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9_]/g, "_");

const ordered = (refs: Node[]) =>
  refs.map((r, i) => ({ r, i, n: Number(attr(r, "OrderNumber") ?? NaN) })).sort((a, b) => (Number.isFinite(a.n) && Number.isFinite(b.n) ? a.n - b.n : 0) || a.i - b.i).map((x) => x.r);

function json<T>(s: string | undefined, ok: (v: unknown) => v is T): T | null {
  if (!s) return null;
  try {
    const v: unknown = JSON.parse(s);
    return ok(v) ? v : null;
  } catch {
    return null;
  }
}
const isBilingual = (v: unknown): v is Bilingual => typeof v === "object" && v !== null && typeof (v as Bilingual).zh === "string" && typeof (v as Bilingual).en === "string";
const isBilingualList = (v: unknown): v is Bilingual[] => Array.isArray(v) && v.length <= 3 && v.every(isBilingual);

/**
 * Reads the forms of an ODM 1.3.2 file's first MetaDataVersion as this model's designs, in the
 * file's order: FormDef → form, ItemGroupRef order → items (a Repeating="Yes" group becomes a
 * repeating group), ItemDef → item (DataType, Question, CodeList, RangeCheck, unit, the
 * REDCap FormalExpressions of its ConditionDef and MethodDef, the NCRC aliases a file written
 * here carries). Problems are collected by line and element; nothing here touches a study
 * (the dictionary plan checks names, limits and logic afterwards). Events are not read: the
 * import adds forms, events are the schedule's.
 */
export function readOdmMetadata(xml: string): OdmRead {
  const problems: OdmProblem[] = [];
  const itemAt: OdmRead["itemAt"] = [];
  const forms: OdmForm[] = [];
  const lineOf = lineIndex(xml);
  const at = (element: string, oidValue: string | undefined, key: string, params?: OdmProblem["params"]) =>
    problems.push({ line: oidValue ? lineOf(oidValue) : 1, element: oidValue ? `${element} ${oidValue}` : element, key: `odm.problems.${key}`, ...(params ? { params } : {}) });

  if (Buffer.byteLength(xml, "utf8") > MAX_ODM_BYTES) {
    at("ODM", undefined, "tooLarge", { max: MAX_ODM_BYTES / 1024 / 1024 });
    return { forms, problems, itemAt };
  }
  // No document type: its entities are the one way an XML file grows without bound when read.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    at("ODM", undefined, "doctype");
    return { forms, problems, itemAt };
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    problems.push({ line: valid.err.line, element: "", key: "odm.problems.malformed", params: { detail: valid.err.msg.slice(0, 200), col: valid.err.col } });
    return { forms, problems, itemAt };
  }
  const doc = parser.parse(xml) as Node;
  const odm = child(doc, "ODM");
  if (!odm) {
    at("ODM", undefined, "notOdm");
    return { forms, problems, itemAt };
  }
  const mdv = list(list(odm, "Study")[0], "MetaDataVersion")[0];
  if (!mdv) {
    at("MetaDataVersion", undefined, "noMetaDataVersion");
    return { forms, problems, itemAt };
  }
  const byOid = (key: string) => new Map(list(mdv, key).map((n) => [attr(n, "OID") ?? "", n]));
  const groupDefs = byOid("ItemGroupDef");
  const itemDefs = byOid("ItemDef");
  const codeLists = byOid("CodeList");
  const conditions = byOid("ConditionDef");
  const methods = byOid("MethodDef");
  const units = new Map(list(child(list(odm, "Study")[0], "BasicDefinitions"), "MeasurementUnit").map((u) => [attr(u, "OID") ?? "", bilingual(child(u, "Symbol"))?.en ?? attr(u, "Name") ?? ""]));

  const formDefs = list(mdv, "FormDef");
  if (formDefs.length === 0) at("MetaDataVersion", attr(mdv, "OID"), "noForms");
  if (formDefs.length > MAX_ODM_FORMS) {
    at("MetaDataVersion", attr(mdv, "OID"), "tooManyForms", { max: MAX_ODM_FORMS });
    return { forms, problems, itemAt };
  }
  let itemCount = 0;
  for (const fd of formDefs) {
    const formOid = attr(fd, "OID");
    const name = modelName(attr(fd, "Name") ?? formOid ?? "");
    const form: OdmForm = { name, label: bilingual(child(fd, "Description")) ?? labelFromName(name || "form"), items: [], groups: [] };
    forms.push(form);
    for (const ref of ordered(list(fd, "ItemGroupRef"))) {
      const gOid = attr(ref, "ItemGroupOID");
      const gd = groupDefs.get(gOid ?? "");
      if (!gd) {
        at("FormDef", formOid, "unknownItemGroup", { oid: gOid ?? "" });
        continue;
      }
      const ga = aliases(gd);
      const repeating = attr(gd, "Repeating") === "Yes";
      let section = json(ga.get(ALIAS.section), isBilingual) ?? (repeating ? null : bilingual(child(gd, "Description")));
      let group: OdmGroup | null = null;
      if (repeating) {
        const gName = ga.get(ALIAS.groupName) ?? modelName(attr(gd, "Name") ?? gOid ?? "");
        group = form.groups.find((g) => g.name === gName) ?? null;
        if (!group) {
          const maxRows = Number(ga.get(ALIAS.maxRows) ?? 50);
          if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 200) at("ItemGroupDef", gOid, "badMaxRows", { value: ga.get(ALIAS.maxRows) ?? "" });
          group = { name: gName, label: bilingual(child(gd, "Description")) ?? labelFromName(gName || "group"), maxRows: Math.min(200, Math.max(1, Number.isInteger(maxRows) ? maxRows : 50)), items: [] };
          form.groups.push(group);
        }
      }
      for (const ir of ordered(list(gd, "ItemRef"))) {
        const iOid = attr(ir, "ItemOID");
        const id = itemDefs.get(iOid ?? "");
        if (!id) {
          at("ItemGroupDef", gOid, "unknownItem", { oid: iOid ?? "" });
          continue;
        }
        if (++itemCount > MAX_ODM_ITEMS) {
          at("ItemDef", iOid, "tooManyItems", { max: MAX_ODM_ITEMS });
          return { forms, problems, itemAt };
        }
        const item = readItem(id, ir, { codeLists, conditions, methods, units }, (key, params, element = "ItemDef", o = iOid) => at(element, o, key, params));
        if (!item) continue;
        item.section = section;
        section = null;
        form.items.push(item);
        itemAt.push({ line: lineOf(iOid ?? ""), element: `ItemDef ${iOid ?? ""}` });
        group?.items.push(item.name);
      }
    }
  }
  return { forms, problems, itemAt };
}

type Defs = { codeLists: Map<string, Node>; conditions: Map<string, Node>; methods: Map<string, Node>; units: Map<string, string> };

function redcapExpression(def: Node | undefined): string | null {
  const fe = list(def, "FormalExpression").find((f) => (attr(f, "Context") ?? "").toLowerCase() === REDCAP_CONTEXT.toLowerCase());
  return fe ? text(fe).trim() || null : null;
}

function readItem(id: Node, ref: Node, defs: Defs, problem: (key: string, params?: OdmProblem["params"], element?: string, oid?: string) => void): ItemDef | null {
  const a = aliases(id);
  const dataType = attr(id, "DataType") ?? "";
  const codeListOid = attr(child(id, "CodeListRef"), "CodeListOID");
  const methodOid = attr(ref, "MethodOID");
  const conditionOid = attr(ref, "CollectionExceptionConditionOID");
  const aliasType = a.get(ALIAS.type);
  let type: CrfItemType | undefined = aliasType && (CRF_ITEM_TYPES as readonly string[]).includes(aliasType) ? (aliasType as CrfItemType) : undefined;
  if (aliasType && !type) problem("unknownItemType", { type: aliasType });
  if (!type) type = typeOfDataType(dataType, codeListOid !== undefined, methodOid !== undefined);
  if (!type) {
    problem("unknownDataType", { dataType });
    return null;
  }
  const validationText = a.get(ALIAS.validation);
  let validation: CrfValidationType | null = validationText && isValidationType(validationText) ? validationText : null;
  if (validationText && !validation) problem("unknownValidation", { validation: validationText });
  // A file written here names the validation whenever there is one; another system's file gets the dictionary's default for the type.
  if (!validationText && !aliasType) validation = defaultValidation(type, attr(id, "SignificantDigits"));
  const decimalPlaces = type === "decimal" ? textItemType(validation).decimalPlaces ?? significantDigits(attr(id, "SignificantDigits")) : type === "calc" ? significantDigits(attr(id, "SignificantDigits")) : null;

  const limits: Pick<ItemDef, "hardMin" | "hardMax" | "softMin" | "softMax"> = { hardMin: null, hardMax: null, softMin: null, softMax: null };
  for (const rc of list(id, "RangeCheck")) {
    const comparator = attr(rc, "Comparator") ?? "";
    const hard = attr(rc, "SoftHard") === "Hard";
    const value = text(list(rc, "CheckValue")[0]).trim();
    const side = comparator === "GE" || comparator === "GT" ? "Min" : comparator === "LE" || comparator === "LT" ? "Max" : null;
    if (!side || value === "") {
      problem("unsupportedRangeCheck", { comparator });
      continue;
    }
    limits[`${hard ? "hard" : "soft"}${side}`] = value;
  }

  let choices: ChoiceDef[] = [];
  if (codeListOid !== undefined) {
    const cl = defs.codeLists.get(codeListOid);
    if (!cl) problem("unknownCodeList", { oid: codeListOid });
    else {
      choices = [
        ...ordered(list(cl, "CodeListItem")).map((c) => ({ code: attr(c, "CodedValue") ?? "", label: bilingual(child(c, "Decode")) ?? { zh: attr(c, "CodedValue") ?? "", en: attr(c, "CodedValue") ?? "" } })),
        ...ordered(list(cl, "EnumeratedItem")).map((c) => ({ code: attr(c, "CodedValue") ?? "", label: { zh: attr(c, "CodedValue") ?? "", en: attr(c, "CodedValue") ?? "" } })),
      ];
    }
  }
  if (codeListOid !== undefined && !CHOICE_TYPES.includes(type)) problem("codeListNotAllowed", { type });

  const expression = (oidValue: string | undefined, map: Map<string, Node>, element: string): string | null => {
    if (oidValue === undefined) return null;
    const def = map.get(oidValue);
    if (!def) {
      problem("unknownReference", { oid: oidValue }, element, oidValue);
      return null;
    }
    const src = redcapExpression(def);
    if (src === null) problem("notRedcapExpression", {}, element, oidValue);
    return src;
  };
  const branchingLogic = expression(conditionOid, defs.conditions, "ConditionDef");
  const calculation = expression(methodOid, defs.methods, "MethodDef");

  const unitOid = attr(list(id, "MeasurementUnitRef")[0], "MeasurementUnitOID");
  const unit = unitOid === undefined ? null : defs.units.get(unitOid) || null;
  if (unitOid !== undefined && unit === null) problem("unknownUnit", { oid: unitOid });
  const missingCodes = (a.get(ALIAS.missingCodes) ?? "").split(",").filter(Boolean);
  const badCode = missingCodes.find((c) => !(CRF_MISSING_CODES as readonly string[]).includes(c));
  if (badCode) problem("unknownMissingCode", { code: badCode });
  const name = modelName(attr(id, "Name") ?? attr(id, "OID") ?? "");
  const label = bilingual(child(id, "Question")) ?? (type === "descriptive" ? { zh: "", en: "" } : labelFromName(name || "item"));
  return {
    name,
    type,
    validation,
    section: null,
    label,
    note: bilingual(child(id, "Description")),
    unit,
    decimalPlaces,
    required: attr(ref, "Mandatory") === "Yes",
    identifier: a.get(ALIAS.identifier) === "y",
    ...limits,
    branchingLogic,
    calculation,
    choices,
    sliderLabels: json(a.get(ALIAS.sliderLabels), isBilingualList),
    sliderShowNumber: a.get(ALIAS.sliderShowNumber) === "y",
    missingCodes: [...new Set(missingCodes.filter((c): c is CrfMissingCode => (CRF_MISSING_CODES as readonly string[]).includes(c)))],
    matrixGroup: a.get(ALIAS.matrixGroup) || null,
    matrixRanking: a.get(ALIAS.matrixRanking) === "y",
    alignment: a.get(ALIAS.alignment) || null,
    questionNumber: a.get(ALIAS.questionNumber) || null,
    annotation: a.get(ALIAS.annotation) || null,
  };
}

/** The item type of an ODM DataType for a file not written here (no NCRC alias). */
function typeOfDataType(dataType: string, hasCodeList: boolean, hasMethod: boolean): CrfItemType | undefined {
  if (hasMethod) return "calc";
  if (hasCodeList) return "dropdown";
  const map: Record<string, CrfItemType> = { text: "text", string: "text", integer: "integer", float: "decimal", double: "decimal", date: "date", datetime: "datetime", time: "time", boolean: "yesno" };
  return Object.hasOwn(map, dataType) ? map[dataType] : undefined;
}

function significantDigits(s: string | undefined): number | null {
  const n = Number(s);
  return s !== undefined && Number.isInteger(n) && n >= 0 && n <= 6 ? n : null;
}

/** The validation a dictionary gives these types, for files without the NCRC alias. */
function defaultValidation(type: CrfItemType, digits: string | undefined): CrfValidationType | null {
  if (type === "integer") return "integer";
  if (type === "decimal") {
    const n = significantDigits(digits);
    return (n !== null && n >= 1 && n <= 4 ? `number_${n}dp` : "number") as CrfValidationType;
  }
  if (type === "date") return "date_ymd";
  if (type === "datetime") return "datetime_ymd";
  if (type === "time") return "time";
  return null;
}

/** The line of the first `OID="…"` attribute with each value (1 when none): where the element is defined. One pass over the file. */
function lineIndex(xml: string): (oidValue: string) => number {
  const lines = new Map<string, number>();
  const re = /\sOID="([^"]*)"/g;
  let line = 1;
  let from = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let k = xml.indexOf("\n", from); k >= 0 && k < m.index + 1; k = xml.indexOf("\n", k + 1)) line++;
    from = m.index + 1;
    const value = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    if (!lines.has(value)) lines.set(value, line);
  }
  return (oidValue) => lines.get(oidValue) ?? 1;
}
