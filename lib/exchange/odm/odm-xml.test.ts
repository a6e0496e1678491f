import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { crfItem } from "@/lib/testing/crf-items";
import { xmllintErrors } from "@/lib/testing/odm-schema";
import { clinicalHead, clinicalTail, formLayouts, subjectXml } from "@/lib/exchange/odm/clinical-xml";
import type { OdmDesign } from "@/lib/exchange/odm/design";
import { metadataXml } from "@/lib/exchange/odm/metadata-xml";
import { readOdmMetadata } from "@/lib/exchange/odm/read-metadata";

/** The ODM writers and reader on their own (no database): what the schema and a reader see. */
const NOW = new Date("2026-01-01T00:00:00.000Z");
const design: OdmDesign = {
  study: { code: "X-1", title: { zh: "试验", en: "Trial" }, protocolVersion: 1 },
  events: [{ name: "ae_log", kind: "log", visitCode: null, label: { zh: "不良事件", en: "Adverse events" }, forms: ["notes"] }],
  forms: [
    {
      name: "notes",
      label: { zh: "记录", en: "Notes" },
      items: [crfItem("story", { type: "longtext" }), crfItem("dose", { type: "decimal", decimalPlaces: 2, unit: "mg", missingCodes: ["NA"] }), crfItem("when", { type: "time" })],
      groups: [{ name: "doses", label: { zh: "剂量", en: "Doses" }, maxRows: 5, items: ["dose", "when"] }],
    },
  ],
};

describe("clinical data XML", () => {
  it("keeps line breaks and tabs of a value, writes a missing code as IsNull with its flag, and validates", () => {
    const subject = subjectXml(
      {
        subjectCode: "X-1-R01-001",
        centreCode: "R01",
        instances: [
          {
            event: "ae_log", eventRepeating: true, repeat: 3, form: "notes",
            values: { story: "line one\nline two\tend", doses: [{ dose: "1.25", when: "08:00" }, { when: "20:00" }] },
            missing: { "doses.2.dose": "NA" },
            verifiedBy: null, verifierCentreCode: null, verifiedAt: null,
            versions: [{ version: 1, changedFields: [], changedBy: 4, centreCode: "R01", changedAt: NOW, reason: null }],
          },
        ],
      },
      formLayouts(design),
    );
    const xml = clinicalHead(design, { fileOid: "f", now: NOW, effectiveDay: "2026-01-01" }, { users: [{ id: 4, name: "Staff", centreCode: "R01" }], locations: [{ code: "R01", name: "Centre" }] }) + subject + clinicalTail;
    expect(xmllintErrors(xml, "unit-clinical")).toBe("");
    expect(xml).toContain('<StudyEventData StudyEventOID="SE.ae_log" StudyEventRepeatKey="3">');
    expect(xml).toContain('<ItemData ItemOID="IT.notes.dose" IsNull="Yes">');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", htmlEntities: true }).parse(xml) as Record<string, unknown>;
    expect(JSON.stringify(parsed)).toContain(JSON.stringify("line one\nline two\tend"));
  });

  it("metadata of a repeating group inside a form validates, and reads back as the same design", () => {
    const xml = metadataXml(design, { fileOid: "m", now: NOW });
    expect(xmllintErrors(xml, "unit-metadata")).toBe("");
    const read = readOdmMetadata(xml);
    expect(read.problems).toEqual([]);
    expect(read.forms).toEqual(design.forms);
  });
});

describe("reading an ODM file written elsewhere", () => {
  const foreign = (itemDefs: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" FileType="Snapshot" FileOID="F" CreationDateTime="2026-01-01T00:00:00Z" ODMVersion="1.3.2">
  <Study OID="S">
    <GlobalVariables><StudyName>S</StudyName><StudyDescription>S</StudyDescription><ProtocolName>S</ProtocolName></GlobalVariables>
    <MetaDataVersion OID="MDV" Name="v1">
      <FormDef OID="F.DM" Name="DM" Repeating="No"><ItemGroupRef ItemGroupOID="IG.DM" Mandatory="Yes"/></FormDef>
      <ItemGroupDef OID="IG.DM" Name="Demography" Repeating="No">
        <ItemRef ItemOID="I.AGE" Mandatory="Yes" OrderNumber="2"/>
        <ItemRef ItemOID="I.SEX" Mandatory="No" OrderNumber="1"/>
        <ItemRef ItemOID="I.BRTHDTC" Mandatory="No" OrderNumber="3"/>
      </ItemGroupDef>
      ${itemDefs}
      <CodeList OID="CL.SEX" Name="Sex" DataType="text">
        <CodeListItem CodedValue="F"><Decode><TranslatedText xml:lang="en">Female</TranslatedText><TranslatedText xml:lang="zh-CN">女</TranslatedText></Decode></CodeListItem>
        <CodeListItem CodedValue="M"><Decode><TranslatedText xml:lang="en">Male</TranslatedText></Decode></CodeListItem>
      </CodeList>
    </MetaDataVersion>
  </Study>
</ODM>`;
  const SEX = `<ItemDef OID="I.SEX" Name="SEX" DataType="text"><Question><TranslatedText xml:lang="en">Sex</TranslatedText></Question><CodeListRef CodeListOID="CL.SEX"/></ItemDef>`;
  const AGE = `<ItemDef OID="I.AGE" Name="AGE" DataType="integer"><Question><TranslatedText xml:lang="en">Age</TranslatedText></Question><RangeCheck Comparator="GE" SoftHard="Soft"><CheckValue>18</CheckValue></RangeCheck></ItemDef>`;

  it("takes types from DataType and code lists, order from OrderNumber, names as REDCap names, one language for both", () => {
    const xml = foreign(SEX + AGE + `<ItemDef OID="I.BRTHDTC" Name="BRTHDTC" DataType="date"/>`);
    expect(xmllintErrors(xml, "foreign")).toBe("");
    const read = readOdmMetadata(xml);
    expect(read.problems).toEqual([]);
    const [form] = read.forms;
    expect(form.name).toBe("dm");
    expect(form.items.map((i) => [i.name, i.type, i.validation, i.required])).toEqual([["sex", "dropdown", null, false], ["age", "integer", "integer", true], ["brthdtc", "date", "date_ymd", false]]);
    expect(form.items[0].choices).toEqual([{ code: "F", label: { zh: "女", en: "Female" } }, { code: "M", label: { zh: "Male", en: "Male" } }]);
    expect(form.items[1]).toMatchObject({ softMin: "18", hardMin: null, label: { zh: "Age", en: "Age" } });
  });

  it("names an unknown DataType, a missing item definition and a comparator it cannot hold, by line and element", () => {
    const xml = foreign(SEX.replace('Comparator', '') + AGE.replace('Comparator="GE"', 'Comparator="IN"') + `\n<ItemDef OID="I.BRTHDTC" Name="BRTHDTC" DataType="partialDate"/>`).replace('<ItemRef ItemOID="I.SEX"', '<ItemRef ItemOID="I.GONE"/><ItemRef ItemOID="I.SEX"');
    const read = readOdmMetadata(xml);
    const lineOf = (s: string) => xml.slice(0, xml.indexOf(` ${s}`)).split("\n").length;
    expect(read.problems).toHaveLength(3);
    expect(read.problems).toEqual(expect.arrayContaining([
      { line: lineOf('OID="IG.DM"'), element: "ItemGroupDef IG.DM", key: "odm.problems.unknownItem", params: { oid: "I.GONE" } },
      { line: lineOf('OID="I.AGE"'), element: "ItemDef I.AGE", key: "odm.problems.unsupportedRangeCheck", params: { comparator: "IN" } },
      { line: lineOf('OID="I.BRTHDTC"'), element: "ItemDef I.BRTHDTC", key: "odm.problems.unknownDataType", params: { dataType: "partialDate" } },
    ]));
  });

  it("refuses a document type, malformed XML (with its line) and a file that is not ODM", () => {
    expect(readOdmMetadata('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "x">]><a/>').problems[0].key).toBe("odm.problems.doctype");
    const bad = readOdmMetadata("<ODM>\n<Study>\n</ODM>");
    expect(bad.problems).toEqual([expect.objectContaining({ key: "odm.problems.malformed", line: 3 })]);
    expect(readOdmMetadata("<html/>").problems[0].key).toBe("odm.problems.notOdm");
    expect(readOdmMetadata("x".repeat(5 * 1024 * 1024 + 1)).problems[0].key).toBe("odm.problems.tooLarge");
  });
});
