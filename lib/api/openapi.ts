import {
  API_TOKEN_ACCESS,
  CRF_EVENT_KINDS,
  CRF_FORM_INSTANCE_STATUSES,
  CRF_MISSING_CODES,
  ORG_LEVELS,
  PARTICIPANT_SEXES,
  PARTICIPANT_STATUSES,
  RESEARCH_AREAS,
  SPECIMEN_CATEGORIES,
  SPECIMEN_STATUSES,
  SPECIMEN_TYPES,
  SPECIMEN_UNITS,
  STUDY_BLINDINGS,
  STUDY_DESIGNS,
  STUDY_PHASES,
  STUDY_SITE_STATUSES,
  STUDY_STATUSES,
  WITHDRAWAL_REASONS,
} from "@/db/enums";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "@/lib/api/http";

/**
 * The OpenAPI 3.1 description of /api/v1, built here so that it names the same enums as the
 * schema. lib/api/openapi.test.ts calls every endpoint and validates each real response against
 * the schema this document gives for it (response schemas refuse unknown properties, so a field
 * added to a response without its description fails there).
 */
type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const str: Json = { type: "string" };
const int: Json = { type: "integer" };
const bool: Json = { type: "boolean" };
const day: Json = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const instant: Json = { type: "string", format: "date-time" };
const nullable = (s: Json): Json => (s.$ref ? { anyOf: [s, { type: "null" }] } : { ...s, type: [s.type as string, "null"] });
const oneOf = (values: readonly string[]): Json => ({ type: "string", enum: [...values] });
const nullableEnum = (values: readonly string[]): Json => ({ type: ["string", "null"], enum: [...values, null] });

function object(props: Record<string, Json>, optional: string[] = []): Json {
  return { type: "object", additionalProperties: false, required: Object.keys(props).filter((k) => !optional.includes(k)), properties: props };
}
const list = (item: Json): Json => object({ data: { type: "array", items: item } });
const page = (item: Json): Json => object({ data: { type: "array", items: item }, nextCursor: nullable(str) });

const schemas: Record<string, Json> = {
  Problem: {
    type: "object",
    required: ["type", "title", "status"],
    properties: {
      type: str,
      title: str,
      status: int,
      detail: str,
      parameter: str,
      errors: { type: "object", additionalProperties: { type: "array", items: str } },
    },
    additionalProperties: false,
  },
  Study: object({
    id: int,
    code: str,
    titleZh: str,
    titleEn: str,
    registryNo: nullable(str),
    status: oneOf(STUDY_STATUSES),
    phase: oneOf(STUDY_PHASES),
    design: oneOf(STUDY_DESIGNS),
    area: oneOf(RESEARCH_AREAS),
    blinding: nullableEnum(STUDY_BLINDINGS),
    targetEnrolment: int,
    enrolled: int,
    leadCentreCode: str,
    piName: str,
  }),
  Site: object({
    centreCode: str,
    centreNameZh: str,
    centreNameEn: str,
    level: oneOf(ORG_LEVELS),
    status: oneOf(STUDY_SITE_STATUSES),
    target: int,
    enrolled: int,
    ethicsApprovalDate: nullable(day),
  }),
  Event: object({
    name: str,
    kind: oneOf(CRF_EVENT_KINDS),
    visitCode: nullable(str),
    labelZh: str,
    labelEn: str,
    forms: { type: "array", items: object({ name: str, labelZh: str, labelEn: str }) },
  }),
  ParticipantRow: object({ subjectCode: str, status: oneOf(PARTICIPANT_STATUSES), enrolledOn: day, siteCode: str, armCode: nullable(str), blinded: bool }),
  Participant: object({
    subjectCode: str,
    studyCode: str,
    status: oneOf(PARTICIPANT_STATUSES),
    sex: oneOf(PARTICIPANT_SEXES),
    yearOfBirth: int,
    screenedOn: day,
    enrolledOn: day,
    consentDate: day,
    siteCode: str,
    enrolSiteCode: str,
    armCode: nullable(str),
    blinded: bool,
    withdrawnOn: nullable(day),
    withdrawalReason: nullableEnum(WITHDRAWAL_REASONS),
  }),
  FormGrid: object({
    subjectCode: str,
    events: {
      type: "array",
      items: object({
        name: str,
        kind: oneOf(CRF_EVENT_KINDS),
        labelZh: str,
        labelEn: str,
        forms: {
          type: "array",
          items: object({ name: str, labelZh: str, labelEn: str, repeat: int, status: oneOf(["not_started", ...CRF_FORM_INSTANCE_STATUSES]), openQueries: int }),
        },
      }),
    },
  }),
  FormData: object({
    subjectCode: str,
    event: str,
    form: str,
    repeat: int,
    formVersionId: int,
    formVersion: int,
    status: oneOf(["not_started", ...CRF_FORM_INSTANCE_STATUSES]),
    version: { type: "integer", description: "The instance's version (0: never saved): send it back as expectedVersion." },
    updatedAt: nullable(instant),
    values: { type: "object", description: "Item name → value (text; a list for checkboxes; rows of a repeating group as a list of objects)." },
    missing: { type: "object", additionalProperties: oneOf(CRF_MISSING_CODES) },
    items: { type: "array", items: object({ name: str, type: str }) },
    canEdit: bool,
  }),
  FormSave: {
    type: "object",
    additionalProperties: false,
    required: ["expectedVersion"],
    properties: {
      expectedVersion: { type: "integer", minimum: 0, description: "The version read (0 for a new form); a save in between is refused with 409." },
      formVersionId: { type: "integer", description: "Defaults to the version the instance keeps, or the one in force." },
      values: { type: "object" },
      missing: { type: "object", additionalProperties: oneOf(CRF_MISSING_CODES) },
      complete: { type: "boolean", default: false },
      reason: { type: "string", maxLength: 500, description: "Required when a saved value changes." },
      confirmedSoft: { type: "array", items: str, description: "Item paths whose soft-limit breach is confirmed (each raises a query)." },
      requestKey: { type: "string", pattern: "^[A-Za-z0-9-]{16,64}$", description: "The same key twice saves once (a retry answers what was saved)." },
    },
  },
  FormSaved: object({ instanceId: int, version: int, status: oneOf(CRF_FORM_INSTANCE_STATUSES), raisedQueries: int, replayed: bool }),
  Specimen: object({
    barcode: str,
    category: oneOf(SPECIMEN_CATEGORIES),
    type: oneOf(SPECIMEN_TYPES),
    status: oneOf(SPECIMEN_STATUSES),
    centreCode: str,
    holderCode: str,
    studyCode: nullable(str),
    subjectCode: nullable(str),
    donorCode: nullable(str),
    collectedAt: instant,
    quantity: str,
    unit: oneOf(SPECIMEN_UNITS),
    parentBarcode: nullable(str),
  }),
};

const problemContent = { "application/problem+json": { schema: ref("Problem") } };
const problemResponse = (description: string): Json => ({ description, content: problemContent });
const ok = (schema: Json, description = "OK"): Json => ({ description, content: { "application/json": { schema } } });
const errors = (...codes: number[]): Record<string, Json> => {
  const text: Record<number, string> = {
    400: "A query parameter or the body is not valid",
    401: "No, an invalid, a revoked or an expired token (WWW-Authenticate: Bearer)",
    403: "A read-only token asked to write, or the role may not",
    404: "No such record, or outside the caller's scope or the token's studies",
    409: "Saved in between (stale expectedVersion), verified, or a request key reused with other input",
    422: "Validation failed: `errors` holds the messages per field",
    429: "The token's rate limit is spent (Retry-After)",
  };
  return Object.fromEntries(codes.map((c) => [String(c), problemResponse(text[c])]));
};

const codeParam = { name: "code", in: "path", required: true, schema: str, description: "Study code" };
const subjectParam = { name: "subject", in: "path", required: true, schema: str, description: "Subject code (pseudonymous)" };
const pagingParams = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT } },
  { name: "cursor", in: "query", schema: str, description: "nextCursor of the previous page" },
];
const formParams = [
  codeParam,
  subjectParam,
  { name: "event", in: "path", required: true, schema: str, description: "Event name (GET /studies/{code}/events)" },
  { name: "form", in: "path", required: true, schema: str, description: "Form name" },
  { name: "repeat", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 1 } },
];
const read = [401, 404, 429];

export const OPENAPI_PATHS = {
  "/studies": { get: { operationId: "listStudies", summary: "Studies the caller sees", responses: { "200": ok(list(ref("Study"))), ...errors(400, 401, 429) } } },
  "/studies/{code}": { get: { operationId: "getStudy", parameters: [codeParam], responses: { "200": ok(ref("Study")), ...errors(...read) } } },
  "/studies/{code}/sites": { get: { operationId: "listSites", parameters: [codeParam], responses: { "200": ok(list(ref("Site"))), ...errors(...read) } } },
  "/studies/{code}/events": { get: { operationId: "listEvents", parameters: [codeParam], responses: { "200": ok(list(ref("Event"))), ...errors(...read) } } },
  "/studies/{code}/participants": {
    get: {
      operationId: "listParticipants",
      summary: "Participants in the caller's participant scope (viewers: none)",
      parameters: [codeParam, ...pagingParams],
      responses: { "200": ok(page(ref("ParticipantRow"))), ...errors(400, ...read) },
    },
  },
  "/studies/{code}/participants/{subject}": { get: { operationId: "getParticipant", parameters: [codeParam, subjectParam], responses: { "200": ok(ref("Participant")), ...errors(...read) } } },
  "/studies/{code}/participants/{subject}/forms": {
    get: { operationId: "getParticipantForms", summary: "The events × forms grid", parameters: [codeParam, subjectParam], responses: { "200": ok(ref("FormGrid")), ...errors(...read) } },
  },
  "/studies/{code}/participants/{subject}/events/{event}/forms/{form}": {
    get: { operationId: "getForm", parameters: formParams, responses: { "200": ok(ref("FormData")), ...errors(400, ...read) } },
    put: {
      operationId: "saveForm",
      summary: "Save form data (the form page's rules, reasons and audit; needs a read_write token)",
      parameters: formParams,
      requestBody: { required: true, content: { "application/json": { schema: ref("FormSave") } } },
      responses: { "200": ok(ref("FormSaved")), ...errors(400, 401, 403, 404, 409, 422, 429) },
    },
  },
  "/specimens": {
    get: {
      operationId: "listSpecimens",
      summary: "Specimens in the caller's biobank scope",
      parameters: [{ name: "study", in: "query", schema: str, description: "Only this study's specimens" }, ...pagingParams],
      responses: { "200": ok(page(ref("Specimen"))), ...errors(400, ...read) },
    },
  },
  "/specimens/{barcode}": {
    get: { operationId: "getSpecimen", parameters: [{ name: "barcode", in: "path", required: true, schema: str }], responses: { "200": ok(ref("Specimen")), ...errors(...read) } },
  },
} as const;

export function openApiDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "NCRC Network Portal API",
      version: "1.0.0",
      description:
        "Personal access tokens (account → API tokens) act with exactly their person's scope, optionally read-only and limited to some studies. " +
        `Token access levels: ${API_TOKEN_ACCESS.join(", ")}. Errors are application/problem+json (RFC 9457). Participants appear by subject code only.`,
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerToken: [] }],
    paths: OPENAPI_PATHS,
    components: {
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "ncrc_pat_… personal access token" } },
      schemas,
    },
  };
}
