/** True when a database error (possibly wrapped by drizzle) is a unique-constraint violation. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const x = e as { code?: string; constraint?: string; cause?: unknown };
    if (x.code === "23505") return constraint ? x.constraint === constraint : true;
    e = x.cause;
  }
  return false;
}
