/** Demo mode: the embedded database with the demo network, fixed demo secrets allowed. */
export function isDemoMode(): boolean {
  const v = process.env.DEMO_MODE;
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return !process.env.DATABASE_URL;
}

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
export const LOGIN_MAX_FAILURES_PER_IP = 30;

const DEMO_SECRET = "ncrc-demo-secret-not-for-production-use-000000";

/** next-auth's secret; outside demo mode a production start without one stops here. */
export function authSecret(): string {
  const s = process.env.NEXTAUTH_SECRET;
  if (s) return s;
  if (isDemoMode() || process.env.NODE_ENV !== "production") return DEMO_SECRET;
  throw new Error("NEXTAUTH_SECRET is not set. Set it to a long random string (e.g. `openssl rand -base64 32`) before starting the portal outside demo mode.");
}
