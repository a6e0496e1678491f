import { fragment } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { ODM_NS, ODM_VERSION, oid, SOURCE_SYSTEM } from "@/lib/exchange/odm/oids";
import { groupOid } from "@/lib/exchange/odm/metadata-xml";
import { itemRuns, type OdmDesign, type OdmForm } from "@/lib/exchange/odm/design";

/** One saved version of a form instance (record_versions, entity crf_form). */
export type ClinicalVersion = { version: number; changedFields: string[]; changedBy: number; centreCode: string; changedAt: Date; reason: string | null };

export type ClinicalInstance = {
  event: string;
  eventRepeating: boolean;
  repeat: number;
  form: string;
  values: Record<string, unknown>;
  missing: Record<string, string>;
  verifiedBy: number | null;
  verifierCentreCode: string | null;
  verifiedAt: Date | null;
  versions: ClinicalVersion[];
};

export type ClinicalSubject = { subjectCode: string; centreCode: string; instances: ClinicalInstance[] };

export type AdminUser = { id: number; name: string; centreCode: string };
export type AdminLocation = { code: string; name: string };

// Attribute values keep their line breaks only as character references; xmlbuilder2 writes them
// raw (a parser reads a raw one as a space), so they are marked before and replaced after.
const NL = "\uFFFF";
const TAB = "\uFFFE";
const mark = (s: string) => s.replace(/\r\n?|\n/g, NL).replace(/\t/g, TAB);
const unmark = (s: string) => s.replaceAll(NL, "&#10;").replaceAll(TAB, "&#9;");

/** The opening of a clinical data file up to and including <ClinicalData>: who and where (AdminData) first, as ODM orders it. */
export function clinicalHead(design: OdmDesign, h: { fileOid: string; now: Date; effectiveDay: string }, admin: { users: AdminUser[]; locations: AdminLocation[] }): string {
  const { code, protocolVersion } = design.study;
  const attrs = {
    xmlns: ODM_NS,
    Description: `${design.study.title.en} / ${design.study.title.zh}: clinical data`,
    FileType: "Snapshot",
    Granularity: "AllClinicalData",
    FileOID: h.fileOid,
    CreationDateTime: h.now.toISOString(),
    ODMVersion: ODM_VERSION,
    SourceSystem: SOURCE_SYSTEM,
  };
  const f = fragment();
  const a = f.ele("AdminData", { StudyOID: oid.study(code) });
  for (const u of admin.users) {
    const el = a.ele("User", { OID: oid.user(u.id), UserType: "Other" });
    el.ele("FullName").txt(u.name);
    el.ele("LocationRef", { LocationOID: oid.location(u.centreCode) });
  }
  for (const l of admin.locations) {
    a.ele("Location", { OID: oid.location(l.code), Name: l.name, LocationType: "Site" }).ele("MetaDataVersionRef", {
      StudyOID: oid.study(code),
      MetaDataVersionOID: oid.metaDataVersion(code, protocolVersion),
      EffectiveDate: h.effectiveDay,
    });
  }
  a.ele("SignatureDef", { OID: oid.sdvSignature, Methodology: "Electronic" }).ele("Meaning").txt("Source data verified").up().ele("LegalReason").txt("Source data verification by the study monitor or principal investigator");
  const open = Object.entries(attrs).map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(" ");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ODM ${open}>\n${f.end({ prettyPrint: true })}\n<ClinicalData StudyOID="${escapeAttr(oid.study(code))}" MetaDataVersionOID="${escapeAttr(oid.metaDataVersion(code, protocolVersion))}">\n`;
}

export const clinicalTail = "</ClinicalData>\n</ODM>\n";

function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Per form: item name → the OID of its item group, and the runs in order. */
export type FormLayout = { form: OdmForm; runs: { oid: string; repeating: string | null; items: string[] }[] };

export function formLayouts(design: OdmDesign): Map<string, FormLayout> {
  return new Map(
    design.forms.map((form) => [form.name, { form, runs: itemRuns(form).map((run) => ({ oid: groupOid(form, run), repeating: run.group?.name ?? null, items: run.items.filter((i) => i.type !== "descriptive").map((i) => i.name) })) }]),
  );
}

function auditRecord(parent: XMLBuilder, v: ClinicalVersion) {
  const el = parent.ele("AuditRecord");
  el.ele("UserRef", { UserOID: oid.user(v.changedBy) });
  el.ele("LocationRef", { LocationOID: oid.location(v.centreCode) });
  el.ele("DateTimeStamp").txt(v.changedAt.toISOString());
  if (v.reason) el.ele("ReasonForChange").txt(mark(v.reason));
}

/** The version that last set a value: the latest whose changed paths name it, else the first save. */
function lastChange(versions: readonly ClinicalVersion[], path: string): ClinicalVersion | undefined {
  let found: ClinicalVersion | undefined = versions[0];
  for (const v of versions) if (v.changedFields.includes(path)) found = v;
  return found;
}

function itemData(parent: XMLBuilder, formName: string, item: string, path: string, value: unknown, missing: string | undefined, versions: readonly ClinicalVersion[]) {
  const audit = lastChange(versions, path);
  if (missing !== undefined) {
    const el = parent.ele("ItemData", { ItemOID: oid.item(formName, item), IsNull: "Yes" });
    if (audit) auditRecord(el, audit);
    el.ele("Annotation", { SeqNum: 1 }).ele("Flag").ele("FlagValue", { CodeListOID: oid.missingCodes }).txt(missing);
    return;
  }
  const text = typeof value === "string" ? value : Array.isArray(value) ? value.filter((x) => typeof x === "string").join(",") : null;
  if (text === null || text === "") return;
  const el = parent.ele("ItemData", { ItemOID: oid.item(formName, item), Value: mark(text) });
  if (audit) auditRecord(el, audit);
}

/**
 * One subject as an ODM SubjectData fragment: its site, each event (a repeating event's
 * repeat as StudyEventRepeatKey) with its forms, each form's last save as the form's
 * AuditRecord and its source data verification as a Signature, item groups (a repeating
 * group's rows with ItemGroupRepeatKey), and every value with the AuditRecord of the save that
 * last set it. Missing-data codes are ItemData with IsNull="Yes" flagged from CL.MISSING.
 * Values of items no longer on the form version in force have no ItemDef in the file and are
 * left out.
 */
export function subjectXml(s: ClinicalSubject, layouts: Map<string, FormLayout>): string {
  const f = fragment();
  const subject = f.ele("SubjectData", { SubjectKey: s.subjectCode });
  subject.ele("SiteRef", { LocationOID: oid.location(s.centreCode) });
  let eventEl: XMLBuilder | null = null;
  let eventKey = "";
  for (const inst of s.instances) {
    const layout = layouts.get(inst.form);
    if (!layout) continue;
    const key = `${inst.event}#${inst.repeat}`;
    if (!eventEl || key !== eventKey) {
      eventEl = subject.ele("StudyEventData", { StudyEventOID: oid.event(inst.event), ...(inst.eventRepeating ? { StudyEventRepeatKey: String(inst.repeat) } : {}) });
      eventKey = key;
    }
    const formEl = eventEl.ele("FormData", { FormOID: oid.form(inst.form) });
    const latest = inst.versions.at(-1);
    if (latest) auditRecord(formEl, latest);
    if (inst.verifiedAt && inst.verifiedBy !== null && inst.verifierCentreCode) {
      const sig = formEl.ele("Signature");
      sig.ele("UserRef", { UserOID: oid.user(inst.verifiedBy) });
      sig.ele("LocationRef", { LocationOID: oid.location(inst.verifierCentreCode) });
      sig.ele("SignatureRef", { SignatureOID: oid.sdvSignature });
      sig.ele("DateTimeStamp").txt(inst.verifiedAt.toISOString());
    }
    for (const run of layout.runs) {
      if (run.repeating === null) {
        const present = run.items.filter((i) => inst.missing[i] !== undefined || hasValue(inst.values[i]));
        if (!present.length) continue;
        const g = formEl.ele("ItemGroupData", { ItemGroupOID: run.oid });
        for (const i of present) itemData(g, inst.form, i, i, inst.values[i], inst.missing[i], inst.versions);
        continue;
      }
      const rows = Array.isArray(inst.values[run.repeating]) ? (inst.values[run.repeating] as unknown[]) : [];
      rows.forEach((row, r) => {
        const cells = typeof row === "object" && row !== null ? (row as Record<string, unknown>) : {};
        const path = (i: string) => `${run.repeating}.${r + 1}.${i}`;
        const present = run.items.filter((i) => inst.missing[path(i)] !== undefined || hasValue(cells[i]));
        if (!present.length) return;
        const g = formEl.ele("ItemGroupData", { ItemGroupOID: run.oid, ItemGroupRepeatKey: String(r + 1) });
        for (const i of present) itemData(g, inst.form, i, path(i), cells[i], inst.missing[path(i)], inst.versions);
      });
    }
  }
  return unmark(f.end({ prettyPrint: true })) + "\n";
}

const hasValue = (v: unknown) => (typeof v === "string" && v !== "") || (Array.isArray(v) && v.some((x) => typeof x === "string"));
