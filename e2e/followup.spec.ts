import type { Browser, Page } from "@playwright/test";
import { expect, test, expectAccessible, login } from "./helpers";

// LC-203 (demo): recruiting, R01 an active site; the demo monitor is on its team, pi@ncrc.demo is its PI.
const STUDY = "LC-203";

async function as(browser: Browser, email: string, locale: "zh-CN" | "en"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email, locale);
  return page;
}

function todayInChina(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test.describe.configure({ mode: "serial" });

for (const locale of ["zh-CN", "en"] as const) {
  test(`staff record a visit and an SAE; the PI is notified; a query is raised, answered with a correction and closed (${locale})`, async ({ browser }) => {
    const tag = `${locale}-${Date.now().toString(36)}`;

    // Site staff: an overdue visit of an LC-203 participant at their site.
    const staff = await as(browser, "staff.rc1@ncrc.demo", locale);
    await staff.goto(`/follow-up?study=${STUDY}`);
    await expect(staff.getByTestId("overdue-by-site")).toBeVisible();
    await expectAccessible(staff);
    await staff.getByTestId("overdue").locator("tbody tr").first().getByRole("link").click();
    await expect(staff.locator("#visit-form")).toBeVisible();
    const visitUrl = new URL(staff.url()).pathname;
    const subjectUrl = visitUrl.replace(/\/visits\/\d+$/, "");

    await staff.locator("#f-status").selectOption("done");
    await staff.locator("#f-visitDate").fill(todayInChina());
    await staff.locator("#visit-form button[type=submit]").click();
    await expect(staff.locator("#visit-form [data-testid=form-success]")).toBeVisible();
    await staff.reload();
    // Done today, long after its window closed: flagged out of window, version 1, not verified.
    await expect(staff.getByTestId("visit-timing").first()).toHaveText(locale === "en" ? "Done out of window" : "超窗完成");
    await expect(staff.getByTestId("value-visitDate")).toHaveText(todayInChina());
    await expect(staff.locator("#f-reason")).toBeVisible();
    await expectAccessible(staff);
    // The assessment (ECOG, weight, response) is the visit_assessment form of the visit's event.
    await staff.getByTestId("assessment-link").click();
    await staff.waitForURL(/\/forms\/\d+\/\d+$/);
    await expect(staff.locator("#crf-ecog")).toBeVisible();
    await expect(staff.locator("#crf-weight_kg")).toBeVisible();
    await staff.goto(visitUrl);

    // The participant's follow-up page and their enrolment record link to each other.
    const subject = subjectUrl.split("/").pop()!;
    await staff.goto(subjectUrl);
    await staff.getByTestId("participant-link").click();
    await staff.waitForURL((u) => u.pathname === `/studies/${STUDY}/participants/${subject}`);
    await expect(staff.getByTestId("participant-link")).toHaveCount(0);
    await staff.getByTestId("followup-link").click();
    await staff.waitForURL((u) => u.pathname === subjectUrl);
    await expect(staff.getByTestId("participant-link")).toBeVisible();

    // A serious AE: the 24-hour clock runs while the form is open.
    await staff.goto(`${subjectUrl}/ae/new`);
    const term = `E2E SAE ${tag}`;
    await staff.locator("#f-term").fill(term);
    await staff.locator("#f-category").selectOption("blood_lymphatic");
    await staff.locator("#f-grade").selectOption("3");
    await staff.locator("#f-onsetOn").fill(todayInChina());
    await expect(staff.getByTestId("sae-not-serious")).toBeVisible();
    await staff.locator("input[name='seriousCriteria[]'][value=hospitalisation]").check();
    const clock = staff.getByRole("timer");
    await expect(clock).toBeVisible();
    await expect(clock).toHaveAttribute("data-late", "false");
    const first = await clock.textContent();
    await expect(clock).not.toHaveText(first ?? "", { timeout: 5000 });
    await expect(clock).toContainText(locale === "en" ? "left" : "剩余");
    await expectAccessible(staff);
    await staff.locator("#ae-form button[type=submit]").click();
    await staff.waitForURL(/\/ae\/\d+$/);
    await expect(staff.getByTestId("report-state")).toHaveText(locale === "en" ? "Reported within 24 h" : "24 小时内报告");

    // The study PI sees the notification and the unread count in the header.
    const pi = await as(browser, "pi@ncrc.demo", locale);
    await expect(pi.getByTestId("unread-badge")).toBeVisible();
    await pi.getByTestId("notification-bell").click();
    const note = pi.getByTestId("notifications").locator("li", { hasText: term });
    await expect(note).toBeVisible();
    await expect(note).toHaveAttribute("data-unread", "true");
    await expectAccessible(pi);
    await note.getByRole("button").click();
    await expect(pi.getByTestId("notifications").locator("li", { hasText: term })).toHaveAttribute("data-unread", "false");

    // The monitor raises a query on the visit's date.
    const monitor = await as(browser, "monitor@ncrc.demo", locale);
    await monitor.goto(visitUrl);
    await expect(monitor.locator("#visit-form")).toHaveCount(0);
    await monitor.locator("#raise-query-form #f-field").selectOption("visitDate");
    await monitor.locator("#raise-query-form #f-question").fill(`Source notes say the day before (${tag})`);
    await monitor.locator("#raise-query-form button[type=submit]").click();
    await monitor.waitForURL(/\/follow-up\/queries\/\d+$/);
    const queryUrl = new URL(monitor.url()).pathname;
    await expect(monitor.getByTestId("query-thread")).toContainText(tag);
    await expectAccessible(monitor);

    // Site staff answer with a corrected value and a reason.
    await staff.goto(queryUrl);
    await staff.locator("#answer-form #f-answer").fill("Checked the clinic notes");
    await staff.locator("#answer-form #f-correctedValue").fill(todayInChina(-1));
    await staff.locator("#answer-form button[type=submit]").click();
    await expect(staff.locator("#answer-form [data-testid=form-error]")).toBeVisible();
    await expect(staff.locator("#f-reason-error")).toBeVisible();
    await staff.locator("#answer-form #f-reason").fill("Transcription error");
    await staff.locator("#answer-form button[type=submit]").click();
    await expect(staff.locator("#answer-form")).toHaveCount(0);
    await expect(staff.getByTestId("query-thread")).toContainText(locale === "en" ? "Corrected (version 2)" : "已更正（第 2 版）");
    await staff.goto(visitUrl);
    await expect(staff.getByTestId("value-visitDate")).toHaveText(todayInChina(-1));
    await expect(staff.getByTestId("history")).toContainText("Transcription error");

    // The monitor closes the query.
    await monitor.goto(queryUrl);
    await monitor.locator("#close-form button[type=submit]").click();
    await expect(monitor.locator("#close-form")).toHaveCount(0);
    await expect(monitor.locator("h1")).toContainText(locale === "en" ? "Closed" : "已关闭");
    await expect(monitor.locator("#reopen-form")).toBeVisible();
  });

  test(`staff code an AE with a CTCAE v5.0 term by keyboard and see the grade's definition (${locale})`, async ({ browser }) => {
    const staff = await as(browser, "staff.rc1@ncrc.demo", locale);
    await staff.goto(`/follow-up?study=${STUDY}`);
    await staff.getByTestId("overdue").locator("tbody tr").first().getByRole("link").click();
    await expect(staff.locator("#visit-form")).toBeVisible();
    const subjectUrl = new URL(staff.url()).pathname.replace(/\/visits\/\d+$/, "");
    await staff.goto(`${subjectUrl}/ae/new`);
    const term = staff.getByRole("combobox", { name: locale === "en" ? "Term" : "事件名称" });
    await term.pressSequentially("neutrophil");
    await expect(staff.getByRole("option", { name: /Neutrophil count decreased/ })).toBeVisible();
    await expectAccessible(staff);
    await term.press("Enter"); // picks the first term; never submits the form
    await expect(term).toHaveValue("Neutrophil count decreased");
    await expect(staff.getByTestId("ctcae-state")).toContainText("10029366");
    await staff.locator("#f-grade").selectOption("3");
    await expect(staff.getByTestId("ctcae-grade-definition")).toContainText("<1000 - 500/mm3");
    // CTCAE defines no grade 5 for this term: the list says so beside the number.
    await expect(staff.locator("#f-grade option[value='5']")).toContainText(locale === "en" ? "not defined" : "无此分级");
    await staff.locator("#f-category").selectOption("blood_lymphatic");
    await staff.locator("#f-onsetOn").fill(todayInChina());
    await staff.locator("#ae-form button[type=submit]").click();
    await staff.waitForURL(/\/ae\/\d+$/);
    await expect(staff.locator("#f-term")).toHaveValue("Neutrophil count decreased");
    await expect(staff.getByTestId("ctcae-state")).toContainText("10029366");
  });
}
