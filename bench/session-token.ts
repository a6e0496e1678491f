/**
 * lib/auth/session-token.ts for the benchmarks that run commands (bench/tsconfig.json maps it
 * here): the session chosen by lib/testing/run-command.ts, as lib/testing/setup.ts does for the
 * tests, instead of a next-auth cookie that a benchmark has no request for.
 */
export async function getSessionId(): Promise<string | null> {
  return (globalThis as { __testSessionId?: string | null }).__testSessionId ?? null;
}
