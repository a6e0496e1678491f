import { expect, test, expectAccessible, login } from "./helpers";

/** A code no other spec (or earlier run on the same database) uses: [A-Z0-9]{2,8}. */
function uniqueCode(): string {
  return `E${Date.now().toString(36).toUpperCase().slice(-5)}${Math.floor(Math.random() * 36).toString(36).toUpperCase()}`;
}

test("admin adds a grass-roots hospital under R01 (zh-CN) and a site staff user there (en)", async ({ page }) => {
  const code = uniqueCode();
  await login(page, "admin@ncrc.demo", "zh-CN");
  await page.goto("/centres/R01");
  const add = page.getByTestId("panel-add");
  await expect(add).toContainText("基层医院");

  // A bad code is explained next to the field, in Chinese.
  await add.getByLabel("编码", { exact: true }).fill("x");
  await add.getByLabel("中文名称").fill(`测试基层医院${code}`);
  await add.getByLabel("英文名称").fill(`E2E Test Hospital ${code}`);
  await add.getByRole("button", { name: "新增中心" }).click();
  await expect(add.locator("#f-code-error")).toContainText("大写字母");

  // React resets an action form after each submit, so the fields are filled again.
  await add.getByLabel("编码", { exact: true }).fill(code);
  await add.getByLabel("中文名称").fill(`测试基层医院${code}`);
  await add.getByLabel("英文名称").fill(`E2E Test Hospital ${code}`);
  await add.getByRole("button", { name: "新增中心" }).click();
  await expect(add.getByTestId("form-success")).toHaveText("已新增中心。");
  await expect(page.getByTestId("centre-children")).toContainText(code);

  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Baoding Cancer Hospital (Regional Centre)");

  await page.goto(`/users/new?centre=${code}`);
  const email = `e2e.${code.toLowerCase()}@ncrc.test`;
  await page.getByLabel("Name").fill(`E2E Nurse ${code}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Site staff" });
  await expect(page.getByLabel("Home centre")).toHaveValue(/\d+/);
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator("#f-password-error")).toHaveText("The password must have at least 10 characters.");

  await page.getByLabel("Name").fill(`E2E Nurse ${code}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Site staff" });
  await page.getByLabel("Initial password").fill("a-long-initial-pw");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("user-created")).toBeVisible();
  await expect(page.getByTestId("user-role")).toHaveText("Site staff");
  await expect(page.getByRole("link", { name: `E2E Test Hospital ${code}` })).toBeVisible();

  await page.goto(`/users?centre=${code}`);
  await expect(page.getByTestId("users-table")).toContainText(email);
});

test("a regional coordinator gets a 404 for a centre outside their subtree", async ({ page }) => {
  await login(page, "coord.rc1@ncrc.demo", "en");
  const outside = await page.goto("/centres/R20");
  expect(outside?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const inside = await page.goto("/centres/R01G1");
  expect(inside?.status()).toBe(200);
  await page.goto("/centres");
  await expect(page.getByTestId("centre-tree")).not.toContainText("R20");
  await expect(page.getByTestId("level-count-regional_centre")).toContainText("1");
  await expect(page.getByTestId("level-count-sub_centre")).toHaveCount(0);
});

test("centres, users and audit screens pass axe, and the chain check reports", async ({ page }) => {
  await login(page, "admin@ncrc.demo", "zh-CN");
  for (const path of ["/centres", "/centres/R01", "/users", "/users/new"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await page.goto("/audit");
  await expectAccessible(page);
  await page.getByTestId("verify-chain").click();
  // The admin may have switched to English in another test: the setting is per user.
  await expect(page.getByTestId("verify-result")).toHaveText(/^(审计链完整：已校验 \d+ 条记录。|Chain intact: \d+ events checked\.)$/);
  // The filter keeps only chain checks, shown by their translated label, never the raw code.
  await page.goto("/audit?action=audit.verified");
  const actionCells = page.getByTestId("audit-table").locator("tbody tr td:nth-child(4)");
  await expect(actionCells.first()).toHaveText("审计链校验");
  expect(new Set(await actionCells.allTextContents())).toEqual(new Set(["审计链校验"]));
  await expect(page.getByTestId("audit-table")).not.toContainText("audit.verified");
});
