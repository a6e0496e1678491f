import { expect, test, expectAccessible, login, setLocaleCookie, DEMO_PASSWORD } from "./helpers";

/** What each demo account must (and must not) find in its navigation. */
const NAV: Record<string, { must: string[]; mustNot: string[] }> = {
  "admin@ncrc.demo": { must: ["/centres", "/users", "/audit"], mustNot: [] },
  "coord.sc1@ncrc.demo": { must: ["/centres", "/users", "/audit"], mustNot: [] },
  "coord.rc1@ncrc.demo": { must: ["/centres", "/users", "/audit"], mustNot: [] },
  "pi@ncrc.demo": { must: ["/centres"], mustNot: ["/users", "/audit"] },
  "staff.rc1@ncrc.demo": { must: ["/centres"], mustNot: ["/users", "/audit"] },
  "staff.gh1@ncrc.demo": { must: ["/centres"], mustNot: ["/users", "/audit"] },
  "staff.rc20@ncrc.demo": { must: ["/centres"], mustNot: ["/users", "/audit"] },
  "monitor@ncrc.demo": { must: ["/centres"], mustNot: ["/users", "/audit"] },
  "biobank@ncrc.demo": { must: ["/centres"], mustNot: ["/users", "/audit"] },
  "viewer@ncrc.demo": { must: ["/centres"], mustNot: ["/users", "/audit"] },
};

test.describe("sign-in and navigation per role", () => {
  for (const [email, nav] of Object.entries(NAV)) {
    test(`${email} signs in and sees its own navigation`, async ({ page }) => {
      await login(page, email, "en");
      const navLinks = page.getByRole("navigation", { name: "Main navigation" }).getByRole("link");
      const hrefs = await navLinks.evaluateAll((els) => els.map((e) => e.getAttribute("href")));
      for (const h of nav.must) expect(hrefs).toContain(h);
      for (const h of nav.mustNot) expect(hrefs).not.toContain(h);
      await expect(page.getByTestId("current-user")).toBeVisible();
      // Server-side, not just hidden: a page outside the role answers 404.
      for (const h of nav.mustNot) {
        const res = await page.goto(h);
        expect(res?.status()).toBe(404);
      }
    });
  }

  test("a wrong password gets one message that does not say whether the account exists", async ({ page }) => {
    await setLocaleCookie(page, "en");
    await page.goto("/login");
    await page.locator("#email").fill("nobody@ncrc.demo");
    await page.locator("#password").fill("wrong-password-123");
    await page.locator("button[type=submit]").click();
    await expect(page.getByTestId("login-error")).toHaveText("The email or password is not correct.");
    await page.locator("#email").fill("pi@ncrc.demo");
    await page.locator("#password").fill("wrong-password-123");
    await page.locator("button[type=submit]").click();
    await expect(page.getByTestId("login-error")).toHaveText("The email or password is not correct.");
    await expectAccessible(page);
  });

  test("the language switch changes every visible string and is remembered for the user", async ({ page, browser }) => {
    await login(page, "coord.sc1@ncrc.demo", "zh-CN");
    await page.goto("/centres");
    const nav = page.locator("nav").first();
    await expect(nav).toContainText("网络中心");
    await page.getByTestId("language-switch").click();
    await expect(nav).toContainText("Centres");
    // No Chinese characters left anywhere but in data (centre names) and the switch itself.
    await expect(page.locator("header a").first()).toHaveText("NCRC Network Portal");
    await expect(nav).not.toContainText("网络中心");
    await expectAccessible(page);

    // Another browser with a Chinese cookie: the user's own choice wins after sign-in.
    const other = await browser.newContext({ locale: "zh-CN" });
    const p2 = await other.newPage();
    await setLocaleCookie(p2, "zh-CN");
    await p2.goto("/login");
    await p2.locator("#email").fill("coord.sc1@ncrc.demo");
    await p2.locator("#password").fill(DEMO_PASSWORD);
    await p2.locator("button[type=submit]").click();
    await p2.waitForURL((u) => !u.pathname.startsWith("/login"));
    await p2.goto("/centres");
    await expect(p2.locator("nav").first()).toContainText("Centres");
    await other.close();
  });
});
