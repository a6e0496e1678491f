import type { BinaryNode, CallNode, Node, RefNode } from "@/lib/crf/expressions/ast";
import { dateDiff, isDateFormat, isDateUnit, parseMoment, type DateFormat, type Moment } from "@/lib/crf/expressions/dates";
import { FUNCTIONS, isFunctionName, type FunctionName } from "@/lib/crf/expressions/functions";
import { BLANK, formatNumber, isMissing, looksNumeric, toBoolean, toNumber, type EvaluationContext, type StoredValue, type Value } from "@/lib/crf/expressions/values";

/**
 * REDCap's semantics, the same in the browser (live branching and calculations) and on the server
 * (the authority). Blank propagates through arithmetic; a missing-data code counts as blank there
 * and as its code in `=`; `<`, `>`, `<=`, `>=` are false when a side is blank or missing; two
 * values that both look numeric compare as numbers, others as strings.
 */
export function evaluate(ast: Node, ctx: EvaluationContext): Value {
  switch (ast.type) {
    case "number":
    case "string":
    case "boolean":
      return ast.value;
    case "ref":
      return lookup(ast, ctx);
    case "unary": {
      const v = evaluate(ast.operand, ctx);
      if (ast.op === "not") return !toBoolean(v);
      const n = toNumber(v);
      return n === undefined ? BLANK : ast.op === "-" ? -n : n;
    }
    case "binary":
      return binary(ast, ctx);
    case "call":
      return call(ast, ctx);
  }
}

/** The value a calculated item stores: a number written plainly, or "" when the result is blank. */
export function calculate(ast: Node, ctx: EvaluationContext): string {
  const n = toNumber(evaluate(ast, ctx));
  return n === undefined ? BLANK : formatNumber(n);
}

/** Whether branching logic shows its item. */
export function isShown(ast: Node, ctx: EvaluationContext): boolean {
  return toBoolean(evaluate(ast, ctx));
}

/** Own keys only: an item named "constructor" or "__proto__" must not reach Object.prototype. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function stored(ref: RefNode, ctx: EvaluationContext): StoredValue | undefined {
  if (ref.event === undefined || ref.event === ctx.event) return own(ctx.values, ref.item);
  return own(own(ctx.events, ref.event), ref.item);
}

function lookup(ref: RefNode, ctx: EvaluationContext): Value {
  const v = stored(ref, ctx);
  if (ref.choice !== undefined) {
    if (Array.isArray(v)) return v.includes(ref.choice) ? "1" : "0";
    // REDCap stores a checkbox's missing-data code as one more choice of it.
    if (isMissing(v)) return v.missing === ref.choice ? "1" : "0";
    return v === undefined || v === BLANK ? "0" : BLANK;
  }
  if (v === undefined || Array.isArray(v)) return BLANK;
  return typeof v === "string" || isMissing(v) ? (v as Value) : BLANK;
}

function arithmetic(op: string, a: number, b: number): number | undefined {
  const r = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? a / b : a ** b;
  // Division by zero, overflow and roots of negatives have no value in REDCap: blank.
  return Number.isFinite(r) ? r : undefined;
}

export function valuesEqual(a: Value, b: Value): boolean {
  if (isMissing(a) || isMissing(b)) {
    const code = (v: Value) => (isMissing(v) ? v.missing : typeof v === "string" ? v : undefined);
    return code(a) !== undefined && code(a) === code(b);
  }
  if (a === BLANK || b === BLANK) return a === b;
  if (typeof a === "boolean" || typeof b === "boolean") return toNumber(a) === toNumber(b);
  const [x, y] = [toNumber(a), toNumber(b)];
  if (x !== undefined && y !== undefined) return x === y;
  return String(a) === String(b);
}

function ordered(op: string, a: Value, b: Value): boolean {
  if (a === BLANK || b === BLANK || isMissing(a) || isMissing(b)) return false;
  const [x, y] = [toNumber(a), toNumber(b)];
  const [l, r] = x !== undefined && y !== undefined ? [x, y] : [String(a), String(b)];
  switch (op) {
    case "<":
      return l < r;
    case "<=":
      return l <= r;
    case ">":
      return l > r;
    default:
      return l >= r;
  }
}

function binary(ast: BinaryNode, ctx: EvaluationContext): Value {
  if (ast.op === "and") return toBoolean(evaluate(ast.left, ctx)) && toBoolean(evaluate(ast.right, ctx));
  if (ast.op === "or") return toBoolean(evaluate(ast.left, ctx)) || toBoolean(evaluate(ast.right, ctx));
  const [a, b] = [evaluate(ast.left, ctx), evaluate(ast.right, ctx)];
  switch (ast.op) {
    case "=":
      return valuesEqual(a, b);
    case "<>":
    case "!=":
      return !valuesEqual(a, b);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return ordered(ast.op, a, b);
    default: {
      const [x, y] = [toNumber(a), toNumber(b)];
      if (x === undefined || y === undefined || a === BLANK || b === BLANK) return BLANK;
      return arithmetic(ast.op, x, y) ?? BLANK;
    }
  }
}

/** x shifted by 10^n through its decimal notation, so that round(1.005, 2) is 1.01, not 1. */
function shift(x: number, n: number): number {
  const [mantissa, exponent] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent ?? 0) + n}`);
}

function roundTo(x: number, places: number, how: "round" | "roundup" | "rounddown"): number {
  if (how === "roundup") return shift(Math.ceil(shift(x, places)), -places);
  if (how === "rounddown") return shift(Math.floor(shift(x, places)), -places);
  // Half away from zero, as PHP's round() on REDCap's server.
  return Math.sign(x) * shift(Math.round(shift(Math.abs(x), places)), -places);
}

function numbersOf(values: Value[]): number[] {
  return values.flatMap((v) => {
    const n = v === BLANK || isMissing(v) ? undefined : toNumber(v);
    return n === undefined ? [] : [n];
  });
}

function moment(v: Value, ctx: EvaluationContext, format: DateFormat): Moment | undefined {
  if (typeof v !== "string" || v === BLANK) return undefined;
  const s = v.toLowerCase() === "today" ? ctx.today : v.toLowerCase() === "now" ? ctx.now : v;
  return s === undefined ? undefined : parseMoment(s, format);
}

function flag(v: Value): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return undefined;
}

function dateDiffCall(args: Value[], ctx: EvaluationContext): Value {
  const [a, b, unit, fourth, fifth] = args;
  let format: DateFormat = "ymd";
  let signed = false;
  if (fourth !== undefined) {
    const f = flag(fourth);
    if (f !== undefined) signed = f;
    else if (typeof fourth === "string" && isDateFormat(fourth)) format = fourth;
    else return BLANK;
  }
  if (fifth !== undefined) {
    const f = flag(fifth);
    if (f === undefined) return BLANK;
    signed = f;
  }
  if (typeof unit !== "string" || !isDateUnit(unit)) return BLANK;
  const [from, to] = [moment(a, ctx, format), moment(b, ctx, format)];
  if (!from || !to) return BLANK;
  return dateDiff(from, to, unit, signed) ?? BLANK;
}

const median = (ns: number[]) => {
  const s = [...ns].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const IMPLEMENTATIONS: Record<Exclude<FunctionName, "if">, (args: Value[], ctx: EvaluationContext) => Value> = {
  round: (args) => rounding(args, "round"),
  roundup: (args) => rounding(args, "roundup"),
  rounddown: (args) => rounding(args, "rounddown"),
  sum: (args) => aggregate(args, (ns) => ns.reduce((s, n) => s + n, 0)),
  mean: (args) => aggregate(args, (ns) => ns.reduce((s, n) => s + n, 0) / ns.length),
  median: (args) => aggregate(args, median),
  min: (args) => aggregate(args, (ns) => Math.min(...ns)),
  max: (args) => aggregate(args, (ns) => Math.max(...ns)),
  abs: ([x]) => {
    const n = toNumber(x);
    return n === undefined || x === BLANK ? BLANK : Math.abs(n);
  },
  sqrt: ([x]) => {
    const n = toNumber(x);
    return n === undefined || x === BLANK || n < 0 ? BLANK : Math.sqrt(n);
  },
  isnumber: ([x]) => (typeof x === "number" ? Number.isFinite(x) : typeof x === "string" && looksNumeric(x)),
  isinteger: ([x]) => (typeof x === "number" ? Number.isInteger(x) : typeof x === "string" && /^\s*[-+]?\d+\s*$/.test(x)),
  isblankormissingcode: ([x]) => x === BLANK || isMissing(x),
  datediff: dateDiffCall,
};

function rounding([x, places]: Value[], how: "round" | "roundup" | "rounddown"): Value {
  const n = toNumber(x);
  const p = places === undefined ? 0 : toNumber(places);
  if (n === undefined || x === BLANK || p === undefined || !Number.isInteger(p)) return BLANK;
  return roundTo(n, p, how);
}

function aggregate(args: Value[], f: (ns: number[]) => number): Value {
  const ns = numbersOf(args);
  return ns.length === 0 ? BLANK : f(ns);
}

function call(ast: CallNode, ctx: EvaluationContext): Value {
  if (!isFunctionName(ast.name)) return BLANK;
  const { min, max } = FUNCTIONS[ast.name];
  if (ast.args.length < min || ast.args.length > max) return BLANK;
  if (ast.name === "if") {
    return evaluate(toBoolean(evaluate(ast.args[0], ctx)) ? ast.args[1] : ast.args[2], ctx);
  }
  return IMPLEMENTATIONS[ast.name](
    ast.args.map((a) => evaluate(a, ctx)),
    ctx,
  );
}
