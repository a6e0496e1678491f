import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { studyCompletion, type StudyCompletion } from "@/lib/crf/queries/completion";
import { setupTestDb } from "@/lib/testing/db";
import { seedBase } from "@/lib/testing/fixtures";
import { createCrfStudy, saveInput, type CrfStudy } from "@/lib/testing/crf-study";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { messages } from "@/messages";
import { CompletionTable } from "@/components/crf/completion-table";

/*
 * The data-entry figures as the study page and the dashboard show them: read through the
 * query's door for each role, rendered as the server renders them in both languages. Counts
 * only — a viewer sees the figures and never a participant.
 */

const h = await setupTestDb();
const [RC1, RC20, PI, VIEWER, GH1] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo", "staff.gh1@ncrc.demo"];
let s: CrfStudy;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};
const render = (locale: "en" | "zh-CN", data: StudyCompletion) =>
  // eslint-disable-next-line react/no-children-prop -- the provider's props type requires `children` (no JSX in a .ts test)
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: messages[locale], timeZone: "Asia/Shanghai", children: createElement(CompletionTable, { data, locale }) }));
const row = (html: string, site: string) => html.match(new RegExp(`<tr[^>]*data-site="${site}"[^>]*>([\\s\\S]*?)</tr>`))?.[1] ?? "";
const cells = (tr: string) => [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "CRFC");
  // Every window of the schedule has closed (enrolled 2025-01-03): BL and W6 vitals + tumour are due for both participants.
  expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: s.atR01.id, event: "baseline", form: "vitals", values: { sex: "1", weight: "70", height: "175" }, complete: true })));
  expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: s.atR01.id, event: "baseline", form: "tumour", values: { assessed: "0" } })));
  expectOk(await runCommand(RC20, saveFormCommand, saveInput(s, { participantId: s.atR20.id, event: "conmeds", form: "conmed", values: { drug: "Paracetamol" }, complete: true })));
});

describe("the completion figures block", () => {
  it("shows expected, entered, complete and verified per site and for the study, in English", async () => {
    const data = (await studyCompletion(await me(VIEWER), s.study.id))!;
    expect(data.study).toMatchObject({ expected: 9, entered: 3, complete: 2, verified: 0 });
    const html = render("en", data);
    expect(html).toContain("Median days to entry");
    expect(cells(row(html, "R01")).slice(1, 5)).toEqual(["4", "2 50%", "1 25%", "0 0%"]);
    expect(cells(row(html, "R20")).slice(1, 5)).toEqual(["5", "1 20%", "1 20%", "0 0%"]);
    expect(cells(row(html, "total"))).toEqual(["Whole study", "9", "3 33%", "2 22%", "0 0%", expect.stringMatching(/^\d+(\.\d)? days?$/)]);
    // The table scrolls inside its card on a 768 px tablet rather than squeezing its columns.
    expect(html).toMatch(/<div class="w-full overflow-x-auto" tabindex="0"><table[^>]*data-testid="crf-completion-table"/);
  });

  it("reads the same in Chinese, and names no participant for anyone", async () => {
    for (const who of [VIEWER, PI, RC20]) {
      const data = (await studyCompletion(await me(who), s.study.id))!;
      const zh = render("zh-CN", data);
      expect(zh, who).toContain("访视至录入中位天数");
      expect(cells(row(zh, "total"))[0]).toBe("全研究");
      for (const subject of [s.atR01.subjectCode, s.atR20.subjectCode]) expect(zh, who).not.toContain(subject);
      expect(JSON.stringify(data), who).not.toContain(s.atR01.subjectCode);
    }
  });

  it("answers nothing outside the actor's studies, and says when no form is due", async () => {
    expect(await studyCompletion(await me(GH1), s.study.id)).toBeNull();
    const empty: StudyCompletion = { study: { expected: 0, entered: 0, complete: 0, verified: 0, medianDaysToEntry: null }, sites: [] };
    expect(render("en", empty)).toContain("No forms are due yet.");
    expect(render("zh-CN", empty)).toContain("目前尚无应录入的表单。");
  });
});
