import { afterEach, describe, expect, it, vi } from "vitest";
import { pseudonymKey } from "@/lib/pseudonyms/key";
import { authSecret, isDemoMode } from "@/lib/auth/config";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("secrets outside demo mode", () => {
  it("stops a production start without NEXTAUTH_SECRET or PSEUDONYM_KEY, with a clear message", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "0");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("PSEUDONYM_KEY", "");
    expect(() => authSecret()).toThrow(/NEXTAUTH_SECRET is not set/);
    expect(() => pseudonymKey()).toThrow(/PSEUDONYM_KEY is not set/);
  });

  it("uses the configured secrets when present", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "0");
    vi.stubEnv("NEXTAUTH_SECRET", "s3cret-value");
    vi.stubEnv("PSEUDONYM_KEY", "k3y-value");
    expect(authSecret()).toBe("s3cret-value");
    expect(pseudonymKey()).toBe("k3y-value");
  });

  it("is demo mode on the embedded database unless told otherwise", () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("DEMO_MODE", "");
    expect(isDemoMode()).toBe(true);
    vi.stubEnv("DATABASE_URL", "postgres://x@y/z");
    expect(isDemoMode()).toBe(false);
    vi.stubEnv("DEMO_MODE", "1");
    expect(isDemoMode()).toBe(true);
  });
});
