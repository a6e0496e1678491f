import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isReadDoor } from "./define-query";

/** Every data-layer read file: lib/<domain>/queries/*.ts. */
function queryFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...queryFiles(p));
    else if (path.basename(dir) === "queries" && /\.tsx?$/.test(e.name) && !e.name.includes(".test.")) out.push(p);
  }
  return out;
}

describe("every data-layer read goes through the read door", () => {
  const root = path.resolve(import.meta.dirname, "..");
  const files = queryFiles(root);

  it("finds the read files of every domain", () => {
    const domains = new Set(files.map((f) => path.relative(root, f).split(path.sep)[0]));
    expect([...domains].sort()).toEqual(expect.arrayContaining(["biobank", "enrolment", "followup", "history", "metrics", "network", "participants", "studies", "users"]));
  });

  it.each(files.map((f) => [path.relative(root, f)]))("%s exports only defineQuery reads", async (rel) => {
    const mod = (await import(path.join(root, rel))) as Record<string, unknown>;
    const functions = Object.entries(mod).filter(([, v]) => typeof v === "function");
    expect(functions.length).toBeGreaterThan(0);
    for (const [name, value] of functions) {
      expect({ name, door: isReadDoor(value) }).toEqual({ name, door: true });
    }
  });
});
