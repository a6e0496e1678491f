import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPipelineAction } from "@/lib/actions/define-action";

function actionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...actionFiles(p));
    else if (/\.(ts|tsx)$/.test(entry.name) && /^\s*["']use server["']/.test(fs.readFileSync(p, "utf8"))) out.push(p);
  }
  return out;
}

describe("every server action goes through the pipeline", () => {
  const root = path.resolve(import.meta.dirname, "../../app");
  const files = actionFiles(root);

  it("finds the app's 'use server' files", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.relative(root, f)]))("%s exports only defineAction results", async (rel) => {
    const mod = (await import(path.join(root, rel))) as Record<string, unknown>;
    const exports = Object.entries(mod);
    expect(exports.length).toBeGreaterThan(0);
    for (const [name, value] of exports) {
      expect({ name, wrapped: isPipelineAction(value) }).toEqual({ name, wrapped: true });
    }
  });
});
