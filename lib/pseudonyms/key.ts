import { isDemoMode } from "@/lib/auth/config";

const DEMO_PSEUDONYM_KEY = "ncrc-demo-pseudonym-key-not-for-production";

/** The HMAC key for national-ID hashes. Outside demo mode a production start without it stops. */
export function pseudonymKey(): string {
  const k = process.env.PSEUDONYM_KEY;
  if (k) return k;
  if (isDemoMode() || process.env.NODE_ENV !== "production") return DEMO_PSEUDONYM_KEY;
  throw new Error("PSEUDONYM_KEY is not set. Set it to a long random secret before starting the portal outside demo mode; changing it later breaks duplicate detection.");
}
