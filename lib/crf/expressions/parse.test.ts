import { describe, expect, it } from "vitest";
import type { Node } from "@/lib/crf/expressions/ast";
import { MAX_EXPRESSION_LENGTH, parse } from "@/lib/crf/expressions/parse";
import { print } from "@/lib/crf/expressions/print";
import { seededRandom } from "@/lib/random/seeded";

function ast(src: string): Node {
  const r = parse(src);
  if (!r.ast) throw new Error(`${src}: ${JSON.stringify(r.errors)}`);
  return r.ast;
}

/** The tree without offsets, written compactly: ("op" left right), call(args), [ref]. */
function shape(n: Node): string {
  switch (n.type) {
    case "number":
      return String(n.value);
    case "string":
      return JSON.stringify(n.value);
    case "boolean":
      return String(n.value);
    case "ref":
      return `${n.event ? `[${n.event}]` : ""}[${n.item}${n.choice !== undefined ? `(${n.choice})` : ""}]`;
    case "unary":
      return `(${n.op} ${shape(n.operand)})`;
    case "binary":
      return `(${n.op} ${shape(n.left)} ${shape(n.right)})`;
    case "call":
      return `${n.name}(${n.args.map(shape).join(" ")})`;
  }
}

const s = (src: string) => shape(ast(src));

/** A tree with its offsets removed, for comparing the trees of two sources. */
function bare(n: Node): unknown {
  return JSON.parse(JSON.stringify(n, (k, v) => (k === "start" || k === "end" ? undefined : v)));
}

describe("parse: the syntax REDCap users write", () => {
  it("reads the issue's examples", () => {
    expect(s("[weight] * 10000 / ([height] ^ 2)")).toBe("(/ (* [weight] 10000) (^ [height] 2))");
    expect(s('[sex] = "0" and [given_birth] = "1"')).toBe('(and (= [sex] "0") (= [given_birth] "1"))');
    expect(s('datediff([dob], [visit_date], "y")')).toBe('datediff([dob] [visit_date] "y")');
  });

  it("reads every comparison operator", () => {
    for (const op of ["=", "<>", "!=", "<", "<=", ">", ">="]) expect(s(`[a] ${op} 1`)).toBe(`(${op} [a] 1)`);
    expect(s("[a]<>[b]")).toBe("(<> [a] [b])");
    expect(s("[a]<=[b]")).toBe("(<= [a] [b])");
  });

  it("reads every arithmetic operator and the signs", () => {
    for (const op of ["+", "-", "*", "/", "^"]) expect(s(`[a] ${op} 2`)).toBe(`(${op} [a] 2)`);
    expect(s("-[a]")).toBe("(- [a])");
    expect(s("+[a]")).toBe("(+ [a])");
    expect(s("2 - -3")).toBe("(- 2 (- 3))");
  });

  it("reads and, or, not in any case, and tells keywords from names", () => {
    expect(s("[a] = 1 AND [b] = 2 Or not [c] = 3")).toBe("(or (and (= [a] 1) (= [b] 2)) (not (= [c] 3)))");
    expect(s("[a]and[b]")).toBe("(and [a] [b])");
    expect(s("NOT [x] = 1")).toBe("(not (= [x] 1))");
    expect(s("not not [x]")).toBe("(not (not [x]))");
    expect(parse("[a] andy [b]").errors?.[0].code).toBe("unexpectedInput");
  });

  it("gives arithmetic its usual precedence, with ^ above the signs and right-associative", () => {
    expect(s("1 + 2 * 3")).toBe("(+ 1 (* 2 3))");
    expect(s("(1 + 2) * 3")).toBe("(* (+ 1 2) 3)");
    expect(s("1 - 2 - 3")).toBe("(- (- 1 2) 3)");
    expect(s("8 / 4 / 2")).toBe("(/ (/ 8 4) 2)");
    expect(s("2 ^ 3 ^ 2")).toBe("(^ 2 (^ 3 2))");
    expect(s("-2 ^ 2")).toBe("(- (^ 2 2))");
    expect(s("2 ^ -1")).toBe("(^ 2 (- 1))");
    expect(s("2 * 3 ^ 2")).toBe("(* 2 (^ 3 2))");
    expect(s("-[a] * [b]")).toBe("(* (- [a]) [b])");
  });

  it("puts comparisons below arithmetic, not below comparisons, and below that and, then or", () => {
    expect(s("[a] + 1 > [b] * 2")).toBe("(> (+ [a] 1) (* [b] 2))");
    expect(s("not [a] = 1 and [b] = 2")).toBe("(and (not (= [a] 1)) (= [b] 2))");
    expect(s("[a] = 1 or [b] = 2 and [c] = 3")).toBe("(or (= [a] 1) (and (= [b] 2) (= [c] 3)))");
    expect(s("([a] = 1 or [b] = 2) and [c] = 3")).toBe("(and (or (= [a] 1) (= [b] 2)) (= [c] 3))");
    expect(s("[a] or [b] or [c]")).toBe("(or (or [a] [b]) [c])");
    // Comparisons do not chain (as in PHP, where REDCap's server evaluates logic).
    expect(parse("1 < [a] < 3").errors?.[0]).toMatchObject({ code: "unexpectedInput", start: 8 });
    expect(s("(1 < [a]) = true")).toBe("(= (< 1 [a]) true)");
  });

  it("reads numbers, strings in either quote, and true/false", () => {
    expect(ast("10000")).toMatchObject({ type: "number", value: 10000 });
    expect(ast("1.25")).toMatchObject({ type: "number", value: 1.25 });
    expect(ast(".5")).toMatchObject({ type: "number", value: 0.5 });
    expect(ast('"it\'s"')).toMatchObject({ type: "string", value: "it's", quote: '"' });
    expect(ast("'say \"hi\"'")).toMatchObject({ type: "string", value: 'say "hi"', quote: "'" });
    expect(ast("''")).toMatchObject({ type: "string", value: "" });
    expect(ast("TRUE")).toMatchObject({ type: "boolean", value: true });
    expect(ast("false")).toMatchObject({ type: "boolean", value: false });
  });

  it("reads references to an item, another event's item and a checkbox choice", () => {
    expect(ast("[weight]")).toEqual({ type: "ref", item: "weight", start: 0, end: 8 });
    expect(ast("[baseline_arm_1][weight]")).toEqual({ type: "ref", event: "baseline_arm_1", item: "weight", start: 0, end: 24 });
    expect(ast("[race(2)]")).toEqual({ type: "ref", item: "race", choice: "2", start: 0, end: 9 });
    expect(ast("[visit_2][race(-99)]")).toEqual({ type: "ref", event: "visit_2", item: "race", choice: "-99", start: 0, end: 20 });
    expect(ast("[symptoms(fever)]")).toMatchObject({ choice: "fever" });
    expect(parse("[ weight ]").errors?.[0].code).toBe("unexpectedInput");
    expect(parse("[1abc]").errors?.[0].code).toBe("unexpectedInput");
  });

  it("reads function calls case-insensitively, with any number of arguments", () => {
    expect(s("ROUND([bmi], 1)")).toBe("round([bmi] 1)");
    expect(s("sum()")).toBe("sum()");
    expect(s("if([a] = 1, 'yes', \"no\")")).toBe('if((= [a] 1) "yes" "no")');
    expect(s("max ( [a] , [b] , 3 )")).toBe("max([a] [b] 3)");
    expect(s('datediff([dob], "today", "y", "ymd", true)')).toBe('datediff([dob] "today" "y" "ymd" true)');
  });

  it("keeps the source offsets of every node", () => {
    const t = ast('[sex] = "0" and [given_birth] = "1"');
    expect(t).toMatchObject({ start: 0, end: 35, left: { start: 0, end: 11, right: { start: 8, end: 11 } }, right: { start: 16, end: 35, left: { start: 16, end: 29 } } });
    const c = ast("  round( [x] , 2 )  ");
    expect(c).toMatchObject({ type: "call", start: 2, end: 18, args: [{ start: 9, end: 12 }, { start: 15, end: 16 }] });
  });

  it("locates syntax errors for the designer to underline", () => {
    expect(parse("[weight] * ")).toEqual({ errors: [{ code: "unexpectedEnd", start: 11, end: 11 }] });
    expect(parse("([a] + 1")).toEqual({ errors: [{ code: "unexpectedEnd", start: 8, end: 8 }] });
    expect(parse('[sex] = "0')).toEqual({ errors: [{ code: "unterminatedString", start: 8, end: 10 }] });
    expect(parse("[a] = = 1")).toEqual({ errors: [{ code: "unexpectedInput", start: 6, end: 7, params: { text: "=" } }] });
    expect(parse("[a] == 1")).toEqual({ errors: [{ code: "unexpectedInput", start: 5, end: 6, params: { text: "=" } }] });
    expect(parse("[a] % 2")).toEqual({ errors: [{ code: "unexpectedInput", start: 4, end: 5, params: { text: "%" } }] });
    expect(parse("[a] 12")).toEqual({ errors: [{ code: "unexpectedInput", start: 4, end: 6, params: { text: "12" } }] });
    expect(parse("[a] = 1)")).toEqual({ errors: [{ code: "unexpectedInput", start: 7, end: 8, params: { text: ")" } }] });
    expect(parse("   ")).toEqual({ errors: [{ code: "empty", start: 0, end: 3 }] });
    expect(parse("")).toEqual({ errors: [{ code: "empty", start: 0, end: 0 }] });
  });

  it("refuses what would need eval to mean anything, and oversized input", () => {
    for (const src of ["alert(1); 2", "[a]; [b]", "`x`", "{a: 1}", "[a] => 1", "x = 1", "[a].constructor"]) expect(parse(src).errors).toHaveLength(1);
    expect(parse(`1${" + 1".repeat(MAX_EXPRESSION_LENGTH)}`).errors?.[0].code).toBe("unexpectedInput");
  });
});

describe("print", () => {
  it("writes the canonical form with only the parentheses the tree needs", () => {
    const p = (src: string) => print(ast(src));
    expect(p("[weight]*10000/([height]^2)")).toBe("[weight] * 10000 / [height] ^ 2");
    expect(p("(([a] + 1)) * 2")).toBe("([a] + 1) * 2");
    expect(p("1 - (2 - 3)")).toBe("1 - (2 - 3)");
    expect(p("(2 ^ 3) ^ 2")).toBe("(2 ^ 3) ^ 2");
    expect(p("2 ^ (3 ^ 2)")).toBe("2 ^ 3 ^ 2");
    expect(p("(-2) ^ 2")).toBe("(-2) ^ 2");
    expect(p("not ([a] = 1 or [b] = 2)")).toBe("not ([a] = 1 or [b] = 2)");
    expect(p("([a] = 1) = ([b] = 2)")).toBe("([a] = 1) = ([b] = 2)");
    expect(p("[ev][cb(1)] AND TRUE")).toBe("[ev][cb(1)] and true");
    expect(p("IF([a]='x', 1, 2)")).toBe("if([a] = 'x', 1, 2)");
  });

  it("parse(print(ast)) gives the same tree, over 1,000 random trees", () => {
    const rand = seededRandom(14);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const ops = ["+", "-", "*", "/", "^", "=", "<>", "!=", "<", "<=", ">", ">=", "and", "or"] as const;
    const leaf = (): Node => {
      const at = { start: 0, end: 0 };
      switch (Math.floor(rand() * 5)) {
        case 0:
          return { type: "number", value: pick([0, 1, 2.5, 10000, 0.125]), ...at };
        case 1: {
          const value = pick(["", "0", "a b", "it's", 'say "hi"', "NA"]);
          // A string cannot hold its own quote (REDCap has no escapes), so the tree cannot either.
          const quote = value.includes("'") ? '"' : value.includes('"') ? "'" : pick(['"', "'"] as const);
          return { type: "string", value, quote, ...at };
        }
        case 2:
          return { type: "boolean", value: rand() < 0.5, ...at };
        case 3:
          return { type: "ref", item: pick(["a", "b_2", "weight"]), ...(rand() < 0.3 ? { event: "baseline_arm_1" } : {}), ...(rand() < 0.3 ? { choice: pick(["1", "-99", "x"]) } : {}), ...at };
        default:
          return { type: "call", name: pick(["sum", "if", "round"]), args: [], ...at };
      }
    };
    const tree = (depth: number): Node => {
      if (depth === 0 || rand() < 0.2) return leaf();
      const at = { start: 0, end: 0 };
      const r = rand();
      if (r < 0.15) return { type: "unary", op: pick(["-", "+", "not"] as const), operand: tree(depth - 1), ...at };
      if (r < 0.3) return { type: "call", name: pick(["sum", "max", "if", "datediff"]), args: Array.from({ length: Math.floor(rand() * 4) }, () => tree(depth - 1)), ...at };
      return { type: "binary", op: pick(ops), left: tree(depth - 1), right: tree(depth - 1), ...at };
    };
    for (let i = 0; i < 1000; i++) {
      const t = tree(5);
      const src = print(t);
      const back = parse(src);
      expect(back.errors, src).toBeUndefined();
      expect(bare(back.ast!), src).toEqual(bare(t));
    }
  });
});
