import type { ItemDef } from "@/lib/crf/design";
import { parse, type ExpressionAst } from "@/lib/crf/expressions";
import { rowKey } from "@/lib/crf/entry/paths";

export type Compiled = { branching: ExpressionAst | null; calculation: ExpressionAst | null };

const cache = new WeakMap<ItemDef, Compiled>();

/**
 * An item's branching logic and calculation as trees, parsed once per design object. Logic that
 * does not parse (the designer refuses it, so only a hand-edited row could hold it) shows the
 * item and calculates blank.
 */
export function compiled(item: ItemDef): Compiled {
  let c = cache.get(item);
  if (!c) {
    const p = (src: string | null) => {
      if (src === null || src.trim() === "") return null;
      const r = parse(src);
      return r.ast ?? null;
    };
    c = { branching: p(item.branchingLogic), calculation: item.type === "calc" ? p(item.calculation) : null };
    cache.set(item, c);
  }
  return c;
}

const AGGREGATES = new Set(["sum", "mean", "median", "min", "max"]);

/**
 * Outside a repeating group, an aggregate over one of its items reads every row:
 * `sum([diameter])` becomes `sum([diameter#1], [diameter#2], …)`. Any other reference to a group
 * item from outside it is blank.
 */
export function expandGroupRefs(ast: ExpressionAst, rowsOf: (item: string) => number | undefined): ExpressionAst {
  const go = (n: ExpressionAst): ExpressionAst => {
    switch (n.type) {
      case "unary":
        return { ...n, operand: go(n.operand) };
      case "binary":
        return { ...n, left: go(n.left), right: go(n.right) };
      case "call": {
        if (!AGGREGATES.has(n.name)) return { ...n, args: n.args.map(go) };
        const args = n.args.flatMap((a) => {
          const rows = a.type === "ref" && a.event === undefined && a.choice === undefined ? rowsOf(a.item) : undefined;
          if (rows === undefined || a.type !== "ref") return [go(a)];
          return Array.from({ length: rows }, (_, i) => ({ ...a, item: rowKey(a.item, i + 1) }));
        });
        return { ...n, args };
      }
      default:
        return n;
    }
  };
  return go(ast);
}
