import { describe, expect, it } from "vitest";
import { messages } from "@/messages";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";

function keys(o: unknown, prefix = ""): string[] {
  if (!o || typeof o !== "object") return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogues", () => {
  it("zh-CN and en have exactly the same keys", () => {
    const zh = new Set(keys(messages["zh-CN"]));
    const en = new Set(keys(messages.en));
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });

  it("has no empty strings", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const empty = keys(messages[locale]).filter((k) => {
        const v = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages[locale]);
        return typeof v === "string" && v.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});

describe("Accept-Language", () => {
  it("prefers Chinese, honours q-values and falls back to zh-CN", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr-FR,de;q=0.5")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr;q=0.9,en;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("zh-CN");
  });
});
