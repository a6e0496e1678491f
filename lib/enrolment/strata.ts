import { deriveLevel, stratumRule, type RecordedFacts, type StratumRule } from "@/lib/enrolment/derived-strata";
import type { ProtocolInForce } from "@/lib/enrolment/protocol";

/** Minimization's factor for the enrolling site (a stratum key names it "site"). */
export const SITE_FACTOR = "__site";

export type StrataOutcome =
  | { ok: true; strata: Record<string, string> }
  /** An asked factor without one of its levels, or a factor the protocol does not have. */
  | { ok: false; reason: "level"; factor: string }
  /** A level sent for a derived factor that is not the one the recorded data give. */
  | { ok: false; reason: "contradiction"; factor: string; from: StratumRule["from"]; given: string; derived: string }
  /** The age at enrolment falls in none of an age factor's bands. */
  | { ok: false; reason: "noLevel"; factor: string; age: number };

/**
 * The participant's level per stratification factor of the protocol in force: derived factors
 * (lib/enrolment/derived-strata.ts) from the recorded sex and age, the others from what the form
 * sent, each one of its factor's levels. A level sent for a derived factor must be the derived
 * one (the form does not send it; a crafted call that contradicts the record is refused).
 */
export function resolveStrata(
  factors: ProtocolInForce["factors"],
  factorCodes: readonly string[],
  levelCodes: readonly string[],
  recorded: RecordedFacts,
): StrataOutcome {
  const given = new Map(factorCodes.map((f, i) => [f, levelCodes[i] ?? ""]));
  const strata: Record<string, string> = {};
  for (const f of factors) {
    const sent = given.get(f.code) ?? "";
    const rule = stratumRule(f);
    if (rule) {
      const derived = deriveLevel(rule, recorded);
      if (derived === null) return { ok: false, reason: "noLevel", factor: f.code, age: recorded.age };
      if (sent !== "" && sent !== derived) return { ok: false, reason: "contradiction", factor: f.code, from: rule.from, given: sent, derived };
      strata[f.code] = derived;
      continue;
    }
    if (!f.levels.some((l) => l.code === sent)) return { ok: false, reason: "level", factor: f.code };
    strata[f.code] = sent;
  }
  for (const code of given.keys()) if (!factors.some((f) => f.code === code)) return { ok: false, reason: "level", factor: code };
  return { ok: true, strata };
}

/**
 * The factors minimization balances over: the study's factors, plus the site when the site is
 * a stratum (or alone when the study has no factors, so there is always something to balance).
 */
export function minimizationLevels(strata: Record<string, string>, siteId: number, siteIsStratum: boolean): Record<string, string> {
  const levels = { ...strata };
  if (siteIsStratum || Object.keys(levels).length === 0) levels[SITE_FACTOR] = String(siteId);
  return levels;
}
