import { describe, expect, it } from "vitest";
import { messages } from "@/messages";
import { DEMO_ACCOUNTS } from "@/seed/network-data";
import { EXTRA_PIS } from "@/seed/studies-data";

/**
 * Demo people have people's names, in both scripts, and no role in the name: the portal shows
 * the role itself, translated, so a title in the name would carry Chinese into the English
 * interface (and an English word into the Chinese one) — issue 12, item 13.
 */
const names = [...DEMO_ACCOUNTS.map((a) => a[3]), ...EXTRA_PIS.map((p) => p[2])];
const roleWords = [
  ...Object.values(messages["zh-CN"].common.roles),
  ...Object.values(messages.en.common.roles),
  ...Object.values(messages["zh-CN"].studies.teamRole),
  ...Object.values(messages.en.studies.teamRole),
  "管理员",
  "协调员",
  "研究者",
  "监查员",
  "护士",
  "委员会",
  "Demo",
  "Manager",
  "Coordinator",
  "Staff",
];

describe("demo people's names", () => {
  it.each(names)("%s is a name in Chinese and in pinyin, with no role title", (name) => {
    expect(name).toMatch(/^[\u4e00-\u9fff]{2,4} [A-Z][a-z]+ [A-Z][a-z]+$/);
    for (const word of roleWords) expect({ name, word, found: name.includes(word) }).toEqual({ name, word, found: false });
  });

  it("are all different", () => {
    expect(new Set(names).size).toBe(names.length);
  });
});
