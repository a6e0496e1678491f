import type { ParticipantSex } from "@/db/schema";
import { nationalIdFacts } from "@/lib/enrolment/national-id-facts";
import { testNationalId } from "@/lib/testing/participants";

/** Test person n: a valid national ID with the year of birth and sex it states (enrolment refuses a contradiction). */
export function testPerson(n: number): { nationalId: string; yearOfBirth: number; sex: ParticipantSex } {
  const nationalId = testNationalId(n);
  const { yearOfBirth, sex } = nationalIdFacts(nationalId);
  return { nationalId, yearOfBirth, sex };
}
