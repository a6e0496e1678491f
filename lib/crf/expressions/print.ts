import type { BinaryOp, Node } from "@/lib/crf/expressions/ast";

/** Binding strength as the grammar defines it (higher binds tighter). */
const PRECEDENCE: Record<BinaryOp | "not" | "sign", number> = {
  or: 1,
  and: 2,
  not: 3,
  "=": 4,
  "<>": 4,
  "!=": 4,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  sign: 7,
  "^": 8,
};
const PRIMARY = 9;

function precedence(n: Node): number {
  if (n.type === "binary") return PRECEDENCE[n.op];
  if (n.type === "unary") return n.op === "not" ? PRECEDENCE.not : PRECEDENCE.sign;
  return PRIMARY;
}

function wrap(n: Node, needs: boolean): string {
  return needs ? `(${print(n)})` : print(n);
}

/**
 * Writes a tree back as REDCap logic, with only the parentheses its shape needs, so that
 * parse(print(ast)) gives the same tree: the designer's canonical form and the dictionary export.
 */
export function print(n: Node): string {
  switch (n.type) {
    case "number":
      return String(n.value);
    case "string":
      return n.value.includes(n.quote) ? (n.value.includes('"') ? `'${n.value}'` : `"${n.value}"`) : `${n.quote}${n.value}${n.quote}`;
    case "boolean":
      return n.value ? "true" : "false";
    case "ref":
      return `${n.event === undefined ? "" : `[${n.event}]`}[${n.item}${n.choice === undefined ? "" : `(${n.choice})`}]`;
    case "call":
      return `${n.name}(${n.args.map(print).join(", ")})`;
    case "unary": {
      const p = precedence(n);
      // `not` takes a `not` or a comparison; a sign takes a sign or a power.
      const operand = wrap(n.operand, precedence(n.operand) < p);
      return n.op === "not" ? `not ${operand}` : `${n.op}${operand}`;
    }
    case "binary": {
      const p = PRECEDENCE[n.op];
      if (n.op === "^") return `${wrap(n.left, precedence(n.left) < PRIMARY)} ^ ${wrap(n.right, precedence(n.right) < PRECEDENCE.sign)}`;
      // Left-associative, except comparisons, which do not associate at all.
      const comparison = p === PRECEDENCE["="];
      const left = wrap(n.left, precedence(n.left) < p || (comparison && precedence(n.left) === p));
      const right = wrap(n.right, precedence(n.right) <= p);
      return `${left} ${n.op} ${right}`;
    }
  }
}
