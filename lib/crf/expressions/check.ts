import { ARITHMETIC_OPS, COMPARISON_OPS, type CallNode, type Node, type RefNode } from "@/lib/crf/expressions/ast";
import { choicesOf, type Catalogue, type CatalogueItem } from "@/lib/crf/expressions/catalogue";
import { isDateFormat, isDateUnit, parseMoment, type DateFormat } from "@/lib/crf/expressions/dates";
import type { ExpressionError, ExpressionErrorCode } from "@/lib/crf/expressions/errors";
import { valuesEqual } from "@/lib/crf/expressions/evaluate";
import { FUNCTIONS, NUMERIC_FUNCTIONS, isFunctionName } from "@/lib/crf/expressions/functions";
import { looksNumeric } from "@/lib/crf/expressions/values";

/** What an expression yields, as far as the catalogue tells before any value is entered. */
export type StaticType = "number" | "boolean" | "text" | "date" | "datetime" | "time" | "any";

export type CheckOptions = {
  /** "condition" for branching logic, "number" for a calculated item. */
  expect?: "condition" | "number";
};

const DATE_TYPES: readonly StaticType[] = ["date", "datetime", "time"];

function itemType(item: CatalogueItem): StaticType {
  switch (item.type) {
    case "integer":
    case "decimal":
    case "calc":
    case "slider":
    case "yesno":
      return "number";
    case "radio":
    case "dropdown":
      return choicesOf(item).every(looksNumeric) ? "number" : "text";
    case "date":
    case "datetime":
    case "time":
      return item.type;
    case "text":
    case "longtext":
      return "text";
    default:
      return "any";
  }
}

const isLiteralFlag = (n: Node | undefined) => n !== undefined && (n.type === "boolean" || (n.type === "string" && /^(true|false)$/i.test(n.value)));

class Checker {
  readonly errors: ExpressionError[] = [];
  constructor(private readonly catalogue: Catalogue) {}

  private report(code: ExpressionErrorCode, at: { start: number; end: number }, params?: ExpressionError["params"]) {
    this.errors.push({ code, start: at.start, end: at.end, ...(params ? { params } : {}) });
  }

  /** The catalogue item a reference names, after reporting what is wrong with the reference. */
  private item(ref: RefNode): CatalogueItem | undefined {
    const item = this.catalogue.items[ref.item];
    if (!Object.hasOwn(this.catalogue.items, ref.item) || !item) {
      this.report("unknownItem", ref, { item: ref.item });
      return undefined;
    }
    const events = this.catalogue.events;
    if (ref.event !== undefined && events) {
      if (!Object.hasOwn(events, ref.event)) this.report("unknownEvent", ref, { event: ref.event });
      else if (!events[ref.event].includes(ref.item)) this.report("itemNotInEvent", ref, { item: ref.item, event: ref.event });
    }
    return item;
  }

  private ref(ref: RefNode): StaticType {
    const item = this.item(ref);
    if (!item) return "any";
    if (ref.choice !== undefined) {
      if (item.type !== "checkbox") this.report("choiceOnNonCheckbox", ref, { item: ref.item });
      else if (!choicesOf(item).includes(ref.choice) && !(item.missingCodes ?? []).includes(ref.choice))
        this.report("unknownChoice", ref, { item: ref.item, choice: ref.choice });
      return "number";
    }
    if (item.type === "checkbox") {
      this.report("checkboxNeedsChoice", ref, { item: ref.item });
      return "number";
    }
    if (item.type === "descriptive") {
      this.report("notAValue", ref, { item: ref.item });
      return "any";
    }
    return itemType(item);
  }

  /** Reports a literal compared with a coded item that has no such code. */
  private codeCompared(side: Node, literal: Node) {
    if (side.type !== "ref" || (literal.type !== "string" && literal.type !== "number")) return;
    const item = Object.hasOwn(this.catalogue.items, side.item) ? this.catalogue.items[side.item] : undefined;
    if (!item) return;
    const value = literal.value;
    if (value === "") return;
    let codes: readonly string[];
    if (side.choice !== undefined) codes = item.type === "checkbox" ? ["1", "0"] : [];
    else if (["radio", "dropdown", "yesno"].includes(item.type)) codes = [...choicesOf(item), ...(item.missingCodes ?? [])];
    else return;
    if (codes.length && !codes.some((c) => valuesEqual(c, value))) this.report("unknownCode", literal, { item: side.item, code: String(value) });
  }

  private numeric(n: Node, t: StaticType) {
    if (DATE_TYPES.includes(t)) this.report("dateInArithmetic", n);
    else if (t === "text") this.report("textInArithmetic", n);
  }

  infer(n: Node): StaticType {
    switch (n.type) {
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "string":
        return looksNumeric(n.value) ? "number" : "text";
      case "ref":
        return this.ref(n);
      case "unary": {
        const t = this.infer(n.operand);
        if (n.op === "not") return "boolean";
        this.numeric(n.operand, t);
        return "number";
      }
      case "binary": {
        const [l, r] = [this.infer(n.left), this.infer(n.right)];
        if (ARITHMETIC_OPS.includes(n.op)) {
          this.numeric(n.left, l);
          this.numeric(n.right, r);
          return "number";
        }
        if (COMPARISON_OPS.includes(n.op)) {
          const dated = (t: StaticType) => t === "date" || t === "datetime";
          if ((dated(l) && r === "number") || (dated(r) && l === "number")) this.report("comparesDateWithNumber", n);
          this.codeCompared(n.left, n.right);
          this.codeCompared(n.right, n.left);
        }
        return "boolean";
      }
      case "call":
        return this.call(n);
    }
  }

  private dateArg(fn: CallNode, i: number, format: DateFormat) {
    const a = fn.args[i];
    if (a.type === "string") {
      if (!/^(today|now)$/i.test(a.value) && !parseMoment(a.value, format)) this.report("notADate", a, { name: fn.name });
      return;
    }
    const t = this.infer(a);
    if (t !== "any" && !DATE_TYPES.includes(t)) this.report("notADate", a, { name: fn.name });
  }

  private dateDiff(fn: CallNode) {
    const [, , unit, fourth, fifth] = fn.args;
    let format: DateFormat = "ymd";
    if (fourth && !isLiteralFlag(fourth)) {
      if (fourth.type === "string" && isDateFormat(fourth.value)) format = fourth.value;
      else this.report("invalidDateFormat", fourth);
    } else if (fourth && fifth) this.report("invalidDateFormat", fourth);
    if (fifth && !isLiteralFlag(fifth)) this.report("invalidSignedFlag", fifth);
    this.dateArg(fn, 0, format);
    this.dateArg(fn, 1, format);
    if (unit.type !== "string" || !isDateUnit(unit.value)) {
      this.infer(unit);
      this.report("invalidDateUnit", unit);
    }
  }

  private call(fn: CallNode): StaticType {
    const nameSpan = { start: fn.start, end: fn.start + fn.name.length };
    if (!isFunctionName(fn.name)) {
      this.report("unknownFunction", nameSpan, { name: fn.name });
      for (const a of fn.args) this.infer(a);
      return "any";
    }
    const { min, max } = FUNCTIONS[fn.name];
    if (fn.args.length < min || fn.args.length > max) {
      if (min === max) this.report("arityExact", fn, { name: fn.name, count: min });
      else if (max === Infinity) this.report("arityAtLeast", fn, { name: fn.name, count: min });
      else this.report("arityRange", fn, { name: fn.name, min, max });
      for (const a of fn.args) this.infer(a);
      return fn.name === "if" || fn.name.startsWith("is") ? "any" : "number";
    }
    if (fn.name === "datediff") {
      this.dateDiff(fn);
      return "number";
    }
    const types = fn.args.map((a) => this.infer(a));
    if (NUMERIC_FUNCTIONS.includes(fn.name)) {
      fn.args.forEach((a, i) => {
        if (DATE_TYPES.includes(types[i]) || types[i] === "text") this.report("notANumber", a, { name: fn.name });
      });
      return "number";
    }
    if (fn.name === "if") return types[1] === types[2] ? types[1] : "any";
    return "boolean";
  }
}

/**
 * Checks a parsed expression against the catalogue of the form's items: unknown items and
 * events, checkbox choices, codes a coded item does not have, dates or text in arithmetic,
 * functions and their arity, datediff's units and flags. Errors carry source offsets, in order.
 */
export function check(ast: Node, catalogue: Catalogue, options: CheckOptions = {}): ExpressionError[] {
  const checker = new Checker(catalogue);
  const t = checker.infer(ast);
  if (options.expect === "condition" && t !== "boolean" && t !== "any") checker.errors.push({ code: "expectedCondition", start: ast.start, end: ast.end });
  if (options.expect === "number" && t !== "number" && t !== "boolean" && t !== "any") checker.errors.push({ code: "expectedNumber", start: ast.start, end: ast.end });
  return checker.errors.sort((a, b) => a.start - b.start || a.end - b.end);
}
