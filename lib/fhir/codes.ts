import type { ParticipantStatus, SpecimenStatus, StudyPhase, StudySiteStatus, StudyStatus } from "@/db/enums";

/**
 * The portal's identifier systems and code systems in FHIR resources. URNs, not web addresses:
 * they name the portal's own code lists and are never resolved.
 */
export const SYSTEM = {
  study: "urn:ncrc:study-code",
  registry: "urn:ncrc:trial-registry-number",
  /** The pseudonymous subject code (<STUDY>-<CENTRE>-<NNNN>): the only identifier of a person that leaves the portal. */
  subject: "urn:ncrc:subject-code",
  donor: "urn:ncrc:biobank-donor-code",
  specimen: "urn:ncrc:specimen-barcode",
  centre: "urn:ncrc:centre-code",
  studyStatus: "urn:ncrc:code-system:study-status",
  participantStatus: "urn:ncrc:code-system:participant-status",
  specimenStatus: "urn:ncrc:code-system:specimen-status",
  specimenType: "urn:ncrc:code-system:specimen-type",
  researchArea: "urn:ncrc:code-system:research-area",
} as const;

/** The portal's own status of a record, kept beside the FHIR status (which is coarser). */
export const EXTENSION = {
  studyStatus: "urn:ncrc:fhir:extension:study-status",
  participantStatus: "urn:ncrc:fhir:extension:participant-status",
  specimenStatus: "urn:ncrc:fhir:extension:specimen-status",
} as const;

/** HL7's translation extension (a bilingual text: English in the element, Chinese as its translation). */
export const TRANSLATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/translation";
export const PHASE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-phase";
export const SPECIMEN_TYPE_V2_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0487";
export const UCUM = "http://unitsofmeasure.org";

/** R4 ResearchStudy.status. A draft has not been approved yet: it is under review like one in ethics review. */
export const STUDY_STATUS: Record<StudyStatus, string> = {
  draft: "in-review",
  ethics_review: "in-review",
  recruiting: "active",
  suspended: "temporarily-closed-to-accrual",
  closed_to_accrual: "closed-to-accrual",
  completed: "completed",
};

/** R4 ResearchStudy.phase (research-study-phase). */
export const STUDY_PHASE: Record<StudyPhase, string> = {
  I: "phase-1",
  I_II: "phase-1-phase-2",
  II: "phase-2",
  III: "phase-3",
  IV: "phase-4",
  not_applicable: "n-a",
};

/** R4 ResearchSubject.status: completed participants are off study; withdrawn ones withdrawn. */
export const SUBJECT_STATUS: Record<ParticipantStatus, string> = {
  enrolled: "on-study",
  withdrawn: "withdrawn",
  completed: "off-study",
};

/**
 * R4 Specimen.status: available (reserved ones still exist and can be used), unsatisfactory
 * (quarantined after a damaged receipt), unavailable (in transit, missing, used up, given out or
 * destroyed). The portal's status goes along as an extension.
 */
export const SPECIMEN_STATUS: Record<SpecimenStatus, string> = {
  available: "available",
  reserved: "available",
  in_transit: "unavailable",
  missing: "unavailable",
  quarantined: "unsatisfactory",
  depleted: "unavailable",
  distributed: "unavailable",
  destroyed: "unavailable",
};

/** HL7 v2 table 0487 codes for the specimen types that have an exact one; the others carry the portal's code only. */
export const SPECIMEN_TYPE_V2: Partial<Record<string, { code: string; display: string }>> = {
  whole_blood: { code: "BLD", display: "Whole blood" },
  plasma: { code: "PLAS", display: "Plasma" },
  serum: { code: "SER", display: "Serum" },
  urine: { code: "UR", display: "Urine" },
  csf: { code: "CSF", display: "Cerebral spinal fluid" },
  ffpe_block: { code: "TISS", display: "Tissue" },
  fresh_frozen: { code: "TISS", display: "Tissue" },
};

/** English names of the specimen types and research areas (FHIR `text`; the UI has its own translated labels). */
export const SPECIMEN_TYPE_TEXT: Record<string, string> = {
  ffpe_block: "FFPE tissue block",
  fresh_frozen: "Fresh frozen tissue",
  whole_blood: "Whole blood",
  plasma: "Plasma",
  serum: "Serum",
  buffy_coat: "Buffy coat",
  urine: "Urine",
  ascites: "Ascites",
  pleural_effusion: "Pleural effusion",
  csf: "Cerebrospinal fluid",
};

export const RESEARCH_AREA_TEXT: Record<string, string> = {
  clinical_oncology: "Clinical oncology",
  cancer_epidemiology: "Cancer epidemiology",
  cancer_biology: "Cancer biology",
  cancer_pharmacy: "Cancer pharmacy",
  cancer_immunology: "Cancer immunology",
  new_cancer_technology: "New cancer technology",
};

/** R4 Location.status of a study site; a pending site has none yet. */
export const SITE_STATUS: Record<StudySiteStatus, string | null> = {
  pending: null,
  active: "active",
  suspended: "suspended",
  closed: "inactive",
};

/** UCUM units of the portal's quantity units; a block has no UCUM unit. */
export const UNIT_UCUM: Record<string, string | null> = { ml: "mL", mg: "mg", block: null };
