import type { Page } from "@playwright/test";
import { expect, test, expectAccessible, login } from "./helpers";

/** TN-SCR-01 is led by the demo PI and recruiting: every change of its forms is an amendment. */
const STUDY = "TN-SCR-01";

const TEXT = {
  en: { unknownItem: (item: string) => `There is no item [${item}] in the forms of this study.`, cycle: "These calculations depend on each other", tab: "Forms" },
  "zh-CN": { unknownItem: (item: string) => `本研究的表单中没有条目 [${item}]。`, cycle: "这些计算互相依赖", tab: "表单" },
} as const;

/** Saves the open editor (or a reorder) as an amendment and waits for the designer to show it saved. */
async function saveAsAmendment(page: Page, reason: string) {
  await expect(page.getByTestId("amendment-prompt")).toBeVisible();
  await page.getByTestId("amendment-reason").fill(reason);
  await page.getByTestId("confirm-amendment").click();
  await expect(page.getByTestId("designer-saved")).toBeVisible();
  await expect(page.getByTestId("amendment-prompt")).toHaveCount(0);
}

async function addItem(page: Page, o: { name: string; type: string; zh: string; en: string; branching?: string; calculation?: string }) {
  await page.getByTestId("add-item").click();
  const editor = page.getByTestId("editor-panel");
  await expect(editor).toBeVisible();
  await page.locator("#item-name").fill(o.name);
  await page.locator("#item-type").selectOption(o.type);
  await page.locator("#item-labelZh").fill(o.zh);
  await page.locator("#item-labelEn").fill(o.en);
  if (o.branching) await page.locator("#branching").fill(o.branching);
  if (o.calculation) await page.locator("#calculation").fill(o.calculation);
}

for (const locale of ["zh-CN", "en"] as const) {
  test.describe(`form designer (${locale})`, () => {
    const s = locale === "en" ? "en" : "zh";
    const form = `smoking_${s}`;
    const smoker = `smoker_${s}`;
    const packs = `packs_${s}`;
    const packYears = `pack_years_${s}`;

    test("the PI designs a form with branching logic and a calculation, sees errors as they type, and publishes it with amendments", async ({ page }) => {
      await login(page, "pi@ncrc.demo", locale);
      await page.goto(`/studies/${STUDY}`);
      await page.getByTestId("section-tabs").getByRole("link", { name: TEXT[locale].tab, exact: true }).click();
      await page.waitForURL(`**/studies/${STUDY}/forms`);
      await expect(page.getByTestId("forms-table")).toBeVisible();
      await expect(page.getByTestId("amendment-note")).toBeVisible();
      await expect(page.getByTestId("events-matrix")).toBeVisible();
      await expectAccessible(page);

      // A new form: once recruiting, creating it is an amendment too.
      await page.getByTestId("new-form").locator("summary").click();
      await page.locator("#new-form-name").fill(form);
      await page.locator("#new-form-label-zh").fill("吸烟史");
      await page.locator("#new-form-label-en").fill("Smoking history");
      await page.locator("#new-form-amendment-reason").fill("Add the smoking history form");
      await page.getByTestId("create-form").click();
      await page.waitForURL(`**/studies/${STUDY}/forms/${form}`);
      await expect(page.getByTestId("form-version")).toBeVisible();
      const firstVersion = await page.getByTestId("form-version").textContent();

      // A yes/no item.
      await addItem(page, { name: smoker, type: "yesno", zh: "是否吸烟？", en: "Does the participant smoke?" });
      await page.getByTestId("save-item").click();
      await saveAsAmendment(page, "Smoking status");
      await expect(page.getByTestId("item-list")).toContainText(smoker);
      await expect(page.getByTestId("form-version")).not.toHaveText(firstVersion ?? "");

      // An integer shown only for smokers: a misspelt item is named while typing, then fixed.
      await addItem(page, { name: packs, type: "integer", zh: "每天吸烟包数", en: "Packs per day", branching: `[smokr_${s}] = "1"` });
      await expect(page.getByTestId("branching-errors")).toContainText(TEXT[locale].unknownItem(`smokr_${s}`));
      await expect(page.locator("#branching")).toHaveAttribute("aria-invalid", "true");
      await expectAccessible(page);
      await page.locator("#branching").fill(`[${smoker}] = "1"`);
      await expect(page.getByTestId("branching-errors")).toBeEmpty();
      await page.getByTestId("save-item").click();
      await saveAsAmendment(page, "Packs per day");
      await expect(page.getByTestId("item-list")).toContainText(packs);

      // A calculated item: one that reads itself is a cycle, named before saving.
      await addItem(page, { name: packYears, type: "calc", zh: "包年", en: "Pack-years" });
      await page.locator("#calculation").fill(`[${packYears}] * 20`);
      await expect(page.getByTestId("calculation-errors")).toContainText(TEXT[locale].cycle);
      await page.locator("#calculation").fill(`[${packs}] * 20`);
      await expect(page.getByTestId("calculation-errors")).toBeEmpty();
      await page.getByTestId("save-item").click();
      await expect(page.getByTestId("amendment-prompt")).toBeVisible();
      await expectAccessible(page);
      await saveAsAmendment(page, "Pack-years");
      await expect(page.getByTestId("item-list")).toContainText(packYears);

      // The live preview: the branching item appears for a smoker, the calculation follows, in both languages.
      const preview = page.getByTestId("form-preview");
      await expect(preview.getByTestId(`preview-item-${packs}`)).toHaveCount(0);
      await preview.getByTestId(`preview-${smoker}-1`).check();
      await expect(preview.getByTestId(`preview-item-${packs}`)).toBeVisible();
      await preview.getByTestId(`preview-input-${packs}`).fill("2");
      await expect(preview.getByTestId(`preview-value-${packYears}`)).toContainText("40");
      await preview.getByTestId(locale === "en" ? "preview-zh" : "preview-en").click();
      await expect(preview).toContainText(locale === "en" ? "每天吸烟包数" : "Packs per day");
      await preview.getByTestId(locale === "en" ? "preview-en" : "preview-zh").click();
      await expect(preview).toContainText(locale === "en" ? "Packs per day" : "每天吸烟包数");
      await preview.getByTestId(`preview-${smoker}-0`).check();
      await expect(preview.getByTestId(`preview-item-${packs}`)).toHaveCount(0);
      await expectAccessible(page);

      // Back on the list: the form is published at its latest version.
      await page.goto(`/studies/${STUDY}/forms`);
      const row = page.getByTestId("forms-table").getByRole("row").filter({ hasText: form });
      await expect(row).toContainText(locale === "en" ? "Version 4" : "第 4 版");
      await expect(row).toContainText("3");
    });
  });
}

const HEADER =
  '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max","Identifier?","Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name","Matrix Ranking?","Field Annotation"';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join("\r\n"), "utf8");

test("the PI exports the dictionary, sees a dry run listing problems by row, and imports a corrected one (en)", async ({ page }) => {
  // CRC-MRD-05 is in ethics review: its forms still change without an amendment.
  await login(page, "pi@ncrc.demo", "en");
  await page.goto("/studies/CRC-MRD-05/forms");
  const download = page.waitForEvent("download");
  await page.getByTestId("export-dictionary").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("CRC-MRD-05_DataDictionary.csv");

  await page.getByTestId("dictionary-file").setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: csv("qol_score,quality_of_life,,integer_x,Score,,,,,,,,,,,,,", "qol_photo,quality_of_life,,file,Photo,,,,,,,,,,,,,"),
  });
  const problems = page.getByTestId("dictionary-problems");
  await expect(problems).toContainText("“integer_x” is not a REDCap field type.");
  await expect(problems).toContainText("File upload and signature fields are not supported");
  await expect(page.getByTestId("import-dictionary")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByTestId("dictionary-file").setInputFiles({
    name: "good.csv",
    mimeType: "text/csv",
    buffer: csv("qol_score,quality_of_life,,text,Score,,,integer,0,100,,,,,,,,", 'qol_note,quality_of_life,,notes,Comments,,,,,,,"[qol_score] < 50",,,,,,'),
  });
  await expect(page.getByTestId("dictionary-ok")).toContainText("quality_of_life (2 items)");
  await page.getByTestId("import-dictionary").click();
  await expect(page.getByTestId("form-success")).toBeVisible();
  await expect(page.getByTestId("forms-table")).toContainText("quality_of_life");
});
