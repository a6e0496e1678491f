/**
 * The tree that `parse` makes from a REDCap expression. Every node carries the offsets of the
 * source it came from (`start` inclusive, `end` exclusive), so an error can be underlined as the
 * designer types. Parentheses leave no node: the tree's shape already says what they grouped.
 */
export type Span = { start: number; end: number };

export type ArithmeticOp = "+" | "-" | "*" | "/" | "^";
export type ComparisonOp = "=" | "<>" | "!=" | "<" | "<=" | ">" | ">=";
export type LogicalOp = "and" | "or";
export type BinaryOp = ArithmeticOp | ComparisonOp | LogicalOp;

export type NumberNode = Span & { type: "number"; value: number };
export type StringNode = Span & { type: "string"; value: string; quote: '"' | "'" };
export type BooleanNode = Span & { type: "boolean"; value: boolean };
/** `[item]`, `[event][item]`, `[item(code)]` (a checkbox choice: "1" when ticked, else "0"). */
export type RefNode = Span & { type: "ref"; event?: string; item: string; choice?: string };
export type UnaryNode = Span & { type: "unary"; op: "-" | "+" | "not"; operand: Node };
export type BinaryNode = Span & { type: "binary"; op: BinaryOp; left: Node; right: Node };
/** `name` is lower-cased (REDCap reads function names case-insensitively). */
export type CallNode = Span & { type: "call"; name: string; args: Node[] };

export type Node = NumberNode | StringNode | BooleanNode | RefNode | UnaryNode | BinaryNode | CallNode;

/** An item reference as the recalculation order and the catalogue see it. */
export type ItemRef = { event?: string; item: string; choice?: string };

export const ARITHMETIC_OPS: readonly BinaryOp[] = ["+", "-", "*", "/", "^"];
export const COMPARISON_OPS: readonly BinaryOp[] = ["=", "<>", "!=", "<", "<=", ">", ">="];

/** Every node of the tree, parents before children. */
export function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  if (node.type === "unary") walk(node.operand, visit);
  else if (node.type === "binary") {
    walk(node.left, visit);
    walk(node.right, visit);
  } else if (node.type === "call") for (const a of node.args) walk(a, visit);
}
