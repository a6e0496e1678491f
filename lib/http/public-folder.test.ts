import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The top-level public/ folder of the design card (issue 12, item 18): real assets the app uses. */
const ROOT = path.resolve(import.meta.dirname, "../..");
const PUBLIC = path.join(ROOT, "public");
const read = (f: string) => fs.readFileSync(path.join(PUBLIC, f));

describe("public/", () => {
  it("tells every crawler to stay out of the private portal", () => {
    const rules = read("robots.txt").toString("utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    expect(rules).toEqual(["User-agent: *", "Disallow: /"]);
  });

  it("holds the portal's icons in real formats: an SVG, an ICO of PNGs, an Apple touch PNG", () => {
    const svg = read("icon.svg").toString("utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 64 64"/);
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    const ico = read("favicon.ico");
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i]);
    expect(sizes).toEqual([16, 32, 48]);
    for (let i = 0; i < sizes.length; i++) {
      const at = ico.readUInt32LE(6 + 16 * i + 12);
      expect(ico.subarray(at, at + 8).toString("latin1")).toBe("\x89PNG\r\n\x1a\n");
    }
    const apple = read("apple-touch-icon.png");
    expect([apple.readUInt32BE(16), apple.readUInt32BE(20)]).toEqual([180, 180]);
  });

  it("is what the root layout links, and what the proxy lets through signed out", () => {
    const layout = fs.readFileSync(path.join(ROOT, "app/layout.tsx"), "utf8");
    for (const f of ["/icon.svg", "/favicon.ico", "/apple-touch-icon.png"]) {
      expect(layout).toContain(`"${f}"`);
      expect(fs.existsSync(path.join(PUBLIC, f))).toBe(true);
    }
    expect(layout).toMatch(/robots: \{ index: false, follow: false \}/);
    const proxy = fs.readFileSync(path.join(ROOT, "proxy.ts"), "utf8");
    const matcher = new RegExp(`^${/matcher: \["([^"]+)"\]/.exec(proxy)![1].replace(/\\\\/g, "\\")}$`);
    for (const f of ["/icon.svg", "/favicon.ico", "/apple-touch-icon.png", "/robots.txt"]) expect({ f, proxied: matcher.test(f) }).toEqual({ f, proxied: false });
    expect(matcher.test("/dashboard")).toBe(true);
  });
});
