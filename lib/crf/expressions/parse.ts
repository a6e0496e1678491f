import type { FailedMatchResult, Node as OhmNode } from "ohm-js";
import type { BinaryOp, Node } from "@/lib/crf/expressions/ast";
import type { ExpressionError } from "@/lib/crf/expressions/errors";
import { redcapGrammar } from "@/lib/crf/expressions/grammar";

export type ParseResult = { ast: Node; errors?: undefined } | { ast?: undefined; errors: ExpressionError[] };

/** Longer than any logic a person writes; refusing it keeps a pasted blob from tying up the page. */
export const MAX_EXPRESSION_LENGTH = 10_000;

const span = (n: OhmNode) => ({ start: n.source.startIdx, end: n.source.endIdx });

function binary(left: OhmNode, op: OhmNode, right: OhmNode, self: OhmNode): Node {
  return { type: "binary", op: op.sourceString.toLowerCase() as BinaryOp, left: left.ast(), right: right.ast(), ...span(self) };
}

/* eslint-disable @typescript-eslint/no-unused-vars -- Ohm checks that each action takes one parameter per child, used or not. */
const semantics = redcapGrammar.createSemantics().addOperation<Node>("ast", {
  Or_or(l, op, r) {
    return binary(l, op, r, this);
  },
  And_and(l, op, r) {
    return binary(l, op, r, this);
  },
  Not_not(_op, operand) {
    return { type: "unary", op: "not", operand: operand.ast(), ...span(this) };
  },
  Comparison_compare(l, op, r) {
    return binary(l, op, r, this);
  },
  Additive_binary(l, op, r) {
    return binary(l, op, r, this);
  },
  Multiplicative_binary(l, op, r) {
    return binary(l, op, r, this);
  },
  Unary_sign(op, operand) {
    return { type: "unary", op: op.sourceString as "-" | "+", operand: operand.ast(), ...span(this) };
  },
  Power_power(l, op, r) {
    return binary(l, op, r, this);
  },
  Primary_paren(_open, inner, _close) {
    return inner.ast();
  },
  Call(name, _open, args, _close) {
    return { type: "call", name: name.sourceString.toLowerCase(), args: args.asIteration().children.map((c) => c.ast()), ...span(this) };
  },
  reference_event(_o1, event, _c1, _o2, item, choice, _c2) {
    const code = choice.children[0]?.children[1].sourceString;
    return { type: "ref", event: event.sourceString, item: item.sourceString, ...(code === undefined ? {} : { choice: code }), ...span(this) };
  },
  reference_item(_o, item, choice, _c) {
    const code = choice.children[0]?.children[1].sourceString;
    return { type: "ref", item: item.sourceString, ...(code === undefined ? {} : { choice: code }), ...span(this) };
  },
  number(_n) {
    return { type: "number", value: Number(this.sourceString), ...span(this) };
  },
  string_double(_o, body, _c) {
    return { type: "string", value: body.sourceString, quote: '"', ...span(this) };
  },
  string_single(_o, body, _c) {
    return { type: "string", value: body.sourceString, quote: "'", ...span(this) };
  },
  boolean(_b) {
    return { type: "boolean", value: this.sourceString.toLowerCase() === "true", ...span(this) };
  },
});
/* eslint-enable @typescript-eslint/no-unused-vars */

/** Where the first unclosed quote outside any string starts, if one is left open. */
function openQuoteAt(src: string): number | undefined {
  let quote: string | undefined;
  let at = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      at = i;
    }
  }
  return quote ? at : undefined;
}

/** The token the parser stumbled on: a word, a number, or one character. */
function tokenAt(src: string, pos: number): string {
  const word = /^[A-Za-z0-9_.]+/.exec(src.slice(pos));
  return word ? word[0] : String.fromCodePoint(src.codePointAt(pos) ?? 0);
}

function syntaxError(src: string, match: FailedMatchResult): ExpressionError {
  const pos = match.getRightmostFailurePosition();
  const quote = openQuoteAt(src);
  if (quote !== undefined && quote <= pos) return { code: "unterminatedString", start: quote, end: src.length };
  if (src.slice(pos).trim() === "") return { code: "unexpectedEnd", start: src.length, end: src.length };
  const text = tokenAt(src, pos);
  return { code: "unexpectedInput", start: pos, end: pos + text.length, params: { text } };
}

/**
 * Parses REDCap logic or a calculation into a tree; never evaluates anything. Syntax errors come
 * back with the offsets to underline (one error: a PEG parser knows only where it stopped).
 */
export function parse(src: string): ParseResult {
  if (src.length > MAX_EXPRESSION_LENGTH) return { errors: [{ code: "unexpectedInput", start: MAX_EXPRESSION_LENGTH, end: src.length, params: { text: "…" } }] };
  if (src.trim() === "") return { errors: [{ code: "empty", start: 0, end: src.length }] };
  const match = redcapGrammar.match(src);
  if (match.failed()) return { errors: [syntaxError(src, match)] };
  return { ast: semantics(match).ast() };
}
