import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-Passw0rd!";

/** Signs in through the login form; sets the language first (zh-CN by default). */
export async function login(page: Page, email: string, locale: "zh-CN" | "en" = "zh-CN") {
  await setLocaleCookie(page, locale);
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("button[type=submit]").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  // The user's own saved language wins over the cookie (another journey may have switched it):
  // switch back through the UI when it differs.
  if ((await page.locator("html").getAttribute("lang")) !== locale) {
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
  }
}

export async function setLocaleCookie(page: Page, locale: "zh-CN" | "en") {
  const base = process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 3210}`;
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: base }]);
}

/** No serious or critical axe violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}
