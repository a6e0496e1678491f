import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { isDemoMode } from "@/lib/auth/config";

/**
 * The key that signs audit checkpoints (Ed25519, node:crypto). It lives in the server's
 * environment, never in the database: whoever owns the database can rewrite the trail and
 * recompute its hashes, but cannot sign the result.
 *
 * AUDIT_SIGNING_KEY: an Ed25519 private key, PKCS#8, as PEM or as the base64 of its DER form
 * (`npm run audit:anchor -- --new-key` prints one). In demo mode (and in development and tests)
 * a fixed demo key stands in when it is not set; a production start outside demo mode without
 * it stops (lib/auth/security-settings.ts), and so does one that uses the demo key.
 *
 * AUDIT_VERIFY_KEYS: further public keys (SPKI, PEM or base64 DER, separated by commas or
 * spaces) that `audit:verify` accepts, e.g. a key retired after rotation.
 */

export type AuditSigner = { keyId: string; publicKey: string; demo: boolean; sign: (payload: string) => string };

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const DEMO_SEED = createHash("sha256").update("ncrc-demo-audit-signing-key (public, for demo mode only)").digest();

function demoPrivateKey(): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, DEMO_SEED]), format: "der", type: "pkcs8" });
}

function publicHalf(key: KeyObject): KeyObject {
  return key.type === "public" ? key : createPublicKey(key);
}

/** Base64 of the public key's SPKI DER form: what operators record and AUDIT_VERIFY_KEYS takes. */
export function publicKeyText(key: KeyObject): string {
  return publicHalf(key).export({ format: "der", type: "spki" }).toString("base64");
}

/** A short, stable name for a key pair: the first 16 hex digits of SHA-256 over the public key's SPKI form. */
export function keyIdOf(key: KeyObject): string {
  const spki = publicHalf(key).export({ format: "der", type: "spki" });
  return createHash("sha256").update(spki).digest("hex").slice(0, 16);
}

export const DEMO_KEY_ID = keyIdOf(demoPrivateKey());

/** The demo key may sign where the other demo secrets may be used (same rule as NEXTAUTH_SECRET). */
export function demoKeyAllowed(): boolean {
  return isDemoMode() || process.env.NODE_ENV !== "production";
}

function pemBody(text: string): string {
  // Environment files often carry a PEM on one line with literal "\n".
  return text.replace(/\\n/g, "\n").trim();
}

/** Parses AUDIT_SIGNING_KEY; throws a message that says what is wrong with it. */
export function parseSigningKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const body = pemBody(text);
    key = body.includes("-----BEGIN")
      ? createPrivateKey(body)
      : createPrivateKey({ key: Buffer.from(body.replace(/\s+/g, ""), "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new Error("AUDIT_SIGNING_KEY is not a private key: give an Ed25519 key in PKCS#8 form, as PEM or base64 (`npm run audit:anchor -- --new-key` prints one).");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`AUDIT_SIGNING_KEY is a ${key.asymmetricKeyType ?? "unknown"} key: it must be an Ed25519 key.`);
  }
  return key;
}

function signerFor(key: KeyObject, demo: boolean): AuditSigner {
  return {
    keyId: keyIdOf(key),
    publicKey: publicKeyText(key),
    demo,
    sign: (payload) => sign(null, Buffer.from(payload, "utf8"), key).toString("base64"),
  };
}

let cached: { text: string; signer: AuditSigner } | null = null;

/**
 * The checkpoint signer of this process. Throws, with what to do, when there is no key outside
 * demo mode or when the demo key is configured there.
 */
export function auditSigner(): AuditSigner {
  const text = process.env.AUDIT_SIGNING_KEY?.trim() ?? "";
  if (cached?.text === text) {
    if (cached.signer.demo && !demoKeyAllowed()) throw demoRefusal(text);
    return cached.signer;
  }
  let signer: AuditSigner;
  if (text) {
    const key = parseSigningKey(text);
    signer = signerFor(key, keyIdOf(key) === DEMO_KEY_ID);
  } else {
    signer = signerFor(demoPrivateKey(), true);
  }
  if (signer.demo && !demoKeyAllowed()) throw demoRefusal(text);
  cached = { text, signer };
  return signer;
}

function demoRefusal(text: string): Error {
  return new Error(
    text
      ? "AUDIT_SIGNING_KEY is the public demo key. Outside demo mode set your own key (`npm run audit:anchor -- --new-key` prints one)."
      : "AUDIT_SIGNING_KEY is not set. Outside demo mode the audit checkpoints must be signed with your own Ed25519 key (`npm run audit:anchor -- --new-key` prints one); keep it out of the database and its backups.",
  );
}

function parsePublicKeys(text: string): KeyObject[] {
  const body = pemBody(text);
  const keys: KeyObject[] = [];
  const pems = body.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
  for (const pem of pems) keys.push(createPublicKey(pem));
  const rest = pems.reduce((acc, pem) => acc.replace(pem, " "), body);
  for (const token of rest.split(/[\s,]+/).filter(Boolean)) {
    try {
      keys.push(createPublicKey({ key: Buffer.from(token, "base64"), format: "der", type: "spki" }));
    } catch {
      throw new Error(`AUDIT_VERIFY_KEYS: "${token.slice(0, 24)}…" is not a public key (base64 SPKI or PEM).`);
    }
  }
  for (const k of keys) if (k.asymmetricKeyType !== "ed25519") throw new Error("AUDIT_VERIFY_KEYS: only Ed25519 public keys are accepted.");
  return keys;
}

/**
 * The public keys a verifier accepts, by key id: the signing key's, AUDIT_VERIFY_KEYS, and the
 * demo key only where the demo key may sign. A checkpoint signed by any other key is reported.
 */
export function verificationKeys(): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  const text = process.env.AUDIT_SIGNING_KEY?.trim();
  if (text) {
    const k = createPublicKey(parseSigningKey(text));
    if (keyIdOf(k) !== DEMO_KEY_ID || demoKeyAllowed()) out.set(keyIdOf(k), k);
  }
  const extra = process.env.AUDIT_VERIFY_KEYS?.trim();
  if (extra) for (const k of parsePublicKeys(extra)) out.set(keyIdOf(k), k);
  if (demoKeyAllowed()) out.set(DEMO_KEY_ID, createPublicKey(demoPrivateKey()));
  return out;
}

export function verifySignature(keys: Map<string, KeyObject>, keyId: string, payload: string, signature: string): "valid" | "invalid" | "unknown-key" {
  const key = keys.get(keyId);
  if (!key) return "unknown-key";
  try {
    return verify(null, Buffer.from(payload, "utf8"), key, Buffer.from(signature, "base64")) ? "valid" : "invalid";
  } catch {
    return "invalid";
  }
}
