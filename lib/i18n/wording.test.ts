import { describe, expect, it } from "vitest";
import { messages } from "@/messages";

/**
 * One word per concept in the Chinese interface (issue 12, item 13), checked over every message
 * beside its English counterpart, so a new message that reuses a word for something else fails.
 */
type Flat = Record<string, string>;

function flatten(o: unknown, prefix = "", out: Flat = {}): Flat {
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") flatten(v, key, out);
    else if (typeof v === "string") out[key] = v;
  }
  return out;
}

const zh = flatten(messages["zh-CN"]);
const en = flatten(messages.en);
const keys = Object.keys(zh);

describe("zh-CN: screening and filtering are two words", () => {
  it("filter is 过滤, never 筛选 (筛选 is the trial's screening, as in 筛选期 and 筛选失败)", () => {
    const filters = keys.filter((k) => /\bfilter/i.test(en[k] ?? ""));
    expect(filters.length).toBeGreaterThan(2);
    expect(filters.filter((k) => zh[k].includes("筛选") || !zh[k].includes("过滤")).map((k) => `${k}: ${zh[k]}`)).toEqual([]);
  });

  it("过滤 only ever translates a filter", () => {
    expect(keys.filter((k) => zh[k].includes("过滤") && !/filter/i.test(en[k] ?? "")).map((k) => `${k}: ${zh[k]} / ${en[k]}`)).toEqual([]);
  });

  it("screening is 筛选 throughout, never 筛查 (which reads as cancer screening in a cancer network)", () => {
    expect(keys.filter((k) => zh[k].includes("筛查")).map((k) => `${k}: ${zh[k]}`)).toEqual([]);
    const screening = keys.filter((k) => /\bscreen/i.test(en[k] ?? ""));
    expect(screening.length).toBeGreaterThan(10);
    expect(screening.filter((k) => !zh[k].includes("筛选")).map((k) => `${k}: ${zh[k]} / ${en[k]}`)).toEqual([]);
  });
});

describe("zh-CN: a study site's lead is not confused with the network's sub-centres", () => {
  it("the site PI is 研究点负责人; no message says 分中心负责人", () => {
    expect(zh["studies.teamRole.site_pi"]).toBe("研究点负责人");
    expect(keys.filter((k) => zh[k].includes("分中心负责人")).map((k) => `${k}: ${zh[k]}`)).toEqual([]);
  });
});

describe("one label per stored code, wherever it is shown", () => {
  const sameLabels = (a: string, b: string) => {
    for (const [locale, flat] of [
      ["zh-CN", zh],
      ["en", en],
    ] as const) {
      const codes = (p: string) => Object.keys(flat).filter((k) => k.startsWith(`${p}.`)).map((k) => k.slice(p.length + 1)).sort();
      expect({ locale, codes: codes(b) }).toEqual({ locale, codes: codes(a) });
      for (const c of codes(a)) expect({ locale, code: c, label: flat[`${b}.${c}`] }).toEqual({ locale, code: c, label: flat[`${a}.${c}`] });
    }
  };

  it("specimen types read the same in the biobank and on the dashboard (one term for an FFPE block)", () => {
    sameLabels("biobank.types", "dashboard.specimenTypes.names");
    expect(keys.filter((k) => zh[k].includes("石蜡包埋")).map((k) => `${k}: ${zh[k]}`)).toEqual([]);
  });

  it("study statuses read the same on the studies pages and on the dashboard", () => {
    sameLabels("studies.status", "dashboard.studyStatus");
  });
});

describe("site staff are told what they can do on a study's pages, not that they only read it", () => {
  it("names the tabs where they screen, enrol and follow up, in both languages", () => {
    for (const flat of [zh, en]) {
      const text = flat["studies.overview.readOnlySiteWork"];
      for (const tab of ["{screening}", "{participants}", "{followUp}"]) expect(text).toContain(tab);
      expect(text).not.toMatch(/只读|read-only/i);
    }
  });
});
