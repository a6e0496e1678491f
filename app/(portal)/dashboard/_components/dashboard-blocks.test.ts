import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DashboardBody, DashboardFigures, DashboardLists, DashboardShell } from "@/lib/metrics/dashboard-data";
import { emptyCounts, type NodeFigures } from "@/lib/metrics/types";
import { messages } from "@/messages";
import { LiveKpis } from "@/app/(portal)/dashboard/_components/live-kpis";
import { LiveLists } from "@/app/(portal)/dashboard/_components/live-lists";
import { LiveTree } from "@/app/(portal)/dashboard/_components/live-tree";

/*
 * The dashboard's blocks rendered as the server renders them (react-dom/server), in both
 * languages: what the browser's first render must repeat to hydrate (React #418), the tablet
 * layout of the studies table, and the league table's own-centre row.
 */

const params = { to: "2026-11-30" };
const node = (over: Partial<NodeFigures>): NodeFigures => ({
  ...emptyCounts(),
  id: 1,
  code: "HQ",
  nameZh: "总中心",
  nameEn: "Hub",
  level: "hub",
  parentId: null,
  depth: 0,
  active: true,
  lastEnrolledOn: null,
  medianDaysToEnrol: null,
  oldestUnclosedQueryDays: null,
  ...over,
});
const shell: DashboardShell = {
  params,
  reach: { centres: "network", studies: "all" },
  crumbs: [{ code: "HQ", nameZh: "总中心", nameEn: "Hub" }],
  root: { id: 1, code: "HQ", nameZh: "总中心", nameEn: "Hub" },
  study: null,
  studyOptions: ["BC-HR-101"],
  wholeNetwork: true,
};
const figures: DashboardFigures = {
  params,
  rootId: 1,
  nodes: [
    node({ enrolled: 10, enrolledToDate: 1013, target: 1400, unclosedQueries: 129, openQueries: 85, answeredQueries: 44 }),
    node({ id: 2, code: "R02", nameZh: "二号中心", nameEn: "Centre two", level: "regional_centre", parentId: 1, depth: 1, enrolled: 3, enrolledToDate: 407, target: 600 }),
  ],
  own: node({ enrolled: 7, enrolledToDate: 606, target: 800 }),
  target: { value: 1400, source: "sites" },
  projection: { kind: "date", date: "2029-06-08" },
  computedAt: "2026-11-30T02:03:04.000Z",
};
const lists: DashboardLists = {
  params,
  studies: {
    rows: [{ code: "BC-HR-101", titleZh: "激素受体阳性乳腺癌新辅助内分泌治疗研究", titleEn: "Neoadjuvant endocrine therapy in hormone-receptor-positive breast cancer", status: "recruiting", targetEnrolment: 1500, sites: 12, siteTarget: 1400, enrolledToDate: 1013 }],
    total: 1,
  },
  screenFailed: 0,
  reasons: [],
  flagged: { rows: [], total: 0 },
  computedAt: "2026-11-30T02:03:04.000Z",
};

const body = (f: DashboardFigures = figures, l: DashboardLists = lists): DashboardBody => ({ params, figures: f, lists: l, computedAt: f.computedAt });

function render(locale: "en" | "zh-CN", el: ReactElement): string {
  const client = new QueryClient();
  return renderToStaticMarkup(
    // eslint-disable-next-line react/no-children-prop -- the provider's props type requires `children` (no JSX in a .ts test)
    createElement(NextIntlClientProvider, { locale, messages: messages[locale], timeZone: "Asia/Shanghai", children: createElement(QueryClientProvider, { client }, el) }),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the live status line hydrates (React #418)", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`shows the figures' own read time, whatever the clock says (${locale})`, () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date("2026-11-30T02:03:10.000Z"));
      const first = render(locale, createElement(LiveKpis, { initial: body(), shell }));
      vi.setSystemTime(new Date("2026-11-30T02:09:59.500Z"));
      const later = render(locale, createElement(LiveKpis, { initial: body(), shell }));
      expect(later).toBe(first);
      // 02:03:04 UTC is 10:03:04 in the network's zone.
      expect(first).toMatch(/data-testid="live-status"[^>]*><time dateTime="2026-11-30T02:03:04.000Z">[^<]*10:03:04/);
    });
  }
});

describe("one target, named", () => {
  it("says which target and which projection method the figures use", () => {
    const en = render("en", createElement(LiveKpis, { initial: body(), shell }));
    expect(en).toContain("Target: the sum of the sites&#x27; targets in this view, 1,400.");
    expect(en).toContain("at the average monthly rate of the 3 months up to 2026-11-30");
    const zh = render("zh-CN", createElement(LiveKpis, { initial: body({ ...figures, target: { value: 1500, source: "study" } }), shell }));
    expect(zh).toContain("目标：研究总目标 1,500 例。");
  });
});

describe("the studies table on a 768 px tablet", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`keeps the title column readable and lets the table scroll inside its card (${locale})`, () => {
      const html = render(locale, createElement(LiveLists, { initial: body(), shell }));
      // The title cell has a minimum width (14 rem), so the browser does not wrap it to a few characters per line…
      const title = locale === "en" ? lists.studies.rows[0].titleEn : lists.studies.rows[0].titleZh;
      expect(html).toMatch(new RegExp(`<td class="[^"]*min-w-56[^"]*">${title}</td>`));
      // …and the table sits in a horizontally scrolling, focusable box inside a card that may shrink, so no column is cut off.
      const card = html.match(/<div[^>]*data-testid="studies"[^>]*>/)?.[0] ?? "";
      expect(card).toMatch(/class="[^"]*\bmin-w-0\b/);
      expect(html).toMatch(/<div class="w-full overflow-x-auto" tabindex="0"><table[^>]*data-testid="studies-table"/);
    });
  }
});

describe("the league table reconciles", () => {
  it("shows the centre's own row and its total under its children's rows, in both languages", () => {
    const en = render("en", createElement(LiveTree, { initial: body() }));
    const foot = en.slice(en.indexOf("<tfoot"), en.indexOf("</tfoot>"));
    expect(foot).toContain("Hub itself");
    expect(foot).toContain("Hub in all");
    // 606 own + 407 in the child's row = 1,013, the total's figure.
    expect(foot).toMatch(/606[\s\S]*1,013/);
    const rows = en.slice(en.indexOf("<tbody"), en.indexOf("</tbody>"));
    expect(rows).toContain("407");
    expect(rows).not.toContain("itself");
    const zh = render("zh-CN", createElement(LiveTree, { initial: body() }));
    expect(zh.slice(zh.indexOf("<tfoot"), zh.indexOf("</tfoot>"))).toContain("总中心（本中心）");
  });
});
