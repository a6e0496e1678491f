import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The official CDISC ODM 1.3.2 schema kept in the repository (data/odm/1.3.2/SOURCE.md). */
export const ODM_SCHEMA = path.resolve(import.meta.dirname, "../../data/odm/1.3.2/ODM1-3-2.xsd");

/**
 * Validates an ODM document with `xmllint --schema` against the official schema, offline
 * (--nonet: every import of the schema resolves to a file beside it). Returns xmllint's
 * messages; empty when the file validates. xmllint missing is an error, never a pass.
 */
export function xmllintErrors(xml: string, name = "odm"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "odm-"));
  const file = path.join(dir, `${name}.xml`);
  try {
    fs.writeFileSync(file, xml);
    const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", ODM_SCHEMA, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw new Error(`xmllint could not run (install libxml2-utils): ${r.error.message}`);
    if (r.status === 0 && /validates/.test(r.stderr)) return "";
    return (r.stderr || `xmllint exit ${r.status}`).slice(0, 4000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Collects a streamed file. */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}

/** The forms part of a metadata file (units, then FormDef … MethodDef): what an import brings into another study. */
export function formsPart(xml: string): string {
  const units = xml.slice(xml.indexOf("<BasicDefinitions"), xml.indexOf("</BasicDefinitions>"));
  return units + xml.slice(xml.indexOf("<FormDef "), xml.indexOf("</MetaDataVersion>"));
}
