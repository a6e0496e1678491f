import type { Browser, Page } from "@playwright/test";
import { expect, test, expectAccessible, login } from "./helpers";

// LC-203 (demo): recruiting, R01 an active site of staff.rc1; the demo monitor is on its team.
// Its demo forms (seed/crf-forms-data.ts) put "demographics" first at the baseline event "bl":
// [sex] = "0" shows "childbearing", bmi = round([weight] * 10000 / ([height] ^ 2), 1), age 18–100.
const STUDY = "LC-203";
const TABLET = { width: 768, height: 1024 };

async function as(browser: Browser, email: string, locale: "zh-CN" | "en"): Promise<Page> {
  const page = await (await browser.newContext({ viewport: TABLET })).newPage();
  await login(page, email, locale);
  return page;
}

function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A participant of the staff's site whose baseline demographics form is not started yet, and the form's address. */
async function participantWithEmptyBaseline(page: Page, skip: ReadonlySet<string>): Promise<{ subject: string; formHref: string }> {
  for (let n = 1; n <= 4; n++) {
    await page.goto(`/studies/${STUDY}/participants?page=${n}`);
    const all = await page.getByTestId("participants-table").locator("tbody tr a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    const links = [...new Set(all.filter((h) => new RegExp(`^/studies/${STUDY}/participants/${STUDY}-R01-\\d{4}$`).test(h)))];
    for (const href of links) {
      const subject = href.split("/").pop()!;
      if (skip.has(subject)) continue;
      await page.goto(href);
      const cell = page.getByTestId("grid-bl-demographics");
      if ((await cell.count()) === 1 && (await cell.getAttribute("data-status")) === "not_started") return { subject, formHref: (await cell.getAttribute("href"))! };
    }
  }
  throw new Error("no participant of the staff's site has an empty baseline form");
}

test.describe.configure({ mode: "serial" });
const used = new Set<string>();

for (const locale of ["zh-CN", "en"] as const) {
  test(`site staff enter a baseline form by keyboard on a tablet; the monitor raises a query on an item and verifies the form (${locale})`, async ({ browser }) => {
    const staff = await as(browser, "staff.rc1@ncrc.demo", locale);
    const { subject, formHref } = await participantWithEmptyBaseline(staff, used);
    used.add(subject);
    await expect(staff.getByTestId("form-grid")).toBeVisible();
    await expectAccessible(staff);

    await staff.getByTestId("grid-bl-demographics").click();
    await staff.waitForURL((u) => u.pathname + u.search === formHref);
    const form = staff.getByTestId("crf-entry-form");
    await expect(form).toBeVisible();
    await expect(staff.getByTestId("form-status")).toHaveText(locale === "en" ? "Not started" : "未开始");
    await expectAccessible(staff);

    // Keyboard only: Enter moves to the next field and never saves.
    await staff.locator("#crf-dm_date").fill(todayInChina());
    await staff.keyboard.press("Enter");
    await expect(staff.locator("#crf-age")).toBeFocused();
    await staff.keyboard.type("150");
    await staff.keyboard.press("Enter");
    // A hard limit: refused, said beside the item as soon as the field is left.
    await expect(staff.getByTestId("error-age")).toBeVisible();
    await expect(staff.locator("#crf-age")).toHaveAttribute("aria-invalid", "true");
    await staff.locator("#crf-age").focus();
    await staff.keyboard.press("ControlOrMeta+a");
    await staff.keyboard.type("56");
    await expect(staff.getByTestId("error-age")).toHaveCount(0);
    await staff.keyboard.press("Enter");
    // Sex: the radio group takes the focus; Space picks "female", which shows "childbearing".
    await expect(staff.locator("#crf-sex input[type=radio]").first()).toBeFocused();
    await expect(staff.locator('[data-item="childbearing"]')).toHaveCount(0);
    await staff.keyboard.press("Space");
    await expect(staff.locator('[data-item="childbearing"]')).toBeVisible();
    await staff.keyboard.press("Enter");
    await expect(staff.locator("#crf-childbearing input[type=radio]").first()).toBeFocused();
    await staff.keyboard.press("ArrowRight"); // "no": the pregnancy test stays hidden
    await expect(staff.locator("#crf-childbearing input[value='0']")).toBeChecked();
    await expect(staff.locator('[data-item="pregnancy_test"]')).toHaveCount(0);
    await staff.keyboard.press("Enter");
    await expect(staff.locator("#crf-ethnicity")).toBeFocused();
    await staff.keyboard.press("Enter");
    await expect(staff.locator("#crf-weight")).toBeFocused();
    await staff.keyboard.type("70");
    await staff.keyboard.press("Enter");
    await staff.keyboard.type("170");
    // The calculation follows the typing.
    await expect(staff.getByTestId("calc-bmi")).toHaveText("24.2");
    await staff.keyboard.press("Enter");
    await expect(staff.locator("#crf-baseline_ecog input[type=radio]").first()).toBeFocused();
    await staff.keyboard.press("Space");
    await staff.locator("#crf-primary_site").selectOption("1");
    await expect(staff.getByTestId("form-status")).toHaveText(locale === "en" ? "Not started" : "未开始"); // nothing was submitted by Enter
    await expectAccessible(staff);

    // Leaving with unsaved changes asks first.
    let asked = false;
    staff.once("dialog", (d) => {
      asked = true;
      void d.dismiss();
    });
    await staff.getByTestId("back-to-participant").click();
    expect(asked).toBe(true);
    await expect(form).toBeVisible();

    // Save and go to the next form of the grid.
    await staff.getByTestId("save-next").focus();
    await staff.keyboard.press("Enter");
    await staff.waitForURL((u) => u.pathname !== formHref.split("?")[0]);
    await expect(staff.getByTestId("form-status")).toHaveText(locale === "en" ? "Not started" : "未开始");
    await staff.goto(formHref);
    await expect(staff.getByTestId("form-status")).toHaveText(locale === "en" ? "Complete" : "已完成");
    await expect(staff.locator("#crf-age")).toHaveValue("56");
    await expect(staff.getByTestId("calc-bmi")).toHaveText("24.2");

    // The monitor reads the form, raises a query on one item and verifies the form.
    const monitor = await as(browser, "monitor@ncrc.demo", locale);
    await monitor.goto(formHref);
    await expect(monitor.getByTestId("crf-form-view")).toBeVisible();
    await expect(monitor.getByTestId("value-age")).toHaveText("56");
    await expectAccessible(monitor);
    await monitor.getByTestId("raise-weight").click();
    await monitor.locator("#crf-weight-question").fill(`${locale}: please confirm the weight against the source.`);
    await monitor.getByTestId("send-query-weight").click();
    await expect(monitor.getByTestId("query-weight")).toBeVisible();
    await monitor.getByTestId("verify-form").click();
    await expect(monitor.getByTestId("form-status")).toHaveText(locale === "en" ? "Verified" : "已核查");
    await expectAccessible(monitor);

    // Back at the site: the grid shows the form verified with its open query.
    await staff.goto(`/studies/${STUDY}/participants/${subject}`);
    const cell = staff.getByTestId("grid-bl-demographics");
    await expect(cell).toHaveAttribute("data-status", "verified");
    await expect(cell.getByTestId("grid-open-queries")).toHaveText("1");
  });
}
