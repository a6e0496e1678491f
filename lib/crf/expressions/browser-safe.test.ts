import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The module runs in the browser (live branching and calculations) as well as on the server, so
 * nothing it loads may be server-only; and it never turns text into code.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");

function closure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const src = fs.readFileSync(file, "utf8");
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      const spec = m[1];
      if (spec.startsWith("@/")) visit(path.join(ROOT, `${spec.slice(2)}.ts`));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => path.relative(ROOT, f)).sort(), packages: [...packages].sort() };
}

describe("the expression module is browser-safe", () => {
  const { files, packages } = closure(path.join(ROOT, "lib/crf/expressions/index.ts"));

  it("loads only itself, the network clock's pure helpers and the Ohm parser", () => {
    expect(packages).toEqual(["ohm-js"]);
    expect(files.filter((f) => !f.startsWith("lib/crf/expressions/"))).toEqual(["lib/time/network-day.ts"]);
    expect(files).toContain("lib/crf/expressions/evaluate.ts");
  });

  it("never evaluates text as code", () => {
    for (const f of files) {
      const src = fs.readFileSync(path.join(ROOT, f), "utf8");
      expect([f, /\beval\s*\(|new\s+Function\b|\bFunction\s*\(/.test(src)]).toEqual([f, false]);
    }
  });
});
