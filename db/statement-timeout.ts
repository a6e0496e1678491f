/**
 * How long an interactive read (one the portal serves) may take before its caller is answered
 * with an error. Scripts (seed, audit:verify, benchmarks) have no limit unless they set one.
 *
 * PGlite accepts `SET statement_timeout` but never fires it: PostgreSQL's timers need signals,
 * and the single-threaded WebAssembly build runs a query to its end without ever looking
 * (measured: a 7 s query under statement_timeout = 500 ms ran the full 7 s). So the embedded
 * database times reads out on the caller's side (db/worker-client.ts): the caller is rejected
 * with a DatabaseTimeoutError after the limit, while the database thread finishes the statement
 * (nothing can interrupt it) and drops any read whose caller gave up before it started.
 * DB_STATEMENT_TIMEOUT_MS sets the limit; 0 turns it off.
 */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

export function statementTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DB_STATEMENT_TIMEOUT_MS;
  if (raw === undefined || raw === "") return env.NEXT_RUNTIME ? DEFAULT_STATEMENT_TIMEOUT_MS : 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`DB_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds (0 = no limit), not "${raw}"`);
  return n;
}

/** The message key (messages/<locale>/common.json) to show a user whose read timed out. */
export const STATEMENT_TIMEOUT_MESSAGE_KEY = "errors.databaseTimeout";

export class DatabaseTimeoutError extends Error {
  readonly key = STATEMENT_TIMEOUT_MESSAGE_KEY;
  readonly code = "ncrc_statement_timeout";
  constructor(
    readonly timeoutMs: number,
    readonly statement: string,
  ) {
    super(
      `The database did not answer this read within ${timeoutMs / 1000} s, so it was abandoned ` +
        `(DB_STATEMENT_TIMEOUT_MS). Narrow the request (a shorter period, a smaller part of the network) or try again. ` +
        `Statement: ${statement.replace(/\s+/g, " ").slice(0, 160)}`,
    );
    this.name = "DatabaseTimeoutError";
  }
}

/** True when an error (possibly wrapped by drizzle) is a read that ran out of time. */
export function isStatementTimeout(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e instanceof DatabaseTimeoutError) return true;
    if ((e as { code?: string }).code === "57014") return true; // PostgreSQL: query_canceled
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const READ_START = /^[\s(]*(select|with|table|values|explain|show)\b/i;
const WRITES = /\b(insert|update|delete|merge|lock|nextval|setval|pg_advisory\w*)\b/i;

/**
 * Only reads are timed out. A write abandoned by its caller would still commit after the caller
 * was told it failed; writes inside a transaction are safe anyway (the abandoned caller rolls
 * back), but a bulk import may legitimately take long. Anything that might write counts as a
 * write (a `select … for update`, a `with … insert`, a sequence call): the safe side.
 */
export function isReadStatement(statement: string): boolean {
  return READ_START.test(statement) && !WRITES.test(statement);
}
