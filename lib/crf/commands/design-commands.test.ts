import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { crfFormVersions, crfItems, users } from "@/db/schema";
import { addItemCommand } from "@/lib/crf/commands/add-item";
import { createFormCommand } from "@/lib/crf/commands/create-form";
import { studyForms } from "@/lib/crf/queries/forms";
import { reorderItemsCommand } from "@/lib/crf/commands/reorder-items";
import { updateItemCommand } from "@/lib/crf/commands/update-item";
import { createSession, loadActorBySession } from "@/lib/auth/sessions";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";
import { networkToday } from "@/lib/time/network-day";

const h = await setupTestDb();
const TABLES = ["crf_forms", "crf_form_versions", "crf_sections", "crf_items", "crf_item_choices", "protocol_versions", "audit_events"];
let draft: TestStudy;
let recruiting: TestStudy;

const item = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: "text", labelZh: `中 ${name}`, labelEn: `EN ${name}`, ...extra });
const itemsOf = async (formVersionId: number) =>
  (await h.db.select({ name: crfItems.name, ordinal: crfItems.ordinal }).from(crfItems).where(eq(crfItems.formVersionId, formVersionId)).orderBy(crfItems.ordinal)).map((i) => i.name);
const versionsOf = (formId: number) => h.db.select().from(crfFormVersions).where(eq(crfFormVersions.formId, formId)).orderBy(crfFormVersions.version);

async function loadActor(email: string) {
  const [u] = await h.db.select().from(users).where(eq(users.email, email));
  const a = await loadActorBySession(h.db, await createSession(h.db, u.id, u.sessionVersion));
  if (!a) throw new Error(email);
  return a;
}

beforeAll(async () => {
  await seedBase(h.db);
  const [pi] = await h.db.select().from(users).where(eq(users.email, "pi@ncrc.demo"));
  await h.db.insert(users).values({ ...pi, id: undefined, email: "pi.other@ncrc.test" });
  draft = await createTestStudy(h.db, { code: "CRFD-DRAFT", status: "draft", design: "single_arm", team: [["staff.rc1@ncrc.demo", "data_manager"], ["monitor@ncrc.demo", "monitor"]] });
  recruiting = await createTestStudy(h.db, { code: "CRFD-REC", design: "single_arm" });
});

describe("designing forms", () => {
  let formId: number;

  it("the PI creates a form and adds items with choices, limits, branching and a calculation", async () => {
    const f = expectOk(await runCommand("pi@ncrc.demo", createFormCommand, { studyId: draft.study.id, name: "vitals", labelZh: "生命体征", labelEn: "Vital signs" }));
    formId = f.formId;
    const id = { studyId: draft.study.id, formId };
    expectOk(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("weight", { type: "decimal", decimalPlaces: "1", unit: "kg", softMin: "30", softMax: "200", hardMin: "1", hardMax: "500", missingCodes: ["ND"] }) }));
    expectOk(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("height", { type: "integer", unit: "cm", required: true }) }));
    expectOk(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("bmi", { type: "calc", calculation: "round([weight] * 10000 / ([height] ^ 2), 1)" }) }));
    expectOk(
      await runCommand("staff.rc1@ncrc.demo", addItemCommand, {
        ...id,
        position: "1",
        ...item("sex", { type: "radio", choiceCode: ["1", "2"], choiceZh: ["男", "女"], choiceEn: ["Male", "Female"], sectionZh: "基本信息", sectionEn: "Basics" }),
      }),
    );
    expectOk(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("pregnant", { type: "yesno", branchingLogic: '[sex] = "2"' }) }));
    expect(await itemsOf((await versionsOf(formId))[0].id)).toEqual(["sex", "weight", "height", "bmi", "pregnant"]);
    const [weight] = await h.db.select().from(crfItems).where(eq(crfItems.name, "weight"));
    expect(weight).toMatchObject({ type: "decimal", decimalPlaces: 1, unit: "kg", softMin: "30", hardMax: "500", missingCodes: ["ND"], labelZh: "中 weight" });
  });

  it("refuses logic on unknown items, a calculation that is not a number, bad limits and duplicate names, writing nothing", async () => {
    const before = await countRows(h.db, TABLES);
    const id = { studyId: draft.study.id, formId };
    expectRefused(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("x1", { type: "yesno", branchingLogic: "[nowhere] = 1" }) }), ["branchingLogic"]);
    expectRefused(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("x2", { type: "calc", calculation: "[sex] = " }) }), ["choices"]);
    expectRefused(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("x3", { type: "integer", hardMin: "ten" }) }), ["hardMin"]);
    expectRefused(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("weight") }), ["name"]);
    expectRefused(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("x4", { type: "radio", choiceCode: ["1", "1"], choiceZh: ["a", "b"], choiceEn: ["a", "b"] }) }), ["choices"]);
    expectRefused(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("Bad Name") }), ["name"]);
    expectRefused(await runCommand("pi@ncrc.demo", reorderItemsCommand, { ...id, names: ["sex", "weight"] }), ["names"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("refuses a monitor on the team, another PI, a viewer and a study's form given with another study", async () => {
    const before = await countRows(h.db, TABLES);
    const id = { studyId: draft.study.id, formId };
    for (const who of ["monitor@ncrc.demo", "pi.other@ncrc.test", "viewer@ncrc.demo", "admin@ncrc.demo"]) {
      expectRefused(await runCommand(who, addItemCommand, { ...id, ...item("intruder") }));
      expectRefused(await runCommand(who, createFormCommand, { studyId: draft.study.id, name: "intruder", labelZh: "x", labelEn: "x" }));
    }
    expectRefused(await runCommand("pi@ncrc.demo", addItemCommand, { studyId: recruiting.study.id, formId, ...item("intruder"), amendmentDate: networkToday(), amendmentReason: "x" }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
  });

  it("updates and reorders items of a draft form in place", async () => {
    const id = { studyId: draft.study.id, formId };
    const before = await countRows(h.db, TABLES);
    // bmi is calculated from [height]: renaming height would leave the calculation pointing nowhere.
    expectRefused(await runCommand("pi@ncrc.demo", updateItemCommand, { ...id, item: "height", ...item("height_cm", { type: "integer" }) }), ["choices"]);
    expectRefused(await runCommand("pi@ncrc.demo", updateItemCommand, { ...id, item: "nothing", ...item("nothing") }));
    expect(await countRows(h.db, TABLES)).toEqual(before);
    expectOk(await runCommand("pi@ncrc.demo", updateItemCommand, { ...id, item: "height", ...item("height", { type: "integer", unit: "m", hardMin: "1", hardMax: "3" }) }));
    const [height] = await h.db.select().from(crfItems).where(eq(crfItems.name, "height"));
    expect(height).toMatchObject({ unit: "m", hardMin: "1", hardMax: "3", required: false });
    expectOk(await runCommand("pi@ncrc.demo", reorderItemsCommand, { ...id, names: ["pregnant", "bmi", "height", "weight", "sex"] }));
    const versions = await versionsOf(formId);
    expect(versions).toHaveLength(1);
    const read = async (email: string) => (await studyForms(await loadActor(email), draft.study.id)).flatMap((f) => f.items.map((i) => i.name));
    expect(await read("monitor@ncrc.demo")).toEqual(["pregnant", "bmi", "height", "weight", "sex"]);
    expect(await read("pi.other@ncrc.test")).toEqual([]);
    expect(await read("biobank@ncrc.demo")).toEqual([]);
    expect(await itemsOf(versions[0].id)).toEqual(["pregnant", "bmi", "height", "weight", "sex"]);
  });

  it("once recruiting, a change needs an amendment and makes a new form version; the old one keeps its items", async () => {
    const f = expectOk(await runCommand("pi@ncrc.demo", createFormCommand, { studyId: recruiting.study.id, name: "labs", labelZh: "化验", labelEn: "Labs", amendmentDate: networkToday(), amendmentReason: "Labs form" }));
    expect(f.protocolVersion).toBe(2);
    const id = { studyId: recruiting.study.id, formId: f.formId };
    const before = await countRows(h.db, TABLES);
    expectRefused(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("hb", { type: "decimal" }) }), ["amendmentDate"]);
    expect(await countRows(h.db, TABLES)).toEqual(before);
    const r = expectOk(await runCommand("pi@ncrc.demo", addItemCommand, { ...id, ...item("hb", { type: "decimal", unit: "g/L" }), amendmentDate: networkToday(), amendmentReason: "Haemoglobin" }));
    expect(r).toMatchObject({ formVersion: 2, protocolVersion: 3 });
    const versions = await versionsOf(f.formId);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(await itemsOf(versions[0].id)).toEqual([]);
    expect(await itemsOf(versions[1].id)).toEqual(["hb"]);
    const [old] = await h.db.select().from(crfFormVersions).where(and(eq(crfFormVersions.formId, f.formId), eq(crfFormVersions.version, 1)));
    expect(old.protocolVersionId).not.toBe(versions[1].protocolVersionId);
  });
});
