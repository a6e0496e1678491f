import { walk, type ItemRef, type Node, type RefNode } from "@/lib/crf/expressions/ast";
import type { ExpressionError } from "@/lib/crf/expressions/errors";

/** The items an expression reads, once each, in the order they are written. */
export function dependencies(ast: Node): ItemRef[] {
  const seen = new Set<string>();
  const out: ItemRef[] = [];
  walk(ast, (n) => {
    if (n.type !== "ref") return;
    const key = `${n.event ?? ""}\u0000${n.item}\u0000${n.choice ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...(n.event === undefined ? {} : { event: n.event }), item: n.item, ...(n.choice === undefined ? {} : { choice: n.choice }) });
  });
  return out;
}

/**
 * The calculated items each calculated item reads. A reference to another event counts too: at
 * that event it is the same item, so `[baseline][x]` inside x is a cycle where x is collected at
 * baseline, and the designer cannot know where it is not.
 */
function edges(calcs: Readonly<Record<string, Node>>): Map<string, RefNode[]> {
  const out = new Map<string, RefNode[]>();
  for (const [name, ast] of Object.entries(calcs)) {
    const refs: RefNode[] = [];
    walk(ast, (n) => {
      if (n.type === "ref" && Object.hasOwn(calcs, n.item) && !refs.some((r) => r.item === n.item)) refs.push(n);
    });
    out.set(name, refs);
  }
  return out;
}

export type Cycle = {
  /** The items of the cycle in reading order, the first repeated at the end: a → b → a. */
  items: string[];
  /** For each item of the cycle, where its expression reads the next one. */
  errors: { item: string; error: ExpressionError }[];
};

/**
 * Every cycle between calculated items (one per strongly connected group, Tarjan's algorithm),
 * each named by its items and located in each item's expression.
 */
export function findCycles(calcs: Readonly<Record<string, Node>>): Cycle[] {
  const graph = edges(calcs);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;

  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const { item: w } of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      groups.push(group);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);

  const cycles: Cycle[] = [];
  for (const group of groups) {
    const members = new Set(group);
    const start = Object.keys(calcs).find((k) => members.has(k))!;
    if (group.length === 1 && !(graph.get(start) ?? []).some((r) => r.item === start)) continue;
    // Walk inside the group from its first-declared item until an item repeats.
    const path = [start];
    const refs: RefNode[] = [];
    for (;;) {
      const ref = (graph.get(path[path.length - 1]) ?? []).find((r) => members.has(r.item))!;
      refs.push(ref);
      const at = path.indexOf(ref.item);
      if (at >= 0) {
        const items = [...path.slice(at), ref.item];
        const loopRefs = refs.slice(at);
        const text = items.join(" → ");
        cycles.push({
          items,
          errors: loopRefs.map((r, i) => ({ item: items[i], error: { code: "cycle", start: r.start, end: r.end, params: { cycle: text } } })),
        });
        break;
      }
      path.push(ref.item);
    }
  }
  return cycles;
}

/**
 * The order to compute calculated items in so that each comes after the calculated items it
 * reads (ties keep the order given), or the cycles that make an order impossible.
 */
export function calculationOrder(calcs: Readonly<Record<string, Node>>): { order: string[]; cycles?: undefined } | { order?: undefined; cycles: Cycle[] } {
  const cycles = findCycles(calcs);
  if (cycles.length) return { cycles };
  const graph = edges(calcs);
  const names = Object.keys(calcs);
  const waiting = new Map(names.map((n) => [n, (graph.get(n) ?? []).length]));
  const readers = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const n of names) for (const r of graph.get(n) ?? []) readers.get(r.item)!.push(n);
  const order: string[] = [];
  const ready = names.filter((n) => waiting.get(n) === 0);
  while (ready.length) {
    const n = ready.shift()!;
    order.push(n);
    for (const reader of readers.get(n)!) {
      const left = waiting.get(reader)! - 1;
      waiting.set(reader, left);
      if (left === 0) {
        const at = ready.findIndex((r) => names.indexOf(r) > names.indexOf(reader));
        ready.splice(at < 0 ? ready.length : at, 0, reader);
      }
    }
  }
  return { order };
}
