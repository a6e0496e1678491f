import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { crfFormVersions, crfItems } from "@/db/schema";
import { addItemCommand } from "@/lib/crf/commands/add-item";
import { createFormCommand } from "@/lib/crf/commands/create-form";
import { updateItemCommand } from "@/lib/crf/commands/update-item";
import { sliderLabelsOf, sliderSlotsOf } from "@/lib/crf/slider-labels";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";

// The form designer edits a slider's labels (left / middle / right, bilingual) and whether it
// shows its number, and an item's matrix group and ranking (update-item, add-item).
const h = await setupTestDb();
const PI = "pi@ncrc.demo";
const TABLES = ["crf_forms", "crf_form_versions", "crf_sections", "crf_items", "crf_item_choices", "protocol_versions", "audit_events"];
let study: TestStudy;
let id: { studyId: number; formId: number };

const item = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: "text", labelZh: `中 ${name}`, labelEn: `EN ${name}`, ...extra });
const PAIN = { choiceCode: ["0", "1", "2"], choiceZh: ["无", "轻", "重"], choiceEn: ["None", "Mild", "Severe"] };
const itemRow = async (name: string) => {
  const [v] = await h.db.select().from(crfFormVersions).where(eq(crfFormVersions.formId, id.formId));
  const [row] = await h.db.select().from(crfItems).where(and(eq(crfItems.formVersionId, v.id), eq(crfItems.name, name)));
  return row;
};

beforeAll(async () => {
  await seedBase(h.db);
  study = await createTestStudy(h.db, { code: "CRFS-DRAFT", status: "draft", design: "single_arm" });
  const f = expectOk(await runCommand(PI, createFormCommand, { studyId: study.study.id, name: "symptoms", labelZh: "症状", labelEn: "Symptoms" }));
  id = { studyId: study.study.id, formId: f.formId };
  expectOk(await runCommand(PI, addItemCommand, { ...id, ...item("vas", { type: "slider" }) }));
  expectOk(await runCommand(PI, addItemCommand, { ...id, ...item("pain_rest", { type: "radio", ...PAIN }) }));
  expectOk(await runCommand(PI, addItemCommand, { ...id, ...item("pain_walk", { type: "radio", ...PAIN }) }));
  expectOk(await runCommand(PI, addItemCommand, { ...id, ...item("note") }));
});

describe("slider labels in the designer", () => {
  it("saves left, middle and right in both languages and the number shown; a label in one language is shown in both", async () => {
    expectOk(
      await runCommand(PI, updateItemCommand, {
        ...id,
        item: "vas",
        ...item("vas", { type: "slider", sliderLeftZh: "无痛", sliderLeftEn: "No pain", sliderMiddleZh: "中等", sliderMiddleEn: "", sliderRightZh: "剧痛", sliderRightEn: "Worst pain", sliderShowNumber: true }),
      }),
    );
    expect(await itemRow("vas")).toMatchObject({
      sliderLabels: [
        { zh: "无痛", en: "No pain" },
        { zh: "中等", en: "中等" },
        { zh: "剧痛", en: "Worst pain" },
      ],
      sliderShowNumber: true,
    });
  });

  it("keeps two labels at the ends when the middle is blank, none when all are blank", async () => {
    expectOk(await runCommand(PI, updateItemCommand, { ...id, item: "vas", ...item("vas", { type: "slider", sliderLeftZh: "0", sliderLeftEn: "0", sliderRightZh: "100", sliderRightEn: "100" }) }));
    expect(await itemRow("vas")).toMatchObject({ sliderLabels: [{ zh: "0", en: "0" }, { zh: "100", en: "100" }], sliderShowNumber: false });
    expectOk(await runCommand(PI, updateItemCommand, { ...id, item: "vas", ...item("vas", { type: "slider", sliderLeftZh: " ", sliderShowNumber: true }) }));
    expect(await itemRow("vas")).toMatchObject({ sliderLabels: null, sliderShowNumber: true });
  });

  it("drops slider settings from an item that is no slider, and refuses over-long or broken labels, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand(PI, updateItemCommand, { ...id, item: "vas", ...item("vas", { type: "slider", sliderLeftEn: "x".repeat(201) }) }), ["sliderLeftEn"]);
    expectRefused(await runCommand(PI, updateItemCommand, { ...id, item: "vas", ...item("vas", { type: "slider", sliderRightZh: "a\u0000b" }) }), ["sliderRightZh"]);
    expectRefused(await runCommand(PI, updateItemCommand, { ...id, item: "vas", ...item("vas", { type: "slider", sliderShowNumber: "maybe" }) }), ["sliderShowNumber"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expectOk(await runCommand(PI, updateItemCommand, { ...id, item: "note", ...item("note", { sliderLeftZh: "左", sliderShowNumber: true }) }));
    expect(await itemRow("note")).toMatchObject({ sliderLabels: null, sliderShowNumber: false });
  });

  it("reads stored labels back into the designer's three slots", () => {
    const three = sliderLabelsOf({ left: { zh: "左", en: "Left" }, middle: { zh: "中", en: "Middle" }, right: { zh: "右", en: "Right" } });
    expect(sliderSlotsOf(three)).toEqual({ left: { zh: "左", en: "Left" }, middle: { zh: "中", en: "Middle" }, right: { zh: "右", en: "Right" } });
    const ends = sliderLabelsOf({ left: { zh: "", en: "" }, middle: {}, right: { en: "Right" } });
    expect(ends).toEqual([{ zh: "", en: "" }, { zh: "Right", en: "Right" }]);
    expect(sliderSlotsOf(ends).right).toEqual({ zh: "Right", en: "Right" });
    expect(sliderSlotsOf(null)).toEqual({ left: { zh: "", en: "" }, middle: { zh: "", en: "" }, right: { zh: "", en: "" } });
  });
});

describe("matrix settings in the designer", () => {
  it("groups consecutive radio items with the same choices, ranking on", async () => {
    expectOk(await runCommand(PI, updateItemCommand, { ...id, item: "pain_rest", ...item("pain_rest", { type: "radio", ...PAIN, matrixGroup: "pain", matrixRanking: true }) }));
    expectOk(await runCommand(PI, updateItemCommand, { ...id, item: "pain_walk", ...item("pain_walk", { type: "radio", ...PAIN, matrixGroup: "pain", matrixRanking: true }) }));
    expect(await itemRow("pain_rest")).toMatchObject({ matrixGroup: "pain", matrixRanking: true });
    expect(await itemRow("pain_walk")).toMatchObject({ matrixGroup: "pain", matrixRanking: true });
  });

  it("refuses a bad group name, a group on a text item and a group whose choices differ, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand(PI, updateItemCommand, { ...id, item: "pain_walk", ...item("pain_walk", { type: "radio", ...PAIN, matrixGroup: "Pain!" }) }), ["matrixGroup"]);
    expectRefused(await runCommand(PI, updateItemCommand, { ...id, item: "note", ...item("note", { matrixGroup: "notes" }) }), ["matrixGroup"]);
    expectRefused(
      await runCommand(PI, updateItemCommand, { ...id, item: "pain_walk", ...item("pain_walk", { type: "radio", choiceCode: ["0", "1"], choiceZh: ["无", "有"], choiceEn: ["No", "Yes"], matrixGroup: "pain" }) }),
      ["matrixGroup"],
    );
    expectRefused(await runCommand(PI, updateItemCommand, { ...id, item: "pain_walk", ...item("pain_walk", { type: "radio", ...PAIN, matrixGroup: "p".repeat(200) }) }), ["matrixGroup"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("takes an item out of its group (ranking goes with it)", async () => {
    expectOk(await runCommand(PI, updateItemCommand, { ...id, item: "pain_walk", ...item("pain_walk", { type: "radio", ...PAIN, matrixGroup: "", matrixRanking: true }) }));
    expect(await itemRow("pain_walk")).toMatchObject({ matrixGroup: null, matrixRanking: false });
  });
});
