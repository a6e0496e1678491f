import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkSecuritySettings, securitySettingsProblems } from "@/lib/auth/security-settings";
import { auditSigner, DEMO_KEY_ID, parseSigningKey, verificationKeys } from "@/lib/audit/signing-key";
import { SOCKET_TOKEN_ENV } from "@/lib/http/portal-server.mjs";

afterEach(() => {
  vi.unstubAllEnvs();
});

function ed25519() {
  const { privateKey } = generateKeyPairSync("ed25519");
  return {
    pem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    b64: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
  };
}

/** A production start outside demo mode with every setting present. */
function production(overrides: Record<string, string> = {}) {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("DEMO_MODE", "0");
  vi.stubEnv("DATABASE_URL", "postgres://app@db/ncrc");
  vi.stubEnv("NEXTAUTH_SECRET", "s3cret-value-long-enough");
  vi.stubEnv("PSEUDONYM_KEY", "k3y-value");
  vi.stubEnv("AUDIT_SIGNING_KEY", ed25519().b64);
  vi.stubEnv(SOCKET_TOKEN_ENV, "stamp-token");
  vi.stubEnv("TRUSTED_PROXIES", "");
  vi.stubEnv("TRUSTED_PROXY_HOPS", "");
  vi.stubEnv("AUDIT_VERIFY_KEYS", "");
  for (const [k, v] of Object.entries(overrides)) vi.stubEnv(k, v);
}

describe("a production start outside demo mode", () => {
  it("starts with every setting present", () => {
    production();
    expect(securitySettingsProblems()).toEqual([]);
    expect(() => checkSecuritySettings()).not.toThrow();
  });

  it("refuses without NEXTAUTH_SECRET, PSEUDONYM_KEY or AUDIT_SIGNING_KEY, naming each", () => {
    production({ NEXTAUTH_SECRET: "", PSEUDONYM_KEY: "", AUDIT_SIGNING_KEY: "" });
    const problems = securitySettingsProblems();
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/NEXTAUTH_SECRET is not set/);
    expect(problems[1]).toMatch(/PSEUDONYM_KEY is not set/);
    expect(problems[2]).toMatch(/AUDIT_SIGNING_KEY is not set/);
    expect(() => checkSecuritySettings()).toThrow(/NEXTAUTH_SECRET[\s\S]*PSEUDONYM_KEY[\s\S]*AUDIT_SIGNING_KEY/);
  });

  it("refuses the public demo signing key, and a key that is not Ed25519", () => {
    vi.stubEnv("NODE_ENV", "test");
    const demo = auditSigner();
    expect(demo).toMatchObject({ demo: true, keyId: DEMO_KEY_ID });
    production({ AUDIT_SIGNING_KEY: "" });
    expect(() => auditSigner()).toThrow(/AUDIT_SIGNING_KEY is not set/);
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    production({ AUDIT_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString() });
    expect(securitySettingsProblems().join()).toMatch(/AUDIT_SIGNING_KEY is a ec key: it must be an Ed25519 key/);
    production({ AUDIT_SIGNING_KEY: "not a key" });
    expect(securitySettingsProblems().join()).toMatch(/AUDIT_SIGNING_KEY is not a private key/);
  });

  it("refuses a malformed TRUSTED_PROXIES or both proxy settings at once", () => {
    production({ TRUSTED_PROXIES: "10.0.0.0/8, proxy.local" });
    expect(securitySettingsProblems().join()).toMatch(/"proxy.local" is not an IP address/);
    production({ TRUSTED_PROXIES: "10.0.0.1", TRUSTED_PROXY_HOPS: "1" });
    expect(securitySettingsProblems().join()).toMatch(/both set/);
  });

  it("refuses a bare `next start`, which cannot tell clients apart", () => {
    production({ [SOCKET_TOKEN_ENV]: "" });
    expect(securitySettingsProblems().join()).toMatch(/without its own server \(`next start`/);
  });
});

describe("the signing key", () => {
  it("is read as PEM (also with escaped newlines) or as base64 DER, with the same key id", () => {
    vi.stubEnv("NODE_ENV", "test");
    const k = ed25519();
    const fromPem = parseSigningKey(k.pem);
    const fromEscaped = parseSigningKey(k.pem.replace(/\n/g, "\\n"));
    const fromB64 = parseSigningKey(k.b64);
    expect(fromPem.equals(fromB64)).toBe(true);
    expect(fromEscaped.equals(fromB64)).toBe(true);
  });

  it("verifies with the signing key's public half, AUDIT_VERIFY_KEYS, and the demo key only where it may sign", () => {
    const retired = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" }).toString("base64");
    production({ AUDIT_VERIFY_KEYS: retired });
    const keys = verificationKeys();
    expect(keys.size).toBe(2);
    expect(keys.has(DEMO_KEY_ID)).toBe(false);
    vi.stubEnv("NODE_ENV", "test");
    expect(verificationKeys().has(DEMO_KEY_ID)).toBe(true);
    production({ AUDIT_VERIFY_KEYS: "zzz" });
    expect(securitySettingsProblems().join()).toMatch(/AUDIT_VERIFY_KEYS/);
  });
});

describe("demo mode", () => {
  it("starts without any secret (the demo ones stand in), but still refuses malformed settings", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "1");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("PSEUDONYM_KEY", "");
    vi.stubEnv("AUDIT_SIGNING_KEY", "");
    vi.stubEnv(SOCKET_TOKEN_ENV, "");
    vi.stubEnv("TRUSTED_PROXIES", "");
    vi.stubEnv("TRUSTED_PROXY_HOPS", "");
    expect(securitySettingsProblems()).toEqual([]);
    vi.stubEnv("AUDIT_CHECKPOINT_EVERY", "0");
    expect(securitySettingsProblems().join()).toMatch(/AUDIT_CHECKPOINT_EVERY must be a whole number/);
  });
});
