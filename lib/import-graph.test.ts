import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import graph runs one way: app → components → lib → db, seed above lib. Inside lib the
 * kernel (what every domain uses) imports no domain, and a domain imports only domains of a
 * lower rank, so no two domains import each other. See docs/architecture.md.
 */
const ROOT = path.resolve(import.meta.dirname, "..");

export const KERNEL = ["actions", "reads", "authz", "auth", "audit", "i18n", "validation", "time", "pseudonyms", "random", "utils", "health", "navigation", "enums", "http"];
export const DOMAIN_RANK: Record<string, number> = {
  network: 1,
  randomization: 1,
  notifications: 1,
  users: 2,
  studies: 3,
  participants: 4,
  crf: 4.5,
  enrolment: 5,
  followup: 5,
  biobank: 5,
  molecular: 5,
  history: 6,
  metrics: 6,
  exchange: 6,
  api: 7,
  fhir: 7,
};

type Edge = { from: string; to: string };

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|mts)$/.test(e.name)) out.push(p);
  }
  return out;
}

function edges(top: string): Edge[] {
  const out: Edge[] = [];
  for (const file of sources(path.join(ROOT, top))) {
    const src = fs.readFileSync(file, "utf8");
    for (const m of src.matchAll(/(?:from|import|mock)\s*\(?\s*["']@\/([^"']+)["']/g)) {
      out.push({ from: path.relative(ROOT, file).split(path.sep).join("/"), to: m[1] });
    }
  }
  return out;
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.startsWith("lib/testing/");
const top = (p: string) => p.split("/")[0];
const libPart = (p: string) => p.split("/")[1]?.replace(/\.tsx?$/, "");

describe("the import graph runs one way", () => {
  it("db imports nothing from lib, seed, components or app", () => {
    const bad = edges("db").filter((e) => top(e.to) !== "db");
    expect(bad).toEqual([]);
  });

  it("components never import app or db", () => {
    const bad = edges("components").filter((e) => ["app", "db", "seed"].includes(top(e.to)));
    expect(bad).toEqual([]);
  });

  it("lib never imports app, components or seed (only test fixtures may use the seed)", () => {
    const bad = edges("lib").filter((e) => ["app", "components"].includes(top(e.to)) || (top(e.to) === "seed" && !isTest(e.from)));
    expect(bad).toEqual([]);
  });

  it("no production code imports the test fixtures", () => {
    const bad = ["app", "components", "lib", "seed", "db"].flatMap(edges).filter((e) => e.to.startsWith("lib/testing/") && !isTest(e.from));
    expect(bad).toEqual([]);
  });

  it("every lib folder is the kernel or a ranked domain", () => {
    const folders = fs.readdirSync(path.join(ROOT, "lib"), { withFileTypes: true }).map((e) => e.name.replace(/\.tsx?$/, ""));
    const unknown = folders.filter((f) => !KERNEL.includes(f) && !(f in DOMAIN_RANK) && f !== "testing" && !f.endsWith(".test"));
    expect(unknown).toEqual([]);
  });

  it("the kernel imports no domain, and a domain only domains of a lower rank", () => {
    const bad = edges("lib")
      .filter((e) => !isTest(e.from) && top(e.to) === "lib")
      .filter((e) => {
        const [a, b] = [libPart(e.from), libPart(e.to)];
        if (a === b || KERNEL.includes(b)) return false;
        if (KERNEL.includes(a)) return true;
        return !(DOMAIN_RANK[b] < DOMAIN_RANK[a]);
      });
    expect(bad).toEqual([]);
  });
});
