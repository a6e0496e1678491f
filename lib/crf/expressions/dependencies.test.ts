import { describe, expect, it } from "vitest";
import type { Node } from "@/lib/crf/expressions/ast";
import { calculationOrder, dependencies, findCycles } from "@/lib/crf/expressions/dependencies";
import { parse } from "@/lib/crf/expressions/parse";

function ast(src: string): Node {
  const r = parse(src);
  if (!r.ast) throw new Error(`${src}: ${JSON.stringify(r.errors)}`);
  return r.ast;
}
const calcs = (defs: Record<string, string>) => Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, ast(v)]));

describe("dependencies", () => {
  it("lists each item read once, in writing order, with its event and choice", () => {
    expect(dependencies(ast('if([a] > 1, [b] + [a], [baseline][a]) + [cb(2)] + [cb(3)] + datediff([dob], "today", "y")'))).toEqual([
      { item: "a" },
      { item: "b" },
      { event: "baseline", item: "a" },
      { item: "cb", choice: "2" },
      { item: "cb", choice: "3" },
      { item: "dob" },
    ]);
    expect(dependencies(ast("1 + 2"))).toEqual([]);
  });
});

describe("cycles between calculated items", () => {
  it("finds none in a chain, and orders it so each comes after what it reads", () => {
    const c = calcs({
      bmi_cat: "if([bmi] >= 28, 3, if([bmi] >= 24, 2, 1))",
      bsa: "sqrt([height] * [weight] / 3600)",
      bmi: "[weight] * 10000 / ([height] ^ 2)",
      dose: "[bsa] * 75",
    });
    expect(findCycles(c)).toEqual([]);
    const { order } = calculationOrder(c);
    expect(order).toHaveLength(4);
    const at = (x: string) => order!.indexOf(x);
    expect(at("bmi")).toBeLessThan(at("bmi_cat"));
    expect(at("bsa")).toBeLessThan(at("dose"));
    // Independent items keep the order they were given.
    expect(order).toEqual(["bsa", "bmi", "bmi_cat", "dose"]);
  });

  it("keeps the given order when nothing depends on anything", () => {
    expect(calculationOrder(calcs({ z: "1", a: "[x] + 1", m: "2" }))).toEqual({ order: ["z", "a", "m"] });
  });

  it("names the items of a cycle and where each reads the next", () => {
    const src = { a: "[b] + 1", b: "[c] * 2", c: "[weight] + [a]", d: "[a] + 1" };
    const cycles = findCycles(calcs(src));
    expect(cycles).toHaveLength(1);
    expect(cycles[0].items).toEqual(["a", "b", "c", "a"]);
    expect(cycles[0].errors).toEqual([
      { item: "a", error: { code: "cycle", start: 0, end: 3, params: { cycle: "a → b → c → a" } } },
      { item: "b", error: { code: "cycle", start: 0, end: 3, params: { cycle: "a → b → c → a" } } },
      { item: "c", error: { code: "cycle", start: 11, end: 14, params: { cycle: "a → b → c → a" } } },
    ]);
    expect(calculationOrder(calcs(src))).toEqual({ cycles });
  });

  it("finds a calculation that reads itself, also through another event", () => {
    expect(findCycles(calcs({ total: "[total] + 1" }))[0].items).toEqual(["total", "total"]);
    expect(findCycles(calcs({ total: "[baseline][total] + [dose]" }))[0].errors).toEqual([
      { item: "total", error: { code: "cycle", start: 0, end: 17, params: { cycle: "total → total" } } },
    ]);
  });

  it("finds separate cycles separately", () => {
    const cycles = findCycles(calcs({ a: "[b]", b: "[a]", c: "[d] + [a]", d: "[c]", e: "[a]" }));
    expect(cycles.map((c) => c.items)).toEqual(
      expect.arrayContaining([
        ["a", "b", "a"],
        ["c", "d", "c"],
      ]),
    );
    expect(cycles).toHaveLength(2);
  });

  it("handles a long chain without trouble", () => {
    const defs: Record<string, string> = { c0: "[weight]" };
    for (let i = 1; i < 500; i++) defs[`c${i}`] = `[c${i - 1}] + 1`;
    const { order } = calculationOrder(calcs(defs));
    expect(order).toEqual(Object.keys(defs));
    defs.c0 = "[c499]";
    expect(findCycles(calcs(defs))[0].items).toHaveLength(501);
  });
});
