import type { CrfMissingCode, CrfValidationType } from "@/db/enums";
import { forcesMinMax, isMissingCode, splitAnnotation } from "@/lib/crf/dictionary/annotation";
import { parseBilingual } from "@/lib/crf/dictionary/bilingual";
import { csvLine, headerOf, type DictionaryKey, type DictionaryProblem, type DictionaryRow } from "@/lib/crf/dictionary/columns";
import { directItemType, isValidationType, REFUSED_FIELD_TYPES, textItemType } from "@/lib/crf/dictionary/field-types";
import { CHOICE_CODE_RE, CHOICE_TYPES, CRF_NAME_MAX, CRF_NAME_RE, catalogueOf, labelFromName, type ChoiceDef, type FormDef, type ItemDef } from "@/lib/crf/design";
import { check, expressionErrorKey, parse, type Catalogue, type ExpressionError } from "@/lib/crf/expressions";
import { isLimitOf } from "@/lib/crf/limits";

const ALIGNMENTS = ["LV", "LH", "RV", "RH"];

/** Items already in the study that a dictionary may refer to (forms it does not replace). */
export type ExistingItems = Catalogue["items"];

/**
 * A dictionary's rows as forms, with every problem found, by row and column. Nothing is
 * written from a dictionary with any problem; the caller writes `forms` only when `problems`
 * is empty.
 */
export function interpretDictionary(rows: readonly DictionaryRow[], existing: { items: ExistingItems; forms: readonly string[] }): { forms: FormDef[]; problems: DictionaryProblem[] } {
  const problems: DictionaryProblem[] = [];
  const forms: FormDef[] = [];
  const at = (i: number, key: DictionaryKey | "", k: string, params?: DictionaryProblem["params"]) =>
    problems.push({ row: csvLine(i), column: key === "" ? "" : headerOf(key), key: `crf.dictionary.problems.${k}`, ...(params ? { params } : {}) });
  const seenNames = new Map<string, number>();
  const closedForms = new Set<string>();
  const items: { def: ItemDef; row: number }[] = [];

  rows.forEach((r, i) => {
    const name = r.name.trim();
    if (!CRF_NAME_RE.test(name) || name.length > CRF_NAME_MAX) at(i, "name", "badName", { name });
    else if (seenNames.has(name)) at(i, "name", "duplicateName", { name, row: csvLine(seenNames.get(name)!) });
    else if (Object.hasOwn(existing.items, name)) at(i, "name", "nameInStudy", { name });
    seenNames.set(name, i);

    const formName = r.form.trim();
    let form = forms.at(-1);
    const formNameOk = CRF_NAME_RE.test(formName) && formName.length <= CRF_NAME_MAX;
    if (!formNameOk) at(i, "form", "badFormName", { form: formName });
    if (!form || form.name !== formName) {
      if (formNameOk && closedForms.has(formName)) at(i, "form", "formNotContiguous", { form: formName });
      else if (formNameOk && existing.forms.includes(formName)) at(i, "form", "formInStudy", { form: formName });
      if (form) closedForms.add(form.name);
      form = { name: formName, label: labelFromName(formName), items: [] };
      forms.push(form);
    }

    const fieldType = r.type.trim();
    if (Object.hasOwn(REFUSED_FIELD_TYPES, fieldType)) {
      problems.push({ row: csvLine(i), column: headerOf("type"), key: REFUSED_FIELD_TYPES[fieldType], params: { type: fieldType } });
      return;
    }
    const validationText = r.validation.trim();
    let validation: CrfValidationType | null = null;
    let type = directItemType(fieldType);
    let decimalPlaces: number | null = null;
    let sliderShowNumber = false;
    if (fieldType === "text") {
      if (validationText !== "" && !isValidationType(validationText)) at(i, "validation", "unknownValidation", { validation: validationText });
      else validation = validationText === "" ? null : (validationText as CrfValidationType);
      ({ type, decimalPlaces } = textItemType(validation));
    } else if (fieldType === "slider") {
      if (validationText !== "" && validationText !== "number") at(i, "validation", "sliderValidation");
      sliderShowNumber = validationText === "number";
    } else if (type && validationText !== "") at(i, "validation", "validationNotAllowed", { type: fieldType });
    if (!type) {
      at(i, "type", "unknownType", { type: fieldType });
      return;
    }

    const { annotation, missingCodes, unit } = splitAnnotation(r.annotation);
    const codes: CrfMissingCode[] = [];
    for (const c of missingCodes) {
      if (!isMissingCode(c)) at(i, "annotation", "unknownMissingCode", { code: c });
      else if (!codes.includes(c)) codes.push(c);
    }

    let choices: ChoiceDef[] = [];
    let calculation: string | null = null;
    let sliderLabels: ItemDef["sliderLabels"] = null;
    const choicesText = r.choices.trim();
    if (CHOICE_TYPES.includes(type)) {
      choices = parseChoices(choicesText, (k, p) => at(i, "choices", k, p));
    } else if (type === "calc") {
      if (choicesText === "") at(i, "choices", "calcMissing");
      calculation = choicesText || null;
    } else if (type === "slider") {
      const parts = choicesText === "" ? [] : choicesText.split("|").map((s) => parseBilingual(s));
      if (parts.length > 3) at(i, "choices", "sliderLabels");
      sliderLabels = parts.length ? parts : null;
    } else if (choicesText !== "") at(i, "choices", "choicesNotAllowed", { type: fieldType });

    const hard = forcesMinMax(annotation);
    const min = r.min.trim() || null;
    const max = r.max.trim() || null;
    for (const [key, v] of [["min", min], ["max", max]] as const) {
      if (v !== null && !isLimitOf(type, v)) at(i, key, "badLimit", { value: v, type: fieldType === "text" ? validationText || "text" : fieldType });
    }
    if (min && max && isLimitOf(type, min) && isLimitOf(type, max) && ["integer", "decimal", "slider"].includes(type) && Number(min) > Number(max)) at(i, "max", "minAboveMax");

    const flag = (key: "identifier" | "required" | "matrixRanking") => {
      const v = r[key].trim().toLowerCase();
      if (v !== "" && v !== "y" && v !== "n") at(i, key, "badFlag", { value: r[key] });
      return v === "y";
    };
    const alignment = r.alignment.trim() || null;
    if (alignment && !ALIGNMENTS.includes(alignment)) at(i, "alignment", "badAlignment", { value: alignment });
    const matrixGroup = r.matrixGroup.trim() || null;
    if (matrixGroup && (!CRF_NAME_RE.test(matrixGroup) || matrixGroup.length > CRF_NAME_MAX)) at(i, "matrixGroup", "badName", { name: matrixGroup });
    if (matrixGroup && type !== "radio" && type !== "checkbox") at(i, "matrixGroup", "matrixType");
    const label = r.label.trim();
    if (label === "" && type !== "descriptive") at(i, "label", "labelMissing");

    const def: ItemDef = {
      name,
      type,
      validation,
      section: r.section.trim() ? parseBilingual(r.section) : null,
      label: parseBilingual(label),
      note: r.note.trim() ? parseBilingual(r.note) : null,
      unit,
      decimalPlaces,
      required: flag("required"),
      identifier: flag("identifier"),
      hardMin: hard ? min : null,
      hardMax: hard ? max : null,
      softMin: hard ? null : min,
      softMax: hard ? null : max,
      branchingLogic: r.branching.trim() || null,
      calculation,
      choices,
      sliderLabels,
      sliderShowNumber,
      missingCodes: codes,
      matrixGroup,
      matrixRanking: flag("matrixRanking"),
      alignment,
      questionNumber: r.questionNumber.trim() || null,
      annotation,
    };
    form.items.push(def);
    items.push({ def, row: i });
  });

  checkMatrixGroups(items, at);
  const catalogue: Catalogue = { items: { ...existing.items, ...catalogueOf(items.map((x) => x.def)).items } };
  for (const { def, row } of items) {
    const report = (column: DictionaryKey) => (e: ExpressionError) =>
      problems.push({ row: csvLine(row), column: headerOf(column), key: expressionErrorKey(e.code), params: { ...(e.params ?? {}), at: e.start + 1 } });
    if (def.branchingLogic) expressionProblems(def.branchingLogic, catalogue, "condition").forEach(report("branching"));
    if (def.calculation) expressionProblems(def.calculation, catalogue, "number").forEach(report("choices"));
  }
  problems.sort((a, b) => a.row - b.row);
  return { forms, problems };
}

function parseChoices(text: string, report: (key: string, params?: DictionaryProblem["params"]) => void): ChoiceDef[] {
  if (text === "") {
    report("choicesMissing");
    return [];
  }
  const out: ChoiceDef[] = [];
  for (const part of text.split("|")) {
    const comma = part.indexOf(",");
    const code = (comma < 0 ? part : part.slice(0, comma)).trim();
    const label = comma < 0 ? "" : part.slice(comma + 1).trim();
    if (!CHOICE_CODE_RE.test(code)) report("badChoiceCode", { code });
    else if (out.some((c) => c.code === code)) report("duplicateChoice", { code });
    else if (label === "") report("choiceLabelMissing", { code });
    else out.push({ code, label: parseBilingual(label) });
  }
  return out;
}

/** REDCap's rule: the fields of a matrix are consecutive and share one type and one set of choices. */
function checkMatrixGroups(items: readonly { def: ItemDef; row: number }[], at: (i: number, key: DictionaryKey, k: string, params?: DictionaryProblem["params"]) => void) {
  const first = new Map<string, { def: ItemDef; row: number }>();
  let previous: string | null = null;
  for (const x of items) {
    const g = x.def.matrixGroup;
    if (g) {
      const head = first.get(g);
      if (!head) first.set(g, x);
      else if (previous !== g) at(x.row, "matrixGroup", "matrixNotContiguous", { group: g });
      else if (head.def.type !== x.def.type || JSON.stringify(head.def.choices) !== JSON.stringify(x.def.choices)) at(x.row, "matrixGroup", "matrixChoices", { group: g });
    }
    previous = g;
  }
}

function expressionProblems(src: string, catalogue: Catalogue, expect: "condition" | "number"): ExpressionError[] {
  const parsed = parse(src);
  if (parsed.errors) return parsed.errors;
  return check(parsed.ast, catalogue, { expect });
}
