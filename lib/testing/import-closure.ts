import fs from "node:fs";
import path from "node:path";

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Every file a module loads through `@/` imports (followed to `<name>.ts` or `<name>/index.ts`), relative to the
 * repository root, and every package it names; for tests that keep browser-run modules free of server-only code.
 */
export function importClosure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const src = fs.readFileSync(file, "utf8");
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      const spec = m[1];
      if (spec.startsWith("@/")) {
        const base = path.join(REPO_ROOT, spec.slice(2));
        visit(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, "index.ts"));
      } else packages.add(spec);
    }
  };
  visit(path.join(REPO_ROOT, entry));
  return { files: [...files].map((f) => path.relative(REPO_ROOT, f)).sort(), packages: [...packages].sort() };
}
