import { intBetween, pick, seededRandom } from "@/lib/random/seeded";
import { addDays } from "@/lib/time/network-day";
import { BIOCHEMISTRY, COHORT_STUDIES, HAEMATOLOGY, TARGET_LESIONS } from "@/seed/crf-forms-data";

/**
 * The demo's answers, form by form, as a site would type them (text; the rules of
 * lib/crf/entry then normalise them, compute the calculations and find the soft-limit
 * breaches). Every number comes from seeded generators keyed by participant and visit, so the
 * same rows come out on every run and engine.
 */

export type Raw = Record<string, unknown>;
/** What a participant is, as the forms need it: fixed from the seed's participant row. */
export type Person = { id: number; sex: "female" | "male"; age: number; studyCode: string; enrolledOn: string };
/** A recorded visit of the follow-up step, with its assessment (ECOG, weight, response: the visit_assessment form). */
export type Visit = { id: number; code: string; day: string; ecog: number | null; weight: number | null; response: string | null };

const fixed = (n: number, dp: number) => n.toFixed(dp);

/** Per participant, the traits that stay the same over visits: height, base dose, baseline lesions. */
function traits(p: Person) {
  const r = seededRandom(p.id * 7919 + 17);
  const height = p.sex === "male" ? intBetween(r, 160, 185) : intBetween(r, 150, 172);
  const n = pick(r, [1, 1, 2, 2, 2, 3, 3, 4, 5]);
  const lesions = Array.from({ length: Math.min(n, TARGET_LESIONS) }, () => {
    const site = pick(r, ["1", "1", "2", "3", "3", "4", "5", "6", "9"]);
    return { site, diam: site === "3" ? intBetween(r, 15, 40) : intBetween(r, 12, 80) };
  });
  return { r, height, dose: 50 * intBetween(r, 2, 8), lesions, smoker: r() };
}

const PRIMARY_OF: [RegExp, string][] = [
  [/^LC-/, "1"],
  [/^GC-/, "2"],
  [/^CRC-/, "3"],
  [/^BC-/, "4"],
  [/^HCC-/, "5"],
  [/^EC-/, "6"],
  [/^NPC-/, "7"],
  [/^PDAC-/, "8"],
];

/** The visit assessment form (lib/crf/visit-assessment.ts): the visit's date and its ECOG, weight and response. */
export function visitAssessment(v: Visit): Raw {
  return {
    visit_date: v.day,
    ...(v.ecog !== null ? { ecog: String(v.ecog) } : {}),
    ...(v.weight !== null ? { weight_kg: fixed(v.weight, 1) } : {}),
    ...(v.response !== null ? { recist: v.response } : {}),
  };
}

export function demographics(p: Person, v: Visit): Raw {
  const t = traits(p);
  const r = seededRandom(v.id * 31 + 1);
  const cohort = COHORT_STUDIES.includes(p.studyCode);
  const primary = PRIMARY_OF.find(([re]) => re.test(p.studyCode))?.[1] ?? "9";
  const smoking = p.sex === "male" ? (t.smoker < 0.35 ? "1" : t.smoker < 0.7 ? "2" : "3") : t.smoker < 0.85 ? "1" : "2";
  const childbearing = p.sex === "female" ? (p.age < 50 && r() < 0.6 ? "1" : "0") : undefined;
  return {
    dm_date: v.day,
    age: String(p.age),
    sex: p.sex === "female" ? "0" : "1",
    ...(childbearing !== undefined ? { childbearing } : {}),
    ...(childbearing === "1" ? { pregnancy_test: r() < 0.9 ? "0" : "2" } : {}),
    ethnicity: r() < 0.92 ? "1" : "2",
    weight: fixed(v.weight ?? (p.sex === "male" ? 55 : 45) + r() * 30, 1),
    height: String(t.height),
    baseline_ecog: String(v.ecog ?? 1),
    smoking,
    ...(smoking !== "1" ? { pack_years: fixed(5 + r() * 40, 1) } : {}),
    // A screening cohort's participants have no cancer diagnosis to record.
    ...(cohort
      ? {}
      : {
          diagnosis_date: addDays(p.enrolledOn, -intBetween(r, 14, 120)),
          primary_site: primary,
          ...(primary === "9" ? { primary_other: "见病理报告" } : {}),
          stage: r() < 0.3 ? "3" : r() < 0.85 ? "4" : "2",
        }),
  };
}

const CONDITION_RATES: [string, number][] = [
  ["mh_hypertension", 0.25],
  ["mh_diabetes", 0.12],
  ["mh_cardiac", 0.08],
  ["mh_hepatitis_b", 0.07],
  ["mh_copd", 0.06],
];

export function medicalHistory(p: Person, v: Visit): Raw {
  const r = seededRandom(v.id * 31 + 2);
  const out: Raw = {};
  for (const [name, rate] of CONDITION_RATES) {
    const x = r();
    out[name] = x < rate ? "1" : x > 0.97 ? "9" : "0";
  }
  out.mh_other = r() < 0.1 ? "1" : "0";
  if (out.mh_other === "1") out.mh_other_spec = pick(r, ["慢性胃炎", "甲状腺功能减退", "痛风"]);
  out.prior_surgery = r() < 0.45 ? "1" : "0";
  out.prior_chemo = r() < 0.4 ? "1" : "0";
  if (out.prior_chemo === "1") out.prior_lines = String(intBetween(r, 1, 3));
  out.prior_radio = r() < 0.2 ? "1" : "0";
  out.allergies = r() < 0.85 ? "无" : pick(r, ["青霉素过敏", "碘造影剂过敏", "磺胺类过敏"]);
  return out;
}

const SHRINK: Record<string, [number, number]> = { CR: [0, 0], PR: [0.5, 0.68], SD: [0.85, 1.1], PD: [1.22, 1.5], NE: [0.9, 1.1] };

/** RECIST 1.1 assessment: baseline lesions, then their diameters following the visit's recorded response. */
export function tumourAssessment(p: Person, v: Visit, missing: Record<string, string>): Raw {
  const t = traits(p);
  const r = seededRandom(v.id * 31 + 3);
  const baseline = v.code === "BL";
  const response = baseline ? null : (v.response ?? "SD");
  const [lo, hi] = response ? SHRINK[response] : [1, 1];
  const lesions = t.lesions.map((l, i) => {
    if (response === "NE" && i === 0) {
      missing[`lesions.${i + 1}.tl_diam`] = "ND";
      return { tl_site: l.site };
    }
    // A node that has responded completely is still measured (short axis under 10 mm).
    const d = response === "CR" ? (l.site === "3" ? intBetween(r, 4, 9) : 0) : Math.round(l.diam * (lo + (hi - lo) * r()));
    return { tl_site: l.site, tl_diam: String(d) };
  });
  const out: Raw = {
    ta_date: addDays(v.day, -intBetween(r, 0, 3)),
    ta_method: r() < 0.85 ? "1" : r() < 0.7 ? "2" : "3",
    lesions,
    ntl_status: response === "CR" ? "2" : response === "PD" && r() < 0.4 ? "3" : r() < 0.3 ? "4" : "1",
    new_lesions: response === "PD" && r() < 0.5 ? "1" : "0",
  };
  if (response) out.overall_response = response;
  return out;
}

type Lab = (typeof HAEMATOLOGY)[number];

/**
 * Laboratory values inside the normal range, except that about one form in twelve has one value
 * outside it (a soft-limit breach: the rules find it and the seed raises its query), most
 * often a low neutrophil count after chemotherapy; about one value in a hundred is not done.
 */
function labs(labsOf: readonly Lab[], dateItem: string, v: Visit, salt: number, missing: Record<string, string>): Raw {
  const r = seededRandom(v.id * 31 + salt);
  const out: Raw = { [dateItem]: v.day };
  const breach = r() < 1 / 12 ? (salt === 4 && r() < 0.5 ? "anc" : pick(r, labsOf).name) : null;
  for (const l of labsOf) {
    const [min, max] = l.soft;
    let x = min + (max - min) * (0.1 + 0.8 * r());
    const span = max - min;
    if (l.name === breach) x = min > 0 && (l.name === "anc" || r() < 0.6) ? Math.max(l.hard[0], min - span * (0.05 + 0.3 * r())) : max + span * (0.1 + 0.6 * r());
    else if (r() < 0.01) {
      missing[l.name] = "ND";
      continue;
    }
    out[l.name] = fixed(Math.min(x, l.hard[1]), l.dp);
  }
  return out;
}

export const haematology = (v: Visit, missing: Record<string, string>) => labs(HAEMATOLOGY, "haem_date", v, 4, missing);
export const biochemistry = (v: Visit, missing: Record<string, string>) => labs(BIOCHEMISTRY, "chem_date", v, 5, missing);

export function treatment(p: Person, v: Visit): Raw {
  const t = traits(p);
  const r = seededRandom(v.id * 31 + 6);
  if (r() < 0.08) return { tx_date: v.day, tx_given: "0", tx_not_given: pick(r, ["1", "1", "2", "3", "9"]) };
  const weight = v.weight ?? 60;
  const bsa = Math.sqrt((t.height * weight) / 3600); // Mosteller
  const modified = r() < 0.8 ? "0" : pick(r, ["1", "1", "2", "3"]);
  const dose = modified === "1" ? t.dose * 0.8 : t.dose;
  return {
    tx_date: v.day,
    tx_given: "1",
    tx_dose: fixed(dose, 1),
    tx_bsa: fixed(bsa, 2),
    tx_modified: modified,
    ...(modified !== "0" ? { tx_mod_reason: pick(r, ["中性粒细胞减少", "血小板减少", "乏力", "肝功能异常"]) } : {}),
  };
}

const MEDICATIONS: [name: string, indication: string, dose: string, unit: string, route: string, freq: string][] = [
  ["昂丹司琼 Ondansetron", "止吐", "8", "mg", "iv", "bid"],
  ["地塞米松 Dexamethasone", "预防过敏反应", "5", "mg", "iv", "once"],
  ["奥美拉唑 Omeprazole", "保护胃黏膜", "20", "mg", "po", "qd"],
  ["氨氯地平 Amlodipine", "高血压", "5", "mg", "po", "qd"],
  ["二甲双胍 Metformin", "2 型糖尿病", "500", "mg", "po", "bid"],
  ["对乙酰氨基酚 Paracetamol", "疼痛", "500", "mg", "po", "prn"],
  ["重组人粒细胞刺激因子 Filgrastim", "中性粒细胞减少", "300", "ug", "sc", "qd"],
  ["恩替卡韦 Entecavir", "乙型肝炎预防再激活", "0.5", "mg", "po", "qd"],
];

/** The n-th concomitant medication of a participant (a row of the study-wide log), and the day it was entered from. */
export function conmed(p: Person, n: number, today: string): { raw: Raw; start: string } {
  const r = seededRandom(p.id * 131 + n);
  const [name, indication, dose, unit, route, freq] = pick(r, MEDICATIONS);
  let start = addDays(p.enrolledOn, intBetween(r, -30, 90));
  if (start > today) start = addDays(today, -intBetween(r, 1, 10));
  const ongoing = r() < 0.6;
  let stop = addDays(start, intBetween(r, 3, 40));
  if (stop >= today) stop = addDays(today, -1);
  return {
    start,
    raw: { cm_name: name, cm_indication: indication, cm_dose: dose, cm_unit: unit, cm_route: route, cm_freq: freq, cm_start: start, cm_ongoing: ongoing || stop < start ? "1" : "0", ...(!ongoing && stop >= start ? { cm_stop: stop } : {}) },
  };
}

const EOS_REASON: Record<string, string> = { consent_withdrawn: "1", adverse_event: "3", death: "4", lost_to_follow_up: "5", investigator_decision: "6", protocol_deviation: "6", other: "9" };

/** End of study: early termination for a withdrawn participant (the withdrawal's reason), completion otherwise. */
export function endOfStudy(day: string, withdrawal: string | null, lastContact: string): Raw {
  if (withdrawal === null) return { eos_date: day, eos_completed: "1", eos_last_contact: lastContact };
  const reason = EOS_REASON[withdrawal] ?? "9";
  return { eos_date: day, eos_completed: "0", eos_reason: reason, ...(reason === "4" ? { eos_death_date: day } : {}), eos_last_contact: lastContact };
}
