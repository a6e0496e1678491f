import type { ProtocolInForce } from "@/lib/enrolment/protocol";

/** Minimization's factor for the enrolling site (a stratum key names it "site"). */
export const SITE_FACTOR = "__site";

/**
 * The participant's level per stratification factor, checked against the protocol in force:
 * every factor answered with one of its levels. Returns the bad factor code on failure.
 */
export function checkStrata(
  factors: ProtocolInForce["factors"],
  factorCodes: readonly string[],
  levelCodes: readonly string[],
): { ok: true; strata: Record<string, string> } | { ok: false; factor: string } {
  const given = new Map(factorCodes.map((f, i) => [f, levelCodes[i] ?? ""]));
  const strata: Record<string, string> = {};
  for (const f of factors) {
    const level = given.get(f.code) ?? "";
    if (!f.levels.some((l) => l.code === level)) return { ok: false, factor: f.code };
    strata[f.code] = level;
  }
  for (const code of given.keys()) if (!factors.some((f) => f.code === code)) return { ok: false, factor: code };
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
