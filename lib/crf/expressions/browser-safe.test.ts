import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importClosure, REPO_ROOT } from "@/lib/testing/import-closure";

/**
 * The module runs in the browser (live branching and calculations) as well as on the server, so
 * nothing it loads may be server-only; and it never turns text into code.
 */
describe("the expression module is browser-safe", () => {
  const { files, packages } = importClosure("lib/crf/expressions/index.ts");

  it("loads only itself, the network clock's pure helpers and the Ohm parser", () => {
    expect(packages).toEqual(["ohm-js"]);
    expect(files.filter((f) => !f.startsWith("lib/crf/expressions/"))).toEqual(["lib/time/network-day.ts"]);
    expect(files).toContain("lib/crf/expressions/evaluate.ts");
  });

  it("never evaluates text as code", () => {
    for (const f of files) {
      const src = fs.readFileSync(path.join(REPO_ROOT, f), "utf8");
      expect([f, /\beval\s*\(|new\s+Function\b|\bFunction\s*\(/.test(src)]).toEqual([f, false]);
    }
  });
});
