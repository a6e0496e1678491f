import { vi } from "vitest";

// Tests choose who is signed in (lib/testing/session.ts) instead of a next-auth cookie.
vi.mock("@/lib/auth/session-token", () => ({
  getSessionId: async () => (globalThis as { __testSessionId?: string | null }).__testSessionId ?? null,
}));
