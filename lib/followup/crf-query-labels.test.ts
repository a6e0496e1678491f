import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { getQueryThread, listQueriesOnParticipant } from "@/lib/followup/queries/followup";
import type { ListFilters } from "@/lib/followup/list-filters";
import { listQueries } from "@/lib/followup/queries/followup-lists";
import { crfQueryLabels } from "@/lib/followup/queries/query-field-labels";
import { noticeFieldLabel, queryFieldLabel, queryRecordHref } from "@/lib/followup/query-field";
import { listNotifications, type NotificationRow } from "@/lib/notifications/queries/notifications";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { createCrfStudy, saveInput, type CrfStudy } from "@/lib/testing/crf-study";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { messages } from "@/messages";

/*
 * Queries on CRF items (entity "crf_form", field an item path) as the follow-up pages and the
 * notifications show them: the item's label from the form version in the reader's language,
 * never the path, and a link to the form's page.
 */

const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI, VIEWER, GH1] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo", "staff.gh1@ncrc.demo"];
const TABLES = ["queries", "query_events", "notifications", "audit_events"];
const ALL: ListFilters = { study: "", status: "", sort: "newest", show: "all", page: 1 };
let s: CrfStudy;
let weightQ: number;
let lesionQ: number;
let softQ: number;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};
const tr = (locale: "zh-CN" | "en") => createTranslator({ locale, messages: messages[locale], namespace: "followup" }) as unknown as { (key: string, p?: Record<string, unknown>): string; has(key: string): boolean };

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "CRFQ");
  const vitalsId = expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: s.atR01.id, event: "baseline", form: "vitals", values: { sex: "1", weight: "70", height: "175" }, complete: true }))).instanceId;
  const tumourId = expectOk(await runCommand(RC1, saveFormCommand, saveInput(s, { participantId: s.atR01.id, event: "baseline", form: "tumour", values: { assessed: "1", lesions: [{ site: "lung", diameter: "20" }, { site: "liver", diameter: "30" }] } }))).instanceId;
  weightQ = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "crf_form", entityId: vitalsId, field: "weight", question: "Source says 71 kg?" })).id;
  lesionQ = expectOk(await runCommand(MONITOR, raiseQueryCommand, { entityType: "crf_form", entityId: tumourId, field: "lesions.2.diameter", question: "Check lesion 2" })).id;
  // A confirmed soft-limit breach raises a query from the save itself (its notice stores the path only).
  expectOk(await runCommand(RC20, saveFormCommand, saveInput(s, { participantId: s.atR20.id, event: "unscheduled", form: "vitals", values: { sex: "2", pregnant: "0", weight: "250" }, confirmedSoft: ["weight"] })));
  const [soft] = (await listQueries(await me(PI), ALL)).rows.filter((r) => r.subjectCode === s.atR20.subjectCode);
  softQ = soft.id;
});

describe("queries on CRF items: label and link", () => {
  it("the query list carries the item's label in both languages and the form page's address", async () => {
    const rows = (await listQueries(await me(MONITOR), ALL)).rows.filter((r) => r.studyCode === "CRFQ");
    const weight = rows.find((r) => r.id === weightQ)!;
    const lesion = rows.find((r) => r.id === lesionQ)!;
    expect(weight.crf).toEqual({ eventId: s.events.baseline.id, formId: s.forms.vitals.formId, repeat: 1, labelZh: "中 weight", labelEn: "EN weight" });
    expect(lesion.crf).toMatchObject({ formId: s.forms.tumour.formId, labelZh: "靶病灶 #2 · 中 diameter", labelEn: "Target lesions #2 · EN diameter" });
    expect(queryRecordHref(weight)).toBe(`/studies/CRFQ/participants/${s.atR01.subjectCode}/forms/${s.events.baseline.id}/${s.forms.vitals.formId}`);
    expect(queryRecordHref(lesion)).toBe(`/studies/CRFQ/participants/${s.atR01.subjectCode}/forms/${s.events.baseline.id}/${s.forms.tumour.formId}`);
    expect(queryFieldLabel(lesion, "en", tr("en"))).toBe("Target lesions #2 · EN diameter");
    expect(queryFieldLabel(lesion, "zh-CN", tr("zh-CN"))).toBe("靶病灶 #2 · 中 diameter");
  });

  it("the thread and the participant's query list carry the label too", async () => {
    const thread = await getQueryThread(await me(RC1), lesionQ);
    expect(thread?.crf).toMatchObject({ labelEn: "Target lesions #2 · EN diameter" });
    expect(queryRecordHref(thread!)).toContain(`/forms/${s.events.baseline.id}/${s.forms.tumour.formId}`);
    const onParticipant = await listQueriesOnParticipant(await me(RC1), s.atR01.id);
    expect(onParticipant.map((q) => [q.field, q.crf?.labelZh]).sort()).toEqual([
      ["lesions.2.diameter", "靶病灶 #2 · 中 diameter"],
      ["weight", "中 weight"],
    ]);
  });

  it("a visit query keeps its translated field and follow-up link; a CRF query never shows its path", () => {
    const visit = { entityType: "visit", entityId: 9, field: "visitDate", studyCode: "X", subjectCode: "X-R01-0001", crf: null };
    expect(queryFieldLabel(visit, "en", tr("en"))).toBe("Visit date");
    expect(queryRecordHref(visit)).toBe("/follow-up/X-R01-0001/visits/9");
    const unlabelled = { ...visit, entityType: "crf_form", field: "lesions.2.diameter" };
    expect(queryFieldLabel(unlabelled, "en", tr("en"))).toBe("form item");
    expect(queryFieldLabel(unlabelled, "zh-CN", tr("zh-CN"))).toBe("表单条目");
  });

  it("another site's staff and a viewer read none of it; a refused raise writes nothing", async () => {
    for (const who of [RC20, GH1, VIEWER]) {
      const rows = (await listQueries(await me(who), ALL)).rows;
      expect(rows.some((r) => r.id === weightQ || r.id === lesionQ), who).toBe(false);
      expect(await getQueryThread(await me(who), weightQ), who).toBeNull();
      expect((await crfQueryLabels(await me(who), [weightQ, lesionQ])).size, who).toBe(0);
    }
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand(RC1, raiseQueryCommand, { entityType: "crf_form", entityId: 1, field: "weight", question: "?" }));
    expectRefused(await runCommand(MONITOR, raiseQueryCommand, { entityType: "crf_form", entityId: 1, field: "x".repeat(300), question: "?" }), ["field"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });
});

describe("query notices on CRF items name the item by its label", () => {
  const sentence = (n: NotificationRow, locale: "zh-CN" | "en", looked?: { zh: string; en: string } | null) => {
    const t = tr(locale);
    return t(`notifications.${n.kind}`, { study: n.params.studyCode, subject: n.params.subjectCode, id: n.entityId, record: t("entity.crf_form"), field: noticeFieldLabel(n.params, locale, t, looked) });
  };

  it("stores the label with the notice and shows it in zh and en", async () => {
    const [n] = (await listNotifications(await me(RC1), 1)).rows.filter((x) => x.kind === "query_raised" && x.entityId === lesionQ);
    expect(n.params).toMatchObject({ record: "crf_form", field: "lesions.2.diameter", fieldZh: "靶病灶 #2 · 中 diameter", fieldEn: "Target lesions #2 · EN diameter" });
    expect(sentence(n, "en")).toBe(`New query #${lesionQ} in CRFQ, participant ${s.atR01.subjectCode}: Case report form · Target lesions #2 · EN diameter`);
    expect(sentence(n, "zh-CN")).toContain("病例报告表 · 靶病灶 #2 · 中 diameter");
    for (const l of ["en", "zh-CN"] as const) expect(sentence(n, l)).not.toContain("lesions.2");
  });

  it("a notice without a stored label finds it at render, in the reader's scope only", async () => {
    const [n] = (await listNotifications(await me(PI), 1)).rows.filter((x) => x.kind === "query_raised" && x.entityId === softQ);
    expect(n.params.fieldZh).toBeUndefined();
    const looked = (await crfQueryLabels(await me(PI), [softQ])).get(softQ);
    expect(looked).toEqual({ zh: "中 weight", en: "EN weight" });
    expect(sentence(n, "en", looked)).toContain("Case report form · EN weight");
    expect(sentence(n, "zh-CN", looked)).toContain("病例报告表 · 中 weight");
    expect(sentence(n, "en", null)).toContain("Case report form · form item");
    expect(sentence(n, "en", null)).not.toContain("weight");
    expect((await crfQueryLabels(await me(RC1), [softQ])).size).toBe(0);
  });
});
