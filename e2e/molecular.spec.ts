import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./helpers";

// The molecular journey: a grass-roots hospital (R01G1) orders an NGS panel on a thyroid-cohort
// patient's new specimen; the lab (lab@ncrc.demo, at the hub) receives it, starts the analysis,
// checks a VCF (a file of the wrong build is refused line by line), imports the right one and
// issues the report; the site reads the report (EGFR L858R, tier I, osimertinib), sees the
// patient matched to the recruiting EGFR-mutant NSCLC trial LC-203, invites them to screening and
// screens them from the invitation's pre-filled form. Once per language, each with its own patient.
const FIXTURES = path.join(__dirname, "fixtures");

async function as(page: Page, email: string, locale: "zh-CN" | "en") {
  await page.context().clearCookies();
  await login(page, email, locale);
}

for (const [n, locale] of [[0, "zh-CN"], [1, "en"]] as const) {
  test(`molecular journey (${locale})`, async ({ page }) => {
    const en = locale === "en";

    // 1. The site registers a specimen for a patient of its own (TN-SCR-01 at R01G1, untested for EGFR).
    await as(page, "staff.gh1@ncrc.demo", locale);
    await page.goto("/participants?q=TN-SCR-01-R01G1");
    const subject = (await page.getByTestId("participants-table").locator("a", { hasText: "TN-SCR-01-R01G1-" }).nth(n).textContent())!.trim();
    await page.goto("/biobank/specimens/new");
    await page.locator("#f-type").selectOption("plasma");
    await page.locator("#f-subjectCode").fill(subject);
    await page.locator("#f-quantity").fill("2");
    await page.locator("#register-specimen button[type=submit]").click();
    await page.waitForURL(/\/biobank\/specimens\/NB\d{9}\?registered=1/);

    // 2. From the specimen page, order an NGS panel (somatic) at the hub's lab.
    await page.getByTestId("order-molecular-test").click();
    await page.waitForURL(/\/molecular\/new\?specimen=NB\d{9}/);
    await expect(page.getByText(subject)).toBeVisible();
    await expectAccessible(page);
    await page.locator("#f-labCentreId").selectOption({ index: 1 });
    await page.locator("#f-testKind").selectOption("ngs_panel");
    await page.locator("#f-origin").selectOption("somatic");
    await page.getByRole("button", { name: en ? "Order the test" : "提交检测申请" }).click();
    await page.waitForURL(/\/molecular\/\d+$/);
    const orderUrl = new URL(page.url()).pathname;
    const orderId = orderUrl.split("/").pop()!;
    await expect(page.getByTestId("order-status")).toHaveText(en ? "Ordered" : "已申请");
    await expect(page.getByText(en ? /\d+ days so far/ : /已 \d+ 天/)).toBeVisible();

    // 3. The lab finds it on its worklist, receives it and starts the analysis.
    await as(page, "lab@ncrc.demo", locale);
    await page.goto("/molecular");
    const worklist = page.getByTestId("lab-worklist");
    await expect(worklist.getByText(`#${orderId}`, { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.goto(orderUrl);
    await page.getByRole("button", { name: en ? "Mark specimen received" : "标记样本已接收" }).click();
    await expect(page.getByTestId("order-status")).toHaveText(en ? "Received" : "已接收");
    await page.getByRole("button", { name: en ? "Start analysis" : "开始分析" }).click();
    await expect(page.getByTestId("order-status")).toHaveText(en ? "In analysis" : "分析中");

    // 4. Import: a dry run of a file of the wrong build lists its problems by line; the right file checks clean and imports.
    await page.getByTestId("import-results").click();
    await page.waitForURL(`${orderUrl}/import`);
    await page.getByTestId("result-file").setInputFiles(path.join(FIXTURES, "egfr-wrong-build.vcf"));
    await page.getByTestId("dry-run").click();
    const problems = page.getByTestId("problems");
    await expect(problems).toContainText(en ? "Line 2" : "第 2 行");
    await expect(problems).toContainText("GRCh38");
    await expect(problems).toContainText(en ? "Line 11" : "第 11 行");
    await page.getByTestId("import").click();
    await expect(page.getByTestId("form-error")).toContainText(en ? "nothing was imported" : "未导入任何内容");
    await page.getByTestId("result-file").setInputFiles(path.join(FIXTURES, "egfr-l858r.vcf"));
    await page.locator("#imp-tmb").fill("6.2");
    await page.locator("#imp-msiStatus").selectOption("mss");
    await page.getByTestId("dry-run").click();
    await expect(page.getByTestId("dry-run-result")).toContainText("p.Leu858Arg");
    await expect(page.getByTestId("problems")).toHaveCount(0);
    await expectAccessible(page);
    await page.getByTestId("import").click();
    await page.waitForURL(new RegExp(`${orderUrl}$`));

    // 5. The report with its quality figures.
    await page.locator("#f-tumourContentPct").fill("35");
    await page.locator("#f-meanDepth").fill("1200");
    await page.locator("#f-coveragePct").fill("98.6");
    await page.getByRole("button", { name: en ? "Issue the report" : "出具报告" }).click();
    await expect(page.getByTestId("order-status")).toHaveText(en ? "Reported" : "已出报告");

    // 6. The site reads the report: EGFR L858R, tier I, osimertinib with its evidence level; the turnaround.
    await as(page, "staff.gh1@ncrc.demo", locale);
    await page.goto(orderUrl);
    await expect(page.getByText("p.Leu858Arg")).toBeVisible();
    await expect(page.getByText(/osimertinib/).first()).toBeVisible();
    await expect(page.getByText(en ? /Tier I \(strong/ : /I 类（明确/).first()).toBeVisible();
    await expect(page.getByText(en ? "0 days" : "0 天").first()).toBeVisible();
    await expectAccessible(page);

    // 7. The patient now matches LC-203 (EGFR L858R); the site invites them to screening, and LC-203's
    //    screening form at its own site opens with the biomarker evidence; screened from it, the match leaves the list.
    await page.goto("/molecular/matches");
    const row = page.getByTestId(`match-${subject}-LC-203`);
    await expect(row).toBeVisible();
    await expect(row).toContainText("p.Leu858Arg");
    await expectAccessible(page);
    await page.getByTestId(`invite-${subject}-LC-203`).click();
    await page.waitForURL(/\/studies\/LC-203\/screening\?invitation=\d+/);
    const card = page.getByTestId("invitation-card");
    await expect(card).toContainText(subject);
    await expect(page.getByTestId("invitation-evidence")).toContainText("p.Leu858Arg");
    await expectAccessible(page);
    for (const select of await page.locator('#screen-form select[name="answers[]"]').all()) {
      const id = (await select.getAttribute("id")) ?? "";
      await select.selectOption(id.startsWith("crit-I") ? "yes" : "no");
    }
    await page.getByTestId("screen-submit").click();
    await expect(page.getByTestId("screen-result")).toBeVisible();
    await page.goto("/molecular/matches");
    await expect(page.getByTestId(`match-${subject}-LC-203`)).toHaveCount(0);

    // 8. The site's dashboard counts the test, and LC-203's funnel (matched → invited → screened → enrolled).
    await page.goto("/dashboard");
    await expect(page.getByTestId("molecular-figures")).toBeVisible();
    await expect(page.getByTestId("biomarker-funnel")).toContainText("LC-203");
    await expectAccessible(page);
  });
}
