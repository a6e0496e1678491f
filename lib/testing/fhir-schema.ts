import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";

/** The official HL7 FHIR R4 JSON schema, vendored (data/fhir/r4/SOURCE.md says from where). */
export const FHIR_SCHEMA_PATH = path.resolve(import.meta.dirname, "../../data/fhir/r4/fhir.schema.json.gz");

let compiled: ValidateFunction | null = null;

/**
 * The schema compiled once per test file (it is 3.4 MB): ajv 8 with the draft-06 meta-schema
 * the schema declares; `strict: false` because it carries the non-standard `discriminator`.
 */
export function fhirValidator(): ValidateFunction {
  if (compiled) return compiled;
  const { id, ...schema } = JSON.parse(gunzipSync(fs.readFileSync(FHIR_SCHEMA_PATH)).toString("utf8")) as Record<string, unknown>;
  // The file names itself with draft-04's `id`; ajv 8 reads only `$id` (same meaning in draft-06).
  schema.$id = id;
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  ajv.addMetaSchema(draft06);
  compiled = ajv.compile(schema);
  return compiled;
}

/** The schema errors of a resource ([] when valid), in a form a failing test prints readably. */
export function fhirSchemaErrors(resource: unknown): string[] {
  const validate = fhirValidator();
  if (validate(resource)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}
