import type { Page } from "@playwright/test";
import { expect, test, expectAccessible, login } from "./helpers";

// LC-203 (demo): recruiting, randomized 2:1, open label, permuted blocks, R01 an active site.
const STUDY = "LC-203";

/** A valid 18-character resident ID (ISO 7064 MOD 11-2 check character), unique per call. */
function nationalId(n: number): string {
  const first17 = `110101${1950 + (n % 40)}0101${String(n % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

async function answerAll(page: Page, failing?: string) {
  for (const select of await page.locator("select[name='answers[]']").all()) {
    const id = (await select.getAttribute("id")) ?? "";
    const code = id.replace("crit-", "");
    const good = code.startsWith("I") ? "yes" : "no";
    await select.selectOption(code === failing ? (good === "yes" ? "no" : "yes") : good);
  }
}

async function enrolledAtSite(page: Page): Promise<number> {
  const text = (await page.getByText(/Enrolled at this site|本研究点已入组/).textContent()) ?? "";
  return Number(/(\d+)\s*(?:of|\/)/.exec(text)?.[1]);
}

test.describe.configure({ mode: "serial" });

for (const locale of ["zh-CN", "en"] as const) {
  test(`site staff screen, enrol and randomize; the PI sees codes and CONSORT; the viewer sees no rows (${locale})`, async ({ browser }) => {
    const staff = await (await browser.newContext()).newPage();
    await login(staff, "staff.rc1@ncrc.demo", locale);
    await staff.goto(`/studies/${STUDY}/screening`);
    await expect(staff.locator("#screen-form")).toBeVisible();
    await expectAccessible(staff);
    const before = await enrolledAtSite(staff);

    // A patient who fails an inclusion criterion: screen failure with the coded reason.
    await answerAll(staff, "I1");
    await staff.getByTestId("screen-submit").click();
    await expect(staff.getByTestId("screen-result")).toContainText("I1");

    // An eligible patient, enrolled with a double click on the button.
    await answerAll(staff);
    await staff.getByTestId("screen-submit").click();
    await expect(staff.getByTestId("enrol-link")).toBeVisible();
    await staff.getByTestId("enrol-link").click();
    await staff.waitForURL(/\/screening\/enrol\/\d+$/);
    // Year of birth and sex as the ID states them (digits 7–10; digit 17 odd = male): a contradiction is refused.
    const id = nationalId(Date.now() % 100000 + (locale === "en" ? 1 : 0));
    const sexFromId = Number(id[16]) % 2 === 1 ? "male" : "female";
    await staff.locator("#f-nationalId").fill(id);
    await staff.locator("#f-yearOfBirth").fill(String(Number(id.slice(6, 10)) + 1));
    await staff.locator("#f-sex").selectOption(sexFromId);
    for (const level of await staff.locator("select[name='levelCodes[]']").all()) await level.selectOption({ index: 1 });
    const enrolUrl = staff.url();
    await staff.getByTestId("enrol-submit").click();
    await expect(staff.locator("#f-yearOfBirth")).toHaveAttribute("aria-invalid", "true");
    await expect(staff.locator("#f-nationalId")).toHaveAttribute("aria-invalid", "true");
    expect(staff.url()).toBe(enrolUrl);
    await staff.locator("#f-yearOfBirth").fill(id.slice(6, 10));
    await staff.locator("#f-sex").selectOption(sexFromId === "male" ? "female" : "male");
    await staff.getByTestId("enrol-submit").click();
    await expect(staff.locator("#f-sex")).toHaveAttribute("aria-invalid", "true");
    expect(staff.url()).toBe(enrolUrl);
    await expectAccessible(staff);
    await staff.locator("#f-sex").selectOption(sexFromId);
    await staff.getByTestId("enrol-submit").dblclick();
    await staff.waitForURL(new RegExp(`/studies/${STUDY}/participants/${STUDY}-R01-\\d{4}$`));
    const code = (await staff.getByTestId("subject-code").textContent())!.trim();
    await expect(staff.getByTestId("allocated-arm")).toHaveText(/^(A|B) · /);
    await expectAccessible(staff);

    // One participant for the double click: the site's count went up by exactly one.
    await staff.goto(`/studies/${STUDY}/screening`);
    expect(await enrolledAtSite(staff)).toBe(before + 1);
    await staff.goto(`/studies/${STUDY}/participants?q=${code}`);
    await expect(staff.getByTestId("participants-table").locator("tbody tr")).toHaveCount(1);

    // The PI sees the participant by code (no identifiers) and the CONSORT diagram.
    const pi = await (await browser.newContext()).newPage();
    await login(pi, "pi@ncrc.demo", locale);
    await pi.goto(`/studies/${STUDY}/participants?q=${code}`);
    const table = pi.getByTestId("participants-table");
    await expect(table).toContainText(code);
    expect(await table.textContent()).not.toMatch(/\d{17}[\dX]/);
    await pi.goto(`/studies/${STUDY}/consort`);
    await expect(pi.getByTestId("consort-diagram")).toBeVisible();
    await expect(pi.getByTestId("consort-arm-A")).toBeVisible();
    await expect(pi.getByTestId("consort-table")).toBeVisible();
    await expectAccessible(pi);

    // The viewer: aggregate CONSORT only, never participant rows (pages answer 404).
    const viewer = await (await browser.newContext()).newPage();
    await login(viewer, "viewer@ncrc.demo", locale);
    for (const path of [`/studies/${STUDY}/participants`, `/studies/${STUDY}/participants/${code}`, `/studies/${STUDY}/screening`, "/participants"]) {
      const res = await viewer.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(viewer.locator("body")).not.toContainText(`${STUDY}-R01-`);
    }
    await viewer.goto(`/studies/${STUDY}/consort`);
    await expect(viewer.getByTestId("consort-diagram")).toBeVisible();
    await expect(viewer.locator("body")).not.toContainText(`${STUDY}-R01-`);
  });
}
