import { asc } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { studies, type Study } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { importOdmCommand } from "@/lib/exchange/commands/import-odm";
import { odmLines } from "@/lib/exchange/odm/fields";
import { odmClinical } from "@/lib/exchange/queries/odm-clinical";
import { checkOdmImport } from "@/lib/exchange/queries/odm-import";
import { odmMetadata } from "@/lib/exchange/queries/odm-metadata";
import { setupTestDb } from "@/lib/testing/db";
import { seedDemoCrf } from "@/lib/testing/demo-crf";
import { collect, formsPart, xmllintErrors } from "@/lib/testing/odm-schema";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";
import { createTestStudy } from "@/lib/testing/study-builder";

/**
 * The demo studies as ODM (issue 15): every trial's and cohort's metadata and clinical data
 * validate against the official ODM 1.3.2 schema; and the round trip: a demo trial's metadata
 * imported into a new draft study exports again as the same forms, groups, items, code lists,
 * units and logic.
 */
const h = await setupTestDb();
const NOW = new Date("2026-06-15T04:00:00.000Z");
const COHORTS = ["BC-HR-101", "TN-SCR-01", "EC-SCR-02"];
let trial: Study;
let cohort: Study;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};

beforeAll(async () => {
  await seedDemoCrf(h.db);
  const all = await h.db.select().from(studies).orderBy(asc(studies.id));
  trial = all.find((s) => !COHORTS.includes(s.code))!;
  cohort = all.find((s) => COHORTS.includes(s.code))!;
  // The whole demo seed with its form data: 681 s measured on the 2-core machine under load.
}, 1_500_000);

describe("the demo studies as ODM 1.3.2", () => {
  it("a trial's and a cohort's metadata validate against the official schema", async () => {
    for (const s of [trial, cohort]) {
      const out = await odmMetadata(await me("admin@ncrc.demo"), s.id, NOW);
      expect(xmllintErrors(out!.xml, `demo-${s.code}-metadata`)).toBe("");
      expect(out!.xml).toContain('Repeating="Yes"');
    }
  });

  it("a trial's and a cohort's clinical data validate, with audit records and subjects", async () => {
    for (const s of [trial, cohort]) {
      const out = await odmClinical(await me("admin@ncrc.demo"), s.id, { centreIds: [] }, NOW);
      const xml = await collect(out!.chunks);
      expect(out!.subjects).toBeGreaterThan(0);
      expect(xmllintErrors(xml, `demo-${s.code}-clinical`)).toBe("");
      expect(xml.match(/<SubjectData /g)?.length).toBe(out!.subjects);
      expect(xml).toContain("<AuditRecord>");
    }
  });

  it("round trip: a trial's metadata imported into a new draft study exports again the same", async () => {
    const first = (await odmMetadata(await me("admin@ncrc.demo"), trial.id, NOW))!.xml;
    const draft = await createTestStudy(h.db, { code: "ODM-RT", status: "draft", design: "single_arm" });
    const check = await checkOdmImport(await me("pi@ncrc.demo"), draft.study.id, odmLines(first));
    expect(check?.problems).toEqual([]);
    expect(check?.forms.some((f) => f.groups > 0)).toBe(true);
    expectOk(await runCommand("pi@ncrc.demo", importOdmCommand, { studyId: draft.study.id, lines: odmLines(first) }));
    const again = (await odmMetadata(await me("pi@ncrc.demo"), draft.study.id, NOW))!.xml;
    expect(xmllintErrors(again, "demo-roundtrip")).toBe("");
    expect(formsPart(again)).toEqual(formsPart(first));
    expect(formsPart(first).length).toBeGreaterThan(10_000);
  });
});
