import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test, expectAccessible, login } from "./helpers";

const LANGS = [
  { locale: "zh-CN" as const, hospitalName: "保定第1县人民医院", accrual: "LC-203 入组曲线", centre: "中心", showTable: "显示数据表" },
  { locale: "en" as const, hospitalName: "Baoding No. 1 County People's Hospital", accrual: "Accrual of LC-203", centre: "Centre", showTable: "Show table" },
];

/** The codes in the league table, once its rows are there (the table streams in after the page's shell). */
async function leagueCodes(page: Page): Promise<string[]> {
  const cells = page.getByTestId("league-table").locator("tbody tr td:nth-child(2)");
  await expect(cells.first()).toBeVisible();
  return cells.allInnerTexts();
}

for (const lang of LANGS) {
  test.describe(`dashboard (${lang.locale})`, () => {
    test("the admin lands on the network and drills from the hub to a hospital", async ({ page }) => {
      await login(page, "admin@ncrc.demo", lang.locale);
      await expect(page).toHaveURL(/\/dashboard/);
      await expect(page.getByTestId("breadcrumbs").getByRole("listitem")).toHaveCount(1);
      await expect.poll(async () => (await leagueCodes(page)).sort()).toEqual(["SC01", "SC02"]);
      for (const kpi of ["enrolledToDate", "screenFailureRate", "medianDays", "unclosedQueries", "saes", "lateSaes", "specimens"]) {
        await expect(page.getByTestId(`kpi-${kpi}-value`)).toHaveText(/\d|—/);
      }
      await expectAccessible(page);

      await page.getByTestId("drill-SC01").click();
      await expect(page).toHaveURL(/centre=SC01/);
      await expect.poll(() => leagueCodes(page)).toContain("R01");
      await page.getByTestId("drill-R01").click();
      await expect(page).toHaveURL(/centre=R01(&|$)/);
      await page.getByTestId("drill-R01G1").click();
      await expect(page).toHaveURL(/centre=R01G1/);
      await expect(page.getByTestId("dashboard-node")).toHaveText(lang.hospitalName);
      const crumbs = page.getByTestId("breadcrumbs").getByRole("listitem");
      await expect(crumbs).toHaveCount(4);
      await expect(crumbs.last()).toHaveText(new RegExp(lang.hospitalName));
      // A hospital has no children: no league table, the figures stay.
      await expect(page.getByTestId("league")).toHaveCount(0);
      await expect(page.getByTestId("kpi-enrolled-value")).toBeVisible();
      // Back up through the breadcrumb.
      await page.getByTestId("crumb-SC01").click();
      await expect(page.getByTestId("dashboard-node")).not.toHaveText(lang.hospitalName);
      await expectAccessible(page);
    });

    test("the PI opens their study and sees its accrual curve against the plan", async ({ page }) => {
      await login(page, "pi@ncrc.demo", lang.locale);
      await page.goto("/dashboard");
      await page.getByTestId("study-LC-203").click();
      await expect(page).toHaveURL(/study=LC-203/);
      const card = page.getByTestId("accrual");
      await expect(card.getByRole("heading", { name: lang.accrual })).toBeVisible();
      await expect(card.getByTestId("accrual-chart").locator("svg").first()).toBeVisible();
      await card.getByRole("button", { name: lang.showTable }).click();
      const rows = card.getByTestId("accrual-table").locator("tbody tr");
      expect(await rows.count()).toBeGreaterThan(3);
      await expect(rows.first().locator("td").first()).toHaveText(/^\d{4}-\d{2}$/);
      // Another PI's study is outside this PI's dashboard.
      const res = await page.goto("/dashboard?study=BC-HR-101");
      expect(res?.status()).toBe(404);
      await expectAccessible(page);
    });

    test("a coordinator sees only their subtree", async ({ page }) => {
      await login(page, "coord.sc1@ncrc.demo", lang.locale);
      await page.goto("/dashboard");
      await expect(page.getByTestId("breadcrumbs").getByRole("listitem")).toHaveCount(1);
      await expect.poll(async () => (await leagueCodes(page)).sort()).toEqual(["R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10"]);
      for (const outside of ["SC02", "R11", "TJ01"]) {
        const res = await page.goto(`/dashboard?centre=${outside}`);
        expect(res?.status()).toBe(404);
        const api = await page.request.get(`/api/dashboard?centre=${outside}`);
        expect(api.status()).toBe(404);
      }
      const api = await page.request.get("/api/dashboard");
      const data = (await api.json()) as { nodes: { code: string }[] };
      // Other journeys may add centres inside SC01; nothing outside it may appear.
      expect(data.nodes.map((n) => n.code)).toContain("SC01");
      expect(data.nodes.filter((n) => /^(TJ01|SC02|R(1[1-9]|20)(G\d+)?)$/.test(n.code))).toEqual([]);
    });

    test("the league table downloads as CSV with a BOM and the rows shown", async ({ page }) => {
      await login(page, "admin@ncrc.demo", lang.locale);
      await page.goto("/dashboard?centre=SC02");
      const shown = await leagueCodes(page);
      expect(shown.length).toBe(10);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("league-csv").click()]);
      expect(download.suggestedFilename()).toMatch(/^dashboard_SC02_centres_\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = fs.readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
      expect(lines[0].split(",")[0]).toBe(lang.centre);
      expect(lines.length - 1).toBe(shown.length + 2); // the children, then SC02 itself and SC02 in all
      const codes = lines.slice(1, 1 + shown.length).map((l) => l.match(/,(R\d{2}),/)?.[1]);
      expect(codes.sort()).toEqual([...shown].sort());
    });
  });
}
