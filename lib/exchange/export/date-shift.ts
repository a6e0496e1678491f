import { createHmac } from "node:crypto";
import { pseudonymKey } from "@/lib/pseudonyms/key";
import { addDays } from "@/lib/time/network-day";

/** Shifts lie in ±1 … ±364 days: never zero (a shifted date must never be the true one), under a year. */
export const MAX_SHIFT_DAYS = 364;

/**
 * The stable secret offset of one participant, in days: an HMAC of the server's pseudonym key
 * (the secret already required outside demo mode, lib/pseudonyms/key.ts), under a label of its
 * own so that it tells nothing about the national-ID hashes, and the participant's id. The same
 * participant always gets the same offset, so intervals between their dates survive every
 * export; without the key nobody can undo it.
 */
export function dateShiftDays(participantId: number, key: string = pseudonymKey()): number {
  const mac = createHmac("sha256", key).update(`ncrc.export.date-shift\u0000${participantId}`).digest();
  const n = mac.readUInt32BE(0);
  const magnitude = (n % MAX_SHIFT_DAYS) + 1;
  return mac[4] & 1 ? magnitude : -magnitude;
}

const DAY = /^(\d{4}-\d{2}-\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})( \d{2}:\d{2}(?::\d{2})?)$/;

/** A stored day ("2025-01-03") or date-time ("2025-01-03 08:30[:15]") moved by `days`; anything else unchanged. */
export function shiftDateText(value: string, days: number): string {
  if (DAY.test(value)) return addDays(value, days);
  const m = DATE_TIME.exec(value);
  return m ? `${addDays(m[1], days)}${m[2]}` : value;
}
