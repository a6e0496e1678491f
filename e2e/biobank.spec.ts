import type { Page } from "@playwright/test";
import { expect, test, expectAccessible, login } from "./helpers";

// The biobank journey: a grass-roots hospital registers a blood specimen, prints its label and
// ships it to the hub; the hub's biobank manager receives it, stores it in a box and aliquots it;
// search finds it by barcode and by filters. Once per language.
for (const locale of ["zh-CN", "en"] as const) {
  test(`biobank journey (${locale})`, async ({ page }) => {
    const tag = `${locale === "en" ? "EN" : "ZH"}${Date.now().toString(36).toUpperCase()}`;

    // 1. staff.gh1 at R01G1 registers a whole-blood specimen for one of the site's participants.
    await login(page, "staff.gh1@ncrc.demo", locale);
    await page.goto("/participants");
    const subject = (await page.getByTestId("participants-table").locator("a", { hasText: "-R01G1-" }).first().textContent())!.trim();
    // The participant may already have demo specimens: remember what the filters find now.
    const base = { whole: await filteredCount(page, subject, "whole_blood"), plasma: await filteredCount(page, subject, "plasma") };
    await page.goto("/biobank/specimens/new");
    await page.locator("#f-type").selectOption("whole_blood");
    await page.locator("#f-subjectCode").fill(subject);
    // Consent for future research is not asked: it is shown from the participant's enrolment record.
    await expect(page.getByTestId("owner-consent")).toContainText(locale === "en" ? "enrolment record" : "入组记录");
    await page.locator("#f-quantity").fill("4");
    await page.locator("#register-specimen button[type=submit]").click();
    await page.waitForURL(/\/biobank\/specimens\/NB\d{9}\?registered=1/);
    const barcode = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("registered")).toContainText(barcode);
    await expectAccessible(page);

    // 2. Its label: a Code 128 SVG drawn on the server, on a printable sheet.
    await page.locator(`a[href="/biobank/labels?barcodes=${barcode}"]`).click();
    await expect(page.getByTestId("label")).toHaveCount(1);
    await expect(page.getByTestId("label").locator("svg path").first()).toBeAttached();
    await expect(page.getByTestId("label")).toContainText(barcode);
    await expect(page.getByTestId("print-labels")).toBeVisible();
    await expectAccessible(page);

    // 3. Ship it to the hub (TJ01 is the default destination).
    await page.goto(`/biobank/transfers?barcodes=${barcode}`);
    await expect(page.locator("#f-barcodes")).toHaveValue(barcode);
    await page.locator("#new-transfer button[type=submit]").click();
    await page.waitForURL(/\/biobank\/transfers\/\d+$/);
    const transferUrl = new URL(page.url()).pathname;
    await page.locator("form:has(input[name=transferId]) button[type=submit]").first().click();
    await expect(page.getByTestId("transfer-status")).toHaveText(locale === "en" ? "In transit" : "转运中");
    await expect(page.locator("select[name='results[]']")).toHaveCount(0); // only the destination receives

    // 4. The hub's biobank manager receives it.
    await page.context().clearCookies();
    await login(page, "biobank@ncrc.demo", locale);
    await page.goto(transferUrl);
    await expect(page.locator("select[name='results[]']")).toHaveCount(1);
    await page.locator("#receive-form button[type=submit]").click();
    await expect(page.getByTestId("transfer-status")).toHaveText(locale === "en" ? "Received" : "已接收");

    // 5. A fresh 2 × 2 box, then the specimen goes into position A1.
    await page.goto("/biobank/storage");
    const boxCode = `E${tag}`.slice(0, 12);
    await page.locator("#new-box-code").fill(boxCode);
    await page.locator("#new-box-rows").fill("2");
    await page.locator("#new-box-cols").fill("2");
    await page.locator("#new-box button[type=submit]").click();
    await expect(page.locator("#new-box [data-testid=form-error]")).toHaveCount(0);
    // The specimen page's box chooser finds the box; its grid places the tube by a click on A1.
    await page.goto(`/biobank/specimens/${barcode}`);
    await page.locator("#box-q").fill(boxCode);
    await page.locator("form[role=search]:has(#box-q) button[type=submit]").click();
    await page.getByTestId("box-choice").filter({ hasText: boxCode }).first().click();
    await page.waitForURL(new RegExp(`/biobank/storage/boxes/\\d+\\?place=${barcode}`));
    await page.getByTestId("cell-A1").click();
    await expect(page.getByTestId("grid-result")).toContainText(`${boxCode} / A1`);
    await page.goto(`/biobank/specimens/${barcode}`);
    await expect(page.getByTestId("specimen-location")).toContainText(`${boxCode} / A1`);

    // 6. Aliquot: 1 + 1.5 mL of plasma out of 4 mL; the tree shows parent and children.
    await page.locator("#aliquot-form #f-quantities").fill("1 1.5");
    await page.locator("#aliquot-form button[type=submit]").click();
    await expect(page.getByTestId("aliquot-tree").locator("li")).toHaveCount(3);
    await expect(page.getByTestId("print-new-aliquots")).toHaveAttribute("href", /\/biobank\/labels\?barcodes=NB\d{9},NB\d{9}$/);
    await expect(page.getByTestId("aliquot-tree").locator("li").first()).toContainText("1.5");
    await expect(page.getByTestId("custody")).toContainText(locale === "en" ? "Received" : "接收");
    await expectAccessible(page);

    // 7. Search finds it by barcode, then by filters (the URL holds them).
    await page.goto("/biobank");
    await page.locator("#q-barcode").fill(barcode);
    await page.locator("form[role=search] button[type=submit]").click();
    await expect(page).toHaveURL(new RegExp(`barcode=${barcode}`));
    await expect(page.getByTestId("specimen-results").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("specimen-results")).toContainText(barcode);
    await searchByFilters(page, subject, barcode, base);
    await expectAccessible(page);
  });
}

async function filteredCount(page: Page, subject: string, type: string): Promise<number> {
  await page.goto(`/biobank?code=${subject}&type=${type}&status=available`);
  await expect(page.locator("#q-type")).toHaveValue(type);
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("counts-total")).toHaveText(/^\d+$/);
  return Number(await page.getByTestId("counts-total").textContent());
}

async function searchByFilters(page: Page, subject: string, barcode: string, base: { whole: number; plasma: number }) {
  await page.goto(`/biobank?code=${subject}&type=whole_blood&status=available`);
  await expect(page.locator("#q-type")).toHaveValue("whole_blood");
  await expect(page.getByTestId("specimen-results")).toContainText(barcode);
  await expect(page.getByTestId("counts-total")).toHaveText(String(base.whole + 1));
  await page.locator("#q-type").selectOption("plasma");
  await page.locator("form[role=search] button[type=submit]").click();
  await expect(page).toHaveURL(/type=plasma/);
  // The two new aliquots are plasma.
  await expect(page.getByTestId("counts-total")).toHaveText(String(base.plasma + 2));
}
