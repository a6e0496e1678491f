import { describe, expect, it } from "vitest";
import { importClosure } from "@/lib/testing/import-closure";

/** The form page runs the entry rules in the browser: nothing they load may be server-only. */
describe("the entry rules are browser-safe", () => {
  it("load only themselves, the expression module, the design types, the value lists and the network clock", () => {
    const { files, packages } = importClosure("lib/crf/entry/index.ts");
    expect(packages).toEqual(["ohm-js"]);
    expect(files.filter((f) => !f.startsWith("lib/crf/entry/") && !f.startsWith("lib/crf/expressions/"))).toEqual(["db/enums.ts", "lib/crf/design.ts", "lib/time/network-day.ts"]);
  });
});
