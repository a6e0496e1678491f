/**
 * What each field of an audit payload (and of a record version) means to a reader. The label of
 * a field is `audit.fields.<key>` (messages/<locale>/audit.json); this table says how its value
 * reads: the message namespace holding the labels of an enum field, which values are ids of a
 * centre or a user, which are themselves field names or record types, and which are internal.
 * A key missing here is shown with its label and a plain value; a test keeps this table, the
 * message files and the payloads the code writes in step.
 */

/** Where the labels of an enum field's values are, per entity type of the event ("*" = any other). */
export type EnumLabels = { "*": string } & Record<string, string>;

export type FieldKind =
  | { kind: "enum"; labels: EnumLabels }
  /** The value is another field's name (a query's field): shown as that field's label. */
  | { kind: "field" }
  /** The value is a record type ("adverse_event"): shown as its label. */
  | { kind: "entity" }
  | { kind: "centre" }
  | { kind: "user" }
  /** Internal (a materialised path, an ordinal): not shown. */
  | { kind: "hidden" };

const en = (ns: string): FieldKind => ({ kind: "enum", labels: { "*": ns } });

export const AUDIT_FIELDS: Record<string, FieldKind> = {
  // people and the network
  role: en("common.roles"),
  level: en("common.levels"),
  locale: en("audit.values.locale"),
  centreId: { kind: "centre" },
  holderCentreId: { kind: "centre" },
  leadCentreId: { kind: "centre" },
  fromCentreId: { kind: "centre" },
  toCentreId: { kind: "centre" },
  parentId: { kind: "centre" },
  userId: { kind: "user" },
  piUserId: { kind: "user" },
  sitePiUserId: { kind: "user" },
  createdBy: { kind: "user" },
  requestedBy: { kind: "user" },
  decidedBy: { kind: "user" },
  receivedBy: { kind: "user" },
  path: { kind: "hidden" },
  /** A participant's site is named by its centre, which the same payload carries. */
  siteId: { kind: "hidden" },
  ordinal: { kind: "hidden" },
  // studies
  status: {
    kind: "enum",
    labels: {
      "*": "studies.status",
      study: "studies.status",
      study_site: "studies.siteStatus",
      participant: "enrolment.status",
      visit: "followup.visitStatus",
      /** lib/audit/diff.ts RECORD_VERSION: of the follow-up records, only a visit's values have a status. */
      record_version: "followup.visitStatus",
      query: "followup.queryStatus",
      specimen: "biobank.statuses",
      specimen_transfer: "biobank.transferStatuses",
      release_request: "biobank.releaseStatuses",
      molecular_order: "molecular.statuses",
      crf_form: "crf.rules.status",
    },
  },
  phase: en("studies.phase"),
  design: en("studies.design"),
  area: en("studies.area"),
  blinding: en("studies.blinding"),
  randomizationMethod: en("studies.method"),
  studyRole: en("studies.teamRole"),
  kind: en("studies.kind"),
  // enrolment and follow-up
  outcome: { kind: "enum", labels: { "*": "followup.outcome", screening: "audit.values.screeningOutcome", specimen_transfer: "biobank.outcomes" } },
  withdrawalReason: en("enrolment.withdrawalReasons"),
  sex: en("followup.sex"),
  tumourResponse: en("followup.response"),
  category: { kind: "enum", labels: { "*": "followup.category", specimen: "biobank.categories" } },
  relatedness: en("followup.relatedness"),
  actionTaken: en("followup.action"),
  seriousCriteria: en("followup.serious"),
  // molecular diagnostics
  testKind: en("molecular.testKinds"),
  origin: en("molecular.origins"),
  labCentreId: { kind: "centre" },
  siteCentreId: { kind: "centre" },
  entityType: { kind: "entity" },
  field: { kind: "field" },
  // biobank
  type: en("biobank.types"),
  unit: en("biobank.units"),
  futureConsent: en("biobank.consent"),
  // the audit chain
  problem: en("audit.problems"),
  access: en("api.tokens.accessLevels"),
};

/** Record types of the audit trail; each has a label `audit.entities.<type>`. */
export const AUDIT_ENTITY_TYPES = [
  "user",
  "organisation",
  "audit_chain",
  "system",
  "notification",
  "study",
  "protocol_version",
  "study_site",
  "study_team",
  "screening",
  "participant",
  "visit",
  "adverse_event",
  "query",
  "specimen",
  "donor",
  "storage_freezer",
  "storage_rack",
  "storage_box",
  "specimen_transfer",
  "release_request",
  "molecular_order",
  "screening_invitation",
  "crf_form",
  "api_token",
] as const;
