import type { Db, DbKind } from "@/db/client";
import { checkpointPolicy } from "@/lib/audit/checkpoints";
import { auditRoleProblem } from "@/lib/audit/role-check";
import { auditSigner, verificationKeys } from "@/lib/audit/signing-key";
import { authSecret, isDemoMode } from "@/lib/auth/config";
import { proxyTrust, socketStampActive } from "@/lib/http/client-address";
import { pseudonymKey } from "@/lib/pseudonyms/key";

/**
 * Every security setting, checked when the server starts (seed/startup.ts): outside demo mode a
 * production start with one missing or malformed stops with all the reasons at once, instead
 * of a portal that fails later, or quietly runs with a demo secret. Malformed settings stop
 * every start, demo or not.
 */

const production = () => process.env.NODE_ENV === "production";

function attempt(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** What is wrong with the environment, one sentence each; empty when the portal may start. */
export function securitySettingsProblems(): string[] {
  const problems = [
    attempt(authSecret),
    attempt(pseudonymKey),
    attempt(auditSigner),
    attempt(verificationKeys),
    attempt(checkpointPolicy),
    attempt(() => proxyTrust()),
  ];
  if (production() && !isDemoMode() && !socketStampActive()) {
    problems.push(
      "The portal was started without its own server (`next start` instead of `npm start` / `node scripts/serve.mjs`). `next start` passes on whatever X-Forwarded-For a client sends, so the sign-in limits and the audit trail could not tell clients apart.",
    );
  }
  return problems.filter((p): p is string => p !== null);
}

/** Throws every problem of securitySettingsProblems() at once. */
export function checkSecuritySettings(): void {
  const problems = securitySettingsProblems();
  if (problems.length > 0) throw new Error(problems.join("\n  "));
}

/**
 * On PostgreSQL, outside demo mode, in production: the app must connect as a role that may only
 * INSERT and SELECT the audit trail, with migrations run by the owner (db/roles.ts).
 */
export async function checkDatabaseRole(db: Db, kind: DbKind): Promise<void> {
  if (kind !== "postgres" || !production() || isDemoMode()) return;
  const role = await auditRoleProblem(db);
  if (role) {
    throw new Error(
      `DATABASE_URL connects as a role that could rewrite the audit trail: ${role}. Connect as a role that may only read and append to it, and let the schema's owner run the migrations through DATABASE_OWNER_URL (README, "Database roles").`,
    );
  }
}
