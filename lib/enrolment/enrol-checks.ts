import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, participants, studySites, type ParticipantSex } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { localized } from "@/lib/i18n/localized";
import { translate } from "@/lib/i18n/translate";
import type { RecordedFacts } from "@/lib/enrolment/derived-strata";
import type { NationalIdFacts } from "@/lib/enrolment/national-id-facts";
import type { ProtocolInForce } from "@/lib/enrolment/protocol";
import type { StrataOutcome } from "@/lib/enrolment/strata";

/**
 * A request key already on a participant. The pipeline answers the same user's replay of the
 * same request before the handler runs (lib/actions/request-keys.ts), so a key found here was
 * sent by someone else or for another enrolment: a crafted call.
 */
export async function requestKeyTaken(tx: Db, requestKey: string): Promise<boolean> {
  const [row] = await tx.select({ id: participants.id }).from(participants).where(eq(participants.requestKey, requestKey)).limit(1);
  return Boolean(row);
}

/** The site (centre) that already has this person in this study, if any. */
export async function existingEnrolment(tx: Db, studyId: number, nationalIdHash: string) {
  const [row] = await tx
    .select({ centreCode: organisations.code, centreNameZh: organisations.nameZh, centreNameEn: organisations.nameEn })
    .from(participants)
    .innerJoin(studySites, eq(studySites.id, participants.siteId))
    .innerJoin(organisations, eq(organisations.id, studySites.centreId))
    .where(and(eq(participants.studyId, studyId), eq(participants.nationalIdHash, nationalIdHash)))
    .limit(1);
  return row ?? null;
}

const sexLabel = (locale: string, sex: ParticipantSex) => translate(locale, `enrolment.enrol.${sex}`);

/**
 * Recorded fields must agree with each other: the year of birth and the sex entered with what
 * the national ID states. A contradiction is refused with a message naming both fields (and an
 * error on each), before anything is written.
 */
export function checkAgainstNationalId(input: { yearOfBirth: number; sex: ParticipantSex }, fromId: NationalIdFacts, locale: string): void {
  if (input.yearOfBirth !== fromId.yearOfBirth) {
    const params = { given: input.yearOfBirth, fromId: fromId.yearOfBirth };
    throw new ActionError("enrolment.errors.yearOfBirthVsNationalId", params, {
      yearOfBirth: ["enrolment.validation.yearOfBirthVsNationalId"],
      nationalId: ["enrolment.validation.nationalIdVsYearOfBirth"],
    });
  }
  if (input.sex !== fromId.sex) {
    const params = { given: sexLabel(locale, input.sex), fromId: sexLabel(locale, fromId.sex) };
    throw new ActionError("enrolment.errors.sexVsNationalId", params, {
      sex: ["enrolment.validation.sexVsNationalId"],
      nationalId: ["enrolment.validation.nationalIdVsSex"],
    });
  }
}

/** The refusal for strata that could not be resolved, with the factor's and levels' names in the actor's language. */
export function strataRefusal(
  outcome: Exclude<StrataOutcome, { ok: true }>,
  factors: ProtocolInForce["factors"],
  recorded: RecordedFacts,
  locale: string,
): ActionError {
  const factor = factors.find((f) => f.code === outcome.factor);
  const factorName = factor ? localized(factor, locale) : outcome.factor;
  const levelName = (code: string) => {
    const l = factor?.levels.find((x) => x.code === code);
    return l ? localized(l, locale) : code;
  };
  const levelField = `level_${outcome.factor}`;
  if (outcome.reason === "level") return new ActionError("errors.validation", undefined, { [levelField]: ["enrolment.validation.level"] });
  if (outcome.reason === "noLevel") return new ActionError("enrolment.errors.ageFitsNoLevel", { age: outcome.age, factor: factorName });
  const params = { factor: factorName, level: levelName(outcome.given), derived: levelName(outcome.derived) };
  if (outcome.from === "sex") {
    return new ActionError("enrolment.errors.stratumVsSex", { ...params, sex: sexLabel(locale, recorded.sex) }, {
      sex: ["enrolment.validation.sexVsStratum"],
      [levelField]: ["enrolment.validation.stratumVsRecorded"],
    });
  }
  return new ActionError("enrolment.errors.stratumVsAge", { ...params, age: recorded.age }, {
    nationalId: ["enrolment.validation.nationalIdVsStratum"],
    [levelField]: ["enrolment.validation.stratumVsRecorded"],
  });
}
