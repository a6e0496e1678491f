import type { ParticipantSex } from "@/db/enums";

/** What a resident ID states about its holder. */
export type NationalIdFacts = { birthDate: string; yearOfBirth: number; sex: ParticipantSex };

/**
 * The birth date (digits 7–14, YYYYMMDD) and sex (digit 17: odd = male, even = female) of a
 * normalized 18-character resident ID (GB 11643-1999; lib/pseudonyms/national-id.ts normalizes
 * and checks it, legacy 15-digit numbers included).
 */
export function nationalIdFacts(normalized: string): NationalIdFacts {
  if (!/^[1-9]\d{16}[\dX]$/.test(normalized)) throw new RangeError("nationalIdFacts expects a normalized 18-character ID");
  const birth = normalized.slice(6, 14);
  return {
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    yearOfBirth: Number(birth.slice(0, 4)),
    sex: Number(normalized[16]) % 2 === 1 ? "male" : "female",
  };
}

/** Age in completed years on a day (both YYYY-MM-DD): one more on each birthday. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
