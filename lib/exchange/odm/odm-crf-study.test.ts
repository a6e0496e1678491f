import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, crfFormInstances } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { verifyFormCommand } from "@/lib/crf/commands/verify-form";
import { importOdmCommand } from "@/lib/exchange/commands/import-odm";
import { odmExportClinicalCommand } from "@/lib/exchange/commands/odm-export-clinical";
import { odmLines } from "@/lib/exchange/odm/fields";
import { odmExportMetadataCommand } from "@/lib/exchange/commands/odm-export-metadata";
import { odmClinical } from "@/lib/exchange/queries/odm-clinical";
import { odmMetadata } from "@/lib/exchange/queries/odm-metadata";
import { createCrfStudy, saveInput, type CrfStudy } from "@/lib/testing/crf-study";
import { setupTestDb } from "@/lib/testing/db";
import { countRows, seedBase } from "@/lib/testing/fixtures";
import { collect, formsPart, xmllintErrors } from "@/lib/testing/odm-schema";
import { createTestStudy } from "@/lib/testing/study-builder";
import { expectOk, expectRefused } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";

/**
 * ODM export of the CRF test study (issue 15): repeating groups, repeating events, limits,
 * logic, missing codes, corrections with reasons (AuditRecord) and source data verification
 * (Signature); every file validated by xmllint against the official ODM 1.3.2 schema; the
 * clinical file limited exactly as the participant pages are.
 */
const h = await setupTestDb();
const [RC1, RC20, MONITOR, PI, VIEWER, ADMIN] = ["staff.rc1@ncrc.demo", "staff.rc20@ncrc.demo", "monitor@ncrc.demo", "pi@ncrc.demo", "viewer@ncrc.demo", "admin@ncrc.demo"];
const NOW = new Date("2026-03-01T08:00:00.000Z");
let s: CrfStudy;
let outside: CrfStudy;

const me = async (email: string) => {
  await signInAs(h.db, email);
  return (await getActor())!;
};

async function clinicalAs(email: string, study: CrfStudy, centreIds: number[] = []) {
  const out = await odmClinical(await me(email), study.study.id, { centreIds }, NOW);
  return out ? { ...out, xml: await collect(out.chunks) } : null;
}

beforeAll(async () => {
  await seedBase(h.db);
  s = await createCrfStudy(h.db, "ODM1");
  outside = await createCrfStudy(h.db, "ODM2", { monitor: null });
  const p1 = s.atR01.id;
  const save = async (o: Parameters<typeof saveInput>[1], who = RC1) => expectOk(await runCommand(who, saveFormCommand, saveInput(s, o)));
  await save({ participantId: p1, event: "baseline", form: "vitals", values: { sex: "2", pregnant: "0", weight: "70.5", height: "170", visit_date: "2025-01-03", email: "a&b@example.org" }, complete: true });
  // A correction with a reason: the weight's AuditRecord is the second save's.
  await save({ participantId: p1, event: "baseline", form: "vitals", values: { sex: "2", pregnant: "0", weight: "71.0", height: "170", visit_date: "2025-01-03", email: "a&b@example.org" }, complete: true, expectedVersion: 1, reason: "Transcription error <fixed>" });
  await save({ participantId: p1, event: "baseline", form: "tumour", values: { assessed: "1", lesions: [{ site: "lung", diameter: "30" }, { site: "node", diameter: "15", short_axis: "12" }] }, complete: true });
  await save({ participantId: p1, event: "week6", form: "vitals", values: { sex: "2", height: "170" }, missing: { weight: "UNK" } });
  await save({ participantId: p1, event: "conmeds", form: "conmed", repeat: 1, values: { drug: "Aspirin\nenteric coated", dose: "100" } });
  await save({ participantId: p1, event: "conmeds", form: "conmed", repeat: 2, values: { drug: "Metformin" } });
  await save({ participantId: s.atR20.id, event: "baseline", form: "vitals", values: { sex: "1", weight: "80", height: "180" } }, RC20);
  const [inst] = await h.db.select().from(crfFormInstances).where(and(eq(crfFormInstances.participantId, p1), eq(crfFormInstances.eventId, s.events.baseline.id), eq(crfFormInstances.formId, s.forms.vitals.formId)));
  expectOk(await runCommand(MONITOR, verifyFormCommand, { instanceId: inst.id, expectedVersion: inst.version }));
});

describe("ODM metadata of a study with repeating groups", () => {
  it("validates against the ODM 1.3.2 schema and carries events, groups, items, code lists, ranges, units, logic, both languages", async () => {
    const out = await odmMetadata(await me(PI), s.study.id, NOW);
    expect(out).not.toBeNull();
    const xml = out!.xml;
    expect(xmllintErrors(xml, "crf-metadata")).toBe("");
    expect(xml).toContain('<StudyEventDef OID="SE.conmeds" Name="conmeds" Repeating="Yes" Type="Common">');
    expect(xml).toContain('<StudyEventDef OID="SE.baseline" Name="baseline" Repeating="No" Type="Scheduled">');
    expect(xml).toContain('<ItemGroupDef OID="IG.tumour.lesions" Name="lesions" Repeating="Yes">');
    expect(xml).toMatch(/<ItemDef OID="IT.vitals.weight" Name="weight" DataType="float" SignificantDigits="1">/);
    expect(xml).toContain('<RangeCheck Comparator="GE" SoftHard="Hard">');
    expect(xml).toContain('<RangeCheck Comparator="LE" SoftHard="Soft">');
    expect(xml).toContain('<TranslatedText xml:lang="zh">生命体征</TranslatedText>');
    expect(xml).toContain('<TranslatedText xml:lang="en">Vital signs</TranslatedText>');
    expect(xml).toContain('<FormalExpression Context="REDCap">[sex] = "2"</FormalExpression>');
    expect(xml).toContain('CollectionExceptionConditionOID="CD.vitals.pregnant"');
    expect(xml).toContain('MethodOID="MT.vitals.bmi"');
    expect(xml).toMatch(/<MeasurementUnit OID="MU.\d+" Name="kg">/);
  });

  it("is read by whoever sees the study (a viewer too: no participant data), and by nobody else", async () => {
    expect(await odmMetadata(await me(VIEWER), s.study.id, NOW)).not.toBeNull();
    expect(await odmMetadata(await me(MONITOR), outside.study.id, NOW)).toBeNull();
  });

  it("an export is audited: who and which study", async () => {
    const before = await countRows(h.db, ["audit_events"]);
    expectOk(await runCommand(PI, odmExportMetadataCommand, { studyId: s.study.id }));
    const [last] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "exchange.odm.exported")).orderBy(desc(auditEvents.id));
    expect(last).toMatchObject({ entityType: "study", entityId: String(s.study.id), studyId: s.study.id });
    expect((await countRows(h.db, ["audit_events"])).audit_events).toBe(before.audit_events + 1);
  });
});

describe("round trip of a study with repeating groups", () => {
  it("its metadata imported into a new draft study exports again the same (groups, hard and soft limits, logic)", async () => {
    const first = (await odmMetadata(await me(PI), s.study.id, NOW))!.xml;
    const draft = await createTestStudy(h.db, { code: "ODM-RT1", status: "draft", design: "single_arm" });
    const r = expectOk(await runCommand(PI, importOdmCommand, { studyId: draft.study.id, lines: odmLines(first) }));
    expect(r.forms).toEqual([{ name: "vitals", items: 7, groups: 0 }, { name: "tumour", items: 5, groups: 1 }, { name: "conmed", items: 3, groups: 0 }]);
    const again = (await odmMetadata(await me(PI), draft.study.id, NOW))!.xml;
    expect(xmllintErrors(again, "crf-roundtrip")).toBe("");
    expect(formsPart(again)).toEqual(formsPart(first));
    expect(formsPart(first)).toContain('<ItemGroupDef OID="IG.tumour.lesions" Name="lesions" Repeating="Yes">');
  });
});

describe("ODM clinical data", () => {
  it("validates, with subjects, repeating events and group rows, audit records with reasons, the SDV signature and missing codes", async () => {
    const out = await clinicalAs(PI, s);
    expect(out?.subjects).toBe(2);
    const xml = out!.xml;
    expect(xmllintErrors(xml, "crf-clinical")).toBe("");
    expect(xml).toContain(`<SubjectData SubjectKey="${s.atR01.subjectCode}">`);
    expect(xml).toContain('<StudyEventData StudyEventOID="SE.conmeds" StudyEventRepeatKey="2">');
    expect(xml).toContain('<ItemGroupData ItemGroupOID="IG.tumour.lesions" ItemGroupRepeatKey="2">');
    expect(xml).toContain('<ItemData ItemOID="IT.tumour.short_axis" Value="12">');
    expect(xml).toContain("<ReasonForChange>Transcription error &lt;fixed&gt;</ReasonForChange>");
    expect(xml).toContain('<SignatureRef SignatureOID="SD.SDV"/>');
    expect(xml).toContain('<ItemData ItemOID="IT.vitals.weight" IsNull="Yes">');
    expect(xml).toContain('<ItemData ItemOID="IT.conmed.drug" Value="Metformin">');
    expect(xml).toContain('Value="a&amp;b@example.org"');
    // The weight's audit record is the correction; the sex's the first save (unchanged since).
    const weight = xml.slice(xml.indexOf('<ItemData ItemOID="IT.vitals.weight" Value="71.0">'));
    expect(weight.slice(0, weight.indexOf("</ItemData>"))).toContain("<ReasonForChange>");
    const sex = xml.slice(xml.indexOf('<ItemData ItemOID="IT.vitals.sex" Value="2">'));
    expect(sex.slice(0, sex.indexOf("</ItemData>"))).not.toContain("<ReasonForChange>");
  });

  it("limits another site's staff to their site, refuses the viewer and a monitor outside the study", async () => {
    const rc20 = await clinicalAs(RC20, s);
    expect(rc20?.subjects).toBe(1);
    expect(xmllintErrors(rc20!.xml, "crf-clinical-rc20")).toBe("");
    expect(rc20!.xml).toContain(`SubjectKey="${s.atR20.subjectCode}"`);
    expect(rc20!.xml).not.toContain(`SubjectKey="${s.atR01.subjectCode}"`);
    expect(rc20!.xml).not.toContain("Aspirin");
    expect(await clinicalAs(VIEWER, s)).toBeNull();
    expect(await clinicalAs(MONITOR, outside)).toBeNull();
    const monitor = await clinicalAs(MONITOR, s);
    expect(monitor?.subjects).toBe(2);
    const site = await clinicalAs(ADMIN, s, [s.atR20.centreId]);
    expect(site?.subjects).toBe(1);
  });

  it("audits an export with its filter, and writes nothing when refused", async () => {
    const before = await countRows(h.db, ["audit_events"]);
    const r = expectOk(await runCommand(RC20, odmExportClinicalCommand, { studyId: s.study.id, centreId: null }));
    expect(r).toEqual({ studyCode: s.study.code, subjects: 1 });
    const [last] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "exchange.odm.exported")).orderBy(desc(auditEvents.id));
    expect(last.after).toEqual({ format: "ODM 1.3.2 clinical data", centreId: null, participants: 1 });
    const mid = await countRows(h.db, ["audit_events"]);
    expect(mid.audit_events).toBe(before.audit_events + 1);
    expectRefused(await runCommand(VIEWER, odmExportClinicalCommand, { studyId: s.study.id, centreId: null }));
    expectRefused(await runCommand(MONITOR, odmExportClinicalCommand, { studyId: outside.study.id, centreId: null }));
    expectRefused(await runCommand(RC20, odmExportClinicalCommand, { studyId: s.study.id, centreId: "x" }));
    expect(await countRows(h.db, ["audit_events"])).toEqual(mid);
  });
});
