import type { ParticipantSex } from "@/db/enums";

/**
 * Stratification levels that follow from recorded data are derived, never asked: asking them
 * again let a form say "female" and stratum SEX = M, and randomize as M.
 *
 * Which factors are derived is a convention on the protocol's codes (the protocol form writes
 * codes and names only):
 * - a factor coded SEX or GENDER whose levels include M (or MALE) and F (or FEMALE) takes the
 *   participant's recorded sex;
 * - a factor coded AGE or AGE_… (AGE_GROUP) whose every level code is an age band takes the
 *   age in completed years on the enrolment day, from the birth date in the national ID (the
 *   year of birth must agree with it). Bands, in whole years: LT65 (under 65), LE64, GE65,
 *   GT64, 18_64 (18 to 64 inclusive), 65_PLUS or 65PLUS; they must not overlap.
 * Any other factor — or one of these whose levels do not follow the convention — is asked.
 */
export type StratumRule = { from: "sex"; levelOf: Record<ParticipantSex, string> } | { from: "age"; bands: AgeBand[] };

export type AgeBand = { code: string; min: number; max: number };

type FactorShape = { code: string; levels: readonly { code: string }[] };

const SEX_FACTOR = /^(SEX|GENDER)$/;
const AGE_FACTOR = /^AGE(_[A-Z0-9_]+)?$/;
const SEX_LEVEL: Record<string, ParticipantSex> = { M: "male", MALE: "male", F: "female", FEMALE: "female" };

/** An age band from a level code (see above), or null when the code is not one. */
export function ageBand(code: string): AgeBand | null {
  const n = (s: string) => Number(s);
  let m: RegExpMatchArray | null;
  if ((m = code.match(/^LT(\d{1,3})$/))) return { code, min: 0, max: n(m[1]) - 1 };
  if ((m = code.match(/^LE(\d{1,3})$/))) return { code, min: 0, max: n(m[1]) };
  if ((m = code.match(/^GE(\d{1,3})$/))) return { code, min: n(m[1]), max: Infinity };
  if ((m = code.match(/^GT(\d{1,3})$/))) return { code, min: n(m[1]) + 1, max: Infinity };
  if ((m = code.match(/^(\d{1,3})_?PLUS$/))) return { code, min: n(m[1]), max: Infinity };
  if ((m = code.match(/^(\d{1,3})_(\d{1,3})$/))) return n(m[1]) <= n(m[2]) ? { code, min: n(m[1]), max: n(m[2]) } : null;
  return null;
}

/** How a factor's level is derived from recorded data, or null when the level is asked. */
export function stratumRule(factor: FactorShape): StratumRule | null {
  if (SEX_FACTOR.test(factor.code)) {
    const levelOf: Partial<Record<ParticipantSex, string>> = {};
    for (const l of factor.levels) {
      const sex = SEX_LEVEL[l.code];
      if (!sex) continue;
      if (levelOf[sex]) return null; // two levels for one sex (M and MALE): ambiguous, so asked
      levelOf[sex] = l.code;
    }
    return levelOf.male && levelOf.female ? { from: "sex", levelOf: { male: levelOf.male, female: levelOf.female } } : null;
  }
  if (AGE_FACTOR.test(factor.code) && factor.levels.length > 0) {
    const bands = factor.levels.map((l) => ageBand(l.code));
    if (bands.some((b) => b === null)) return null;
    const sorted = (bands as AgeBand[]).slice().sort((a, b) => a.min - b.min);
    for (let i = 1; i < sorted.length; i++) if (sorted[i].min <= sorted[i - 1].max) return null; // overlapping bands
    return { from: "age", bands: bands as AgeBand[] };
  }
  return null;
}

/** What a derived factor's level is computed from. */
export type RecordedFacts = { sex: ParticipantSex; age: number };

/** The level for the recorded facts; null when the age falls in none of the bands. */
export function deriveLevel(rule: StratumRule, facts: RecordedFacts): string | null {
  if (rule.from === "sex") return rule.levelOf[facts.sex];
  return rule.bands.find((b) => facts.age >= b.min && facts.age <= b.max)?.code ?? null;
}
