import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { SectionTabs } from "@/components/navigation/section-tabs";

vi.mock("next/navigation", () => ({ usePathname: () => "/studies/LC-203/sites" }));

/** At 768 px the study's nine tabs do not fit one line (issue 12, item 15): they wrap, none is cut off. */
describe("section tabs", () => {
  const tabs = ["", "protocol", "sites", "team", "screening", "participants", "consort", "follow-up", "history"].map((href) => ({ href, label: href || "overview" }));
  const html = renderToStaticMarkup(createElement(SectionTabs, { base: "/studies/LC-203", tabs, label: "Study sections" }));

  it("wrap onto another line instead of scrolling tabs out of sight", () => {
    const list = /<ul class="([^"]*)"/.exec(html)?.[1].split(/\s+/) ?? [];
    expect(list).toContain("flex-wrap");
    expect(list.some((c) => /^overflow-(x-)?(auto|hidden|scroll)$/.test(c))).toBe(false);
  });

  it("render every tab as a link (keyboard reachable) and mark the current one", () => {
    expect(html.match(/<a /g)?.length).toBe(tabs.length);
    expect(html).toMatch(/<a[^>]*href="\/studies\/LC-203\/sites"[^>]*aria-current="page"|<a[^>]*aria-current="page"[^>]*href="\/studies\/LC-203\/sites"/);
    expect(html.match(/aria-current/g)?.length).toBe(1);
    expect(html).toContain('aria-label="Study sections"');
  });
});
