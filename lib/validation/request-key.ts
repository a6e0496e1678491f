import { z } from "zod";
import { typeMessage } from "@/lib/validation/field-info";

/**
 * A key the form mints once (on mount, and again after each success): the same request sent
 * twice — a double click, a retry, a re-sent POST — carries the same key, and the pipeline runs
 * the command once (lib/actions/request-keys.ts).
 */
export const requestKeyField = z.string({ error: typeMessage("validation.invalid") }).trim().regex(/^[A-Za-z0-9-]{16,64}$/, { message: "validation.invalid" });

/** For commands whose callers may leave the key out: without one, nothing is deduplicated. */
export const optionalRequestKeyField = requestKeyField.optional();

/** A fresh key: 128 random bits as hex. getRandomValues, unlike randomUUID, works on plain-HTTP intranet pages too. */
export function newRequestKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
