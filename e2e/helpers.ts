import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

export { expect };

/**
 * Every journey fails on a Content-Security-Policy violation. An init script reports each
 * `securitypolicyviolation` event to the console, and the browser's own "Refused to … because it
 * violates the following Content Security Policy directive" lines are caught as well; this covers
 * the test's page and every context a journey opens with browser.newContext().
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ browser, context }, provide) => {
      const violations: string[] = [];
      const watch = async (ctx: BrowserContext) => {
        await ctx.addInitScript(() => {
          document.addEventListener("securitypolicyviolation", (e) => {
            console.error(`Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
          });
        });
        ctx.on("console", (msg) => {
          if (/content security policy/i.test(msg.text())) violations.push(`${msg.location().url || msg.page()?.url() || ""}: ${msg.text()}`);
        });
        ctx.on("weberror", (err) => {
          if (/content security policy/i.test(String(err.error()))) violations.push(`${err.page()?.url() ?? ""}: ${String(err.error())}`);
        });
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const ctx = await newContext(...args);
        await watch(ctx);
        return ctx;
      };
      try {
        await provide();
      } finally {
        browser.newContext = newContext;
      }
      expect([...new Set(violations)], "Content Security Policy violations in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

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
