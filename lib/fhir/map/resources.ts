import {
  EXTENSION,
  PHASE_SYSTEM,
  RESEARCH_AREA_TEXT,
  SITE_STATUS,
  SPECIMEN_STATUS,
  SPECIMEN_TYPE_TEXT,
  SPECIMEN_TYPE_V2,
  SPECIMEN_TYPE_V2_SYSTEM,
  STUDY_PHASE,
  STUDY_STATUS,
  SUBJECT_STATUS,
  SYSTEM,
  TRANSLATION_EXTENSION,
  UCUM,
  UNIT_UCUM,
} from "@/lib/fhir/codes";
import type { FhirResource } from "@/lib/fhir/response";
import type { FhirSpecimenRow } from "@/lib/fhir/queries/specimens";
import type { FhirStudyRow } from "@/lib/fhir/queries/studies";
import type { FhirSubjectRow } from "@/lib/fhir/queries/subjects";

/**
 * Rows → FHIR R4 resources. Pure: what a resource says is decided by the row the scoped read
 * returned (an arm the actor may not see is already null). A person appears only by the
 * pseudonymous subject or donor code, as an identifier-only reference, never as a Patient.
 */

/** FHIR strings must not be empty or whitespace only; such values are left out. */
function text(v: string | null | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const t = v.trim();
  return t === "" ? undefined : t;
}

/** The Chinese text of an element as HL7's translation extension (`_title`, `_name` …). */
function zhTranslation(zh: string | null | undefined, en: string | undefined): { extension: unknown[] } | undefined {
  const t = text(zh);
  if (t === undefined || t === en) return undefined;
  return {
    extension: [
      {
        url: TRANSLATION_EXTENSION,
        extension: [
          { url: "lang", valueCode: "zh-CN" },
          { url: "content", valueString: t },
        ],
      },
    ],
  };
}

/** Drops undefined members, so the JSON has no empty keys. */
function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const portalCode = (url: string, code: string) => ({ url, valueCode: code });

export function subjectIdentifier(subjectCode: string) {
  return { system: SYSTEM.subject, value: subjectCode };
}

export function researchStudy(row: FhirStudyRow): FhirResource {
  const title = text(row.titleEn) ?? row.code;
  const contained = row.sites.map((s) => {
    const name = text(s.nameEn) ?? s.code;
    const alias = text(s.nameZh);
    return compact({
      resourceType: "Location",
      id: `site-${s.code}`,
      identifier: [{ system: SYSTEM.centre, value: s.code }],
      status: SITE_STATUS[s.status] ?? undefined,
      name,
      alias: alias && alias !== name ? [alias] : undefined,
    });
  });
  const identifier: unknown[] = [{ use: "official", system: SYSTEM.study, value: row.code }];
  const registry = text(row.registryNo);
  if (registry) identifier.push({ use: "secondary", system: SYSTEM.registry, value: registry });
  return compact({
    resourceType: "ResearchStudy",
    id: row.code,
    extension: [portalCode(EXTENSION.studyStatus, row.status)],
    contained: contained.length ? contained : undefined,
    identifier,
    title,
    _title: zhTranslation(row.titleZh, title),
    status: STUDY_STATUS[row.status],
    phase: { coding: [{ system: PHASE_SYSTEM, code: STUDY_PHASE[row.phase] }], text: row.phase === "not_applicable" ? "Not applicable" : `Phase ${row.phase.replace("_", "/")}` },
    category: [{ coding: [{ system: SYSTEM.researchArea, code: row.area }], text: RESEARCH_AREA_TEXT[row.area] ?? row.area }],
    period: row.plannedStart || row.plannedEnd ? compact({ start: row.plannedStart ?? undefined, end: row.plannedEnd ?? undefined }) : undefined,
    site: contained.length ? row.sites.map((s) => ({ reference: `#site-${s.code}` })) : undefined,
    arm: row.arms.length
      ? row.arms.map((a) => {
          const description = text(a.nameEn);
          return compact({ name: a.code, description, _description: zhTranslation(a.nameZh, description) });
        })
      : undefined,
  });
}

export function researchSubject(row: FhirSubjectRow): FhirResource {
  return compact({
    resourceType: "ResearchSubject",
    id: row.subjectCode,
    extension: [portalCode(EXTENSION.participantStatus, row.status)],
    identifier: [subjectIdentifier(row.subjectCode)],
    status: SUBJECT_STATUS[row.status],
    period: compact({ start: row.enrolledOn, end: row.withdrawnOn ?? undefined }),
    study: { reference: `ResearchStudy/${row.studyCode}` },
    // Required by R4, and not resolvable on purpose: the pseudonymous code, no Patient resource.
    individual: { type: "Patient", identifier: subjectIdentifier(row.subjectCode) },
    // The allocated arm; the portal records no separate "actual" arm, so actualArm stays out.
    assignedArm: row.armCode ?? undefined,
  });
}

/** A quantity as FHIR wants it: a JSON number (the column holds at most three decimals). */
function quantity(value: string, unit: string) {
  const ucum = UNIT_UCUM[unit] ?? null;
  const n = Number(value);
  return compact({ value: Number.isFinite(n) ? n : undefined, unit, system: ucum ? UCUM : undefined, code: ucum ?? undefined });
}

export function specimen(row: FhirSpecimenRow): FhirResource {
  const v2 = SPECIMEN_TYPE_V2[row.type];
  const owner = row.subjectCode
    ? { type: "Patient", identifier: subjectIdentifier(row.subjectCode) }
    : row.donorCode
      ? { type: "Patient", identifier: { system: SYSTEM.donor, value: row.donorCode } }
      : undefined;
  return compact({
    resourceType: "Specimen",
    id: row.barcode,
    extension: [portalCode(EXTENSION.specimenStatus, row.status)],
    identifier: [{ system: SYSTEM.specimen, value: row.barcode }],
    status: SPECIMEN_STATUS[row.status as keyof typeof SPECIMEN_STATUS] ?? "unavailable",
    type: {
      coding: [{ system: SYSTEM.specimenType, code: row.type }, ...(v2 ? [{ system: SPECIMEN_TYPE_V2_SYSTEM, code: v2.code, display: v2.display }] : [])],
      text: SPECIMEN_TYPE_TEXT[row.type] ?? row.type,
    },
    subject: owner,
    parent: row.parentBarcode ? [{ reference: `Specimen/${row.parentBarcode}` }] : undefined,
    collection: { collectedDateTime: row.collectedAt },
    // What is left now (aliquoting takes from it), not what was collected: the container's quantity.
    container: [{ specimenQuantity: quantity(row.quantity, row.unit) }],
  });
}
