import type { CrfItemType, CrfMissingCode, CrfValidationType } from "@/db/enums";
import type { Bilingual, ChoiceDef, FormDef, ItemDef } from "@/lib/crf/design";
import type { GroupDef } from "@/lib/crf/entry/types";

/**
 * The demo studies' case report forms, bilingual, as designs (lib/crf/design.ts FormDef). The
 * seed checks them with the dictionary import's rules before writing them (seed/crf.ts), so a
 * design here that a PI could not import is a seed failure. Normal ranges are the soft limits
 * (Chinese adult reference intervals, WS/T 404 and WS/T 405), hard limits refuse the impossible.
 */

type Opts = Partial<Omit<ItemDef, "name" | "type" | "label" | "choices">> & { choices?: ChoiceDef[] };

function item(name: string, type: CrfItemType, zh: string, en: string, o: Opts = {}): ItemDef {
  return {
    name,
    type,
    validation: o.validation ?? defaultValidation(type),
    section: o.section ?? null,
    label: { zh, en },
    note: o.note ?? null,
    unit: o.unit ?? null,
    decimalPlaces: o.decimalPlaces ?? null,
    required: o.required ?? false,
    identifier: false,
    hardMin: o.hardMin ?? null,
    hardMax: o.hardMax ?? null,
    softMin: o.softMin ?? null,
    softMax: o.softMax ?? null,
    branchingLogic: o.branchingLogic ?? null,
    calculation: o.calculation ?? null,
    choices: o.choices ?? [],
    sliderLabels: null,
    sliderShowNumber: false,
    missingCodes: o.missingCodes ?? [],
    matrixGroup: o.matrixGroup ?? null,
    matrixRanking: false,
    alignment: o.alignment ?? null,
    questionNumber: null,
    annotation: null,
  };
}

/** The validation a REDCap text field of this type carries (decimal places set it for decimals). */
function defaultValidation(type: CrfItemType): CrfValidationType | null {
  if (type === "integer") return "integer";
  if (type === "date") return "date_ymd";
  return null;
}

const dec = (dp: 1 | 2): Pick<ItemDef, "validation" | "decimalPlaces"> => ({ validation: dp === 1 ? "number_1dp" : "number_2dp", decimalPlaces: dp });
const choices = (...c: [code: string, zh: string, en: string][]): ChoiceDef[] => c.map(([code, zh, en]) => ({ code, label: { zh, en } }));
const sec = (zh: string, en: string): Bilingual => ({ zh, en });
const note = (zh: string, en: string): Bilingual => ({ zh, en });
const ND: CrfMissingCode[] = ["ND"];
const UNK: CrfMissingCode[] = ["UNK"];
const YES_NO_UNK = choices(["1", "是", "Yes"], ["0", "否", "No"], ["9", "不详", "Unknown"]);
const PAST = { hardMin: "2000-01-01", hardMax: "today" };

const demographics: FormDef = {
  name: "demographics",
  label: { zh: "人口学资料与基线", en: "Demographics and baseline" },
  items: [
    item("dm_date", "date", "评估日期", "Date of assessment", { section: sec("人口学资料", "Demographics"), required: true, ...PAST }),
    item("age", "integer", "签署知情同意时年龄（岁）", "Age at consent (years)", { required: true, hardMin: "18", hardMax: "100" }),
    item("sex", "radio", "性别", "Sex", { required: true, choices: choices(["0", "女", "Female"], ["1", "男", "Male"]), alignment: "RH" }),
    item("childbearing", "yesno", "有生育可能", "Of childbearing potential", { branchingLogic: '[sex] = "0"' }),
    item("pregnancy_test", "radio", "妊娠试验", "Pregnancy test", {
      branchingLogic: '[sex] = "0" and [childbearing] = "1"',
      choices: choices(["0", "阴性", "Negative"], ["1", "阳性", "Positive"], ["2", "未做", "Not done"]),
      note: note("阳性者不得入组。", "A positive test excludes the participant."),
    }),
    item("ethnicity", "dropdown", "民族", "Ethnicity", { choices: choices(["1", "汉族", "Han"], ["2", "少数民族", "Ethnic minority"]), missingCodes: UNK }),
    item("weight", "decimal", "体重", "Weight", { section: sec("体格检查", "Physical examination"), ...dec(1), unit: "kg", required: true, hardMin: "20", hardMax: "250", missingCodes: ND }),
    item("height", "integer", "身高", "Height", { unit: "cm", required: true, hardMin: "100", hardMax: "230", missingCodes: ND }),
    item("bmi", "calc", "体重指数", "Body mass index", { unit: "kg/m²", calculation: "round([weight] * 10000 / ([height] ^ 2), 1)", note: note("由体重和身高自动计算。", "Calculated from weight and height.") }),
    item("baseline_ecog", "radio", "ECOG 体能状态", "ECOG performance status", {
      required: true,
      choices: choices(["0", "0 – 活动完全正常", "0 – Fully active"], ["1", "1 – 可从事轻体力活动", "1 – Restricted in strenuous activity"], ["2", "2 – 生活自理，不能工作", "2 – Ambulatory, unable to work"], ["3", "3 – 生活部分自理", "3 – Limited self-care"], ["4", "4 – 卧床不起", "4 – Completely disabled"]),
    }),
    item("smoking", "dropdown", "吸烟史", "Smoking history", { choices: choices(["1", "从不吸烟", "Never"], ["2", "已戒烟", "Former"], ["3", "目前吸烟", "Current"]), missingCodes: UNK }),
    item("pack_years", "decimal", "吸烟量（包·年）", "Pack-years", { ...dec(1), branchingLogic: '[smoking] = "2" or [smoking] = "3"', hardMin: "0", hardMax: "200", missingCodes: UNK }),
    item("diagnosis_date", "date", "病理诊断日期", "Date of pathological diagnosis", { section: sec("诊断", "Diagnosis"), ...PAST, missingCodes: UNK }),
    item("primary_site", "dropdown", "原发部位", "Primary site", {
      choices: choices(["1", "肺", "Lung"], ["2", "胃", "Stomach"], ["3", "结直肠", "Colorectum"], ["4", "乳腺", "Breast"], ["5", "肝", "Liver"], ["6", "食管", "Oesophagus"], ["7", "鼻咽", "Nasopharynx"], ["8", "胰腺", "Pancreas"], ["9", "其他", "Other"]),
    }),
    item("primary_other", "text", "其他原发部位", "Other primary site", { branchingLogic: '[primary_site] = "9"' }),
    item("stage", "dropdown", "临床分期（AJCC 第 8 版）", "Clinical stage (AJCC 8th edition)", { choices: choices(["1", "I 期", "Stage I"], ["2", "II 期", "Stage II"], ["3", "III 期", "Stage III"], ["4", "IV 期", "Stage IV"]), missingCodes: UNK }),
  ],
};

const MH_CONDITIONS: [string, string, string][] = [
  ["mh_hypertension", "高血压", "Hypertension"],
  ["mh_diabetes", "糖尿病", "Diabetes mellitus"],
  ["mh_cardiac", "心脏病", "Heart disease"],
  ["mh_hepatitis_b", "乙型肝炎", "Hepatitis B"],
  ["mh_copd", "慢性阻塞性肺病", "COPD"],
];

const medicalHistory: FormDef = {
  name: "medical_history",
  label: { zh: "病史", en: "Medical history" },
  items: [
    ...MH_CONDITIONS.map(([name, zh, en], i) => item(name, "radio", zh, en, { ...(i === 0 ? { section: sec("合并疾病", "Comorbidities") } : {}), choices: YES_NO_UNK, matrixGroup: "mh_conditions" })),
    item("mh_other", "yesno", "其他重要疾病", "Other significant condition"),
    item("mh_other_spec", "text", "请注明", "Please specify", { branchingLogic: '[mh_other] = "1"' }),
    item("prior_surgery", "yesno", "既往肿瘤手术", "Prior cancer surgery", { section: sec("既往抗肿瘤治疗", "Prior anticancer treatment") }),
    item("prior_chemo", "yesno", "既往系统治疗", "Prior systemic therapy"),
    item("prior_lines", "integer", "既往系统治疗线数", "Lines of prior systemic therapy", { branchingLogic: '[prior_chemo] = "1"', hardMin: "1", hardMax: "10" }),
    item("prior_radio", "yesno", "既往放疗", "Prior radiotherapy"),
    item("allergies", "longtext", "药物过敏史", "Drug allergies", { missingCodes: ["UNK", "NA"] }),
  ],
};

/** RECIST 1.1 allows at most five target lesions (two per organ): one row of the lesions table each. */
export const TARGET_LESIONS = 5;
const LESION_SITES = choices(["1", "肺", "Lung"], ["2", "肝", "Liver"], ["3", "淋巴结", "Lymph node"], ["4", "肾上腺", "Adrenal gland"], ["5", "胸膜", "Pleura"], ["6", "腹膜", "Peritoneum"], ["9", "其他", "Other"]);

const tumourAssessment: FormDef = {
  name: "tumour_assessment",
  label: { zh: "肿瘤评估（RECIST 1.1）", en: "Tumour assessment (RECIST 1.1)" },
  items: [
    item("ta_date", "date", "影像检查日期", "Date of imaging", { required: true, ...PAST }),
    item("ta_method", "dropdown", "检查方法", "Method", { choices: choices(["1", "CT", "CT"], ["2", "MRI", "MRI"], ["3", "PET-CT", "PET-CT"]), required: true }),
    item("tl_site", "dropdown", "部位", "Site", { section: sec("靶病灶", "Target lesions"), choices: LESION_SITES, required: true }),
    item("tl_diam", "integer", "直径", "Diameter", {
      unit: "mm",
      required: true,
      hardMin: "0",
      hardMax: "400",
      note: note("淋巴结测短径，其他病灶测最长径。", "Short axis for lymph nodes, longest diameter otherwise."),
      missingCodes: ND,
    }),
    item("tl_sum", "calc", "靶病灶直径总和", "Sum of target lesion diameters", { unit: "mm", calculation: "sum([tl_diam])", note: note("各行直径之和，自动计算。", "Sum of the rows' diameters, calculated.") }),
    item("ntl_status", "radio", "非靶病灶", "Non-target lesions", { section: sec("疗效", "Response"), choices: choices(["1", "存在", "Present"], ["2", "消失", "Absent"], ["3", "明确进展", "Unequivocal progression"], ["4", "无非靶病灶", "None at baseline"]) }),
    item("new_lesions", "yesno", "新发病灶", "New lesions"),
    item("overall_response", "radio", "总体疗效", "Overall response", {
      choices: choices(["CR", "完全缓解", "Complete response"], ["PR", "部分缓解", "Partial response"], ["SD", "疾病稳定", "Stable disease"], ["PD", "疾病进展", "Progressive disease"], ["NE", "不可评价", "Not evaluable"]),
      note: note("基线访视不评价疗效。", "Not assessed at baseline."),
    }),
  ],
};

/** A laboratory value: unit, normal range (soft limits) and the physically possible (hard limits). */
type Lab = { name: string; zh: string; en: string; unit: string; dp: 0 | 1 | 2; soft: [number, number]; hard: [number, number] };

export const HAEMATOLOGY: Lab[] = [
  { name: "hb", zh: "血红蛋白", en: "Haemoglobin", unit: "g/L", dp: 0, soft: [115, 175], hard: [20, 250] },
  { name: "wbc", zh: "白细胞计数", en: "White blood cells", unit: "×10⁹/L", dp: 1, soft: [3.5, 9.5], hard: [0, 200] },
  { name: "anc", zh: "中性粒细胞绝对值", en: "Absolute neutrophil count", unit: "×10⁹/L", dp: 2, soft: [1.8, 6.3], hard: [0, 100] },
  { name: "lymph", zh: "淋巴细胞绝对值", en: "Lymphocytes", unit: "×10⁹/L", dp: 2, soft: [1.1, 3.2], hard: [0, 100] },
  { name: "plt", zh: "血小板计数", en: "Platelets", unit: "×10⁹/L", dp: 0, soft: [125, 350], hard: [0, 2000] },
];

export const BIOCHEMISTRY: Lab[] = [
  { name: "alt", zh: "丙氨酸氨基转移酶", en: "ALT", unit: "U/L", dp: 0, soft: [7, 50], hard: [0, 5000] },
  { name: "ast", zh: "天门冬氨酸氨基转移酶", en: "AST", unit: "U/L", dp: 0, soft: [13, 40], hard: [0, 5000] },
  { name: "tbil", zh: "总胆红素", en: "Total bilirubin", unit: "µmol/L", dp: 1, soft: [0, 21], hard: [0, 800] },
  { name: "alb", zh: "白蛋白", en: "Albumin", unit: "g/L", dp: 0, soft: [40, 55], hard: [5, 80] },
  { name: "creat", zh: "肌酐", en: "Creatinine", unit: "µmol/L", dp: 0, soft: [41, 111], hard: [5, 2000] },
  { name: "glucose", zh: "空腹血糖", en: "Fasting glucose", unit: "mmol/L", dp: 1, soft: [3.9, 6.1], hard: [0.5, 50] },
  { name: "potassium", zh: "血钾", en: "Potassium", unit: "mmol/L", dp: 1, soft: [3.5, 5.3], hard: [1.5, 9] },
  { name: "sodium", zh: "血钠", en: "Sodium", unit: "mmol/L", dp: 0, soft: [137, 147], hard: [100, 180] },
];

function labItem(l: Lab, first: Bilingual | null): ItemDef {
  const numeric = l.dp === 0 ? { validation: "integer" as const } : dec(l.dp);
  return item(l.name, l.dp === 0 ? "integer" : "decimal", l.zh, l.en, {
    ...numeric,
    ...(first ? { section: first } : {}),
    unit: l.unit,
    softMin: String(l.soft[0]),
    softMax: String(l.soft[1]),
    hardMin: String(l.hard[0]),
    hardMax: String(l.hard[1]),
    note: note(`参考范围 ${l.soft[0]}–${l.soft[1]} ${l.unit}`, `Normal range ${l.soft[0]}–${l.soft[1]} ${l.unit}`),
    missingCodes: ND,
  });
}

/** A laboratory form: the day of sampling, then one item per value. */
function labsForm(name: string, zh: string, en: string, dateItem: string, labs: Lab[]): FormDef {
  return {
    name,
    label: { zh, en },
    items: [item(dateItem, "date", "采样日期", "Date of sampling", { required: true, ...PAST }), ...labs.map((l, i) => labItem(l, i === 0 ? sec("检验结果", "Results") : null))],
  };
}

const haematology = labsForm("haematology", "血常规", "Haematology", "haem_date", HAEMATOLOGY);
const biochemistry = labsForm("biochemistry", "血生化", "Biochemistry", "chem_date", BIOCHEMISTRY);

const treatment: FormDef = {
  name: "treatment",
  label: { zh: "治疗给药", en: "Treatment administration" },
  items: [
    item("tx_date", "date", "给药日期", "Date of administration", { required: true, ...PAST }),
    item("tx_given", "yesno", "本周期按计划给药", "Given as planned this cycle", { required: true }),
    item("tx_not_given", "dropdown", "未给药原因", "Reason not given", {
      branchingLogic: '[tx_given] = "0"',
      choices: choices(["1", "不良事件", "Adverse event"], ["2", "患者拒绝", "Participant refused"], ["3", "疾病进展", "Disease progression"], ["9", "其他", "Other"]),
    }),
    item("tx_dose", "decimal", "实际给药剂量", "Dose given", { ...dec(1), unit: "mg", hardMin: "0", hardMax: "5000", branchingLogic: '[tx_given] = "1"' }),
    item("tx_bsa", "decimal", "体表面积", "Body surface area", { ...dec(2), unit: "m²", softMin: "1.2", softMax: "2.5", hardMin: "0.5", hardMax: "3.5", branchingLogic: '[tx_given] = "1"' }),
    item("tx_dose_m2", "calc", "按体表面积剂量", "Dose per m²", { unit: "mg/m²", calculation: "round([tx_dose] / [tx_bsa], 1)", branchingLogic: '[tx_given] = "1"' }),
    item("tx_modified", "radio", "剂量调整", "Dose modification", {
      branchingLogic: '[tx_given] = "1"',
      choices: choices(["0", "无", "None"], ["1", "减量", "Reduced"], ["2", "延迟", "Delayed"], ["3", "中断", "Interrupted"]),
    }),
    item("tx_mod_reason", "text", "调整原因", "Reason for modification", { branchingLogic: '[tx_modified] = "1" or [tx_modified] = "2" or [tx_modified] = "3"' }),
  ],
};

const conmeds: FormDef = {
  name: "concomitant_medications",
  label: { zh: "合并用药", en: "Concomitant medications" },
  items: [
    item("cm_name", "text", "药品通用名", "Medication (generic name)", { required: true }),
    item("cm_indication", "text", "用药原因", "Indication", { required: true }),
    item("cm_dose", "decimal", "单次剂量", "Dose", { ...dec(1), hardMin: "0", hardMax: "100000", missingCodes: UNK }),
    item("cm_unit", "dropdown", "剂量单位", "Dose unit", { choices: choices(["mg", "mg", "mg"], ["g", "g", "g"], ["ug", "µg", "µg"], ["ml", "mL", "mL"], ["iu", "IU", "IU"]) }),
    item("cm_route", "dropdown", "给药途径", "Route", { choices: choices(["po", "口服", "Oral"], ["iv", "静脉", "Intravenous"], ["sc", "皮下", "Subcutaneous"], ["im", "肌肉", "Intramuscular"], ["top", "外用", "Topical"], ["inh", "吸入", "Inhaled"]) }),
    item("cm_freq", "dropdown", "频次", "Frequency", { choices: choices(["qd", "每日一次", "Once daily"], ["bid", "每日两次", "Twice daily"], ["tid", "每日三次", "Three times daily"], ["prn", "必要时", "As needed"], ["once", "单次", "Once"]) }),
    item("cm_start", "date", "开始日期", "Start date", { required: true, hardMin: "1990-01-01", hardMax: "today", missingCodes: UNK }),
    item("cm_ongoing", "yesno", "仍在使用", "Ongoing", { required: true }),
    item("cm_stop", "date", "停止日期", "Stop date", { branchingLogic: '[cm_ongoing] = "0"', hardMin: "1990-01-01", hardMax: "today" }),
  ],
};

const endOfStudy: FormDef = {
  name: "end_of_study",
  label: { zh: "研究结束", en: "End of study" },
  items: [
    item("eos_date", "date", "研究结束日期", "Date of end of study", { required: true, ...PAST }),
    item("eos_completed", "yesno", "按方案完成研究", "Completed the study per protocol", { required: true }),
    item("eos_reason", "dropdown", "提前终止原因", "Reason for early termination", {
      branchingLogic: '[eos_completed] = "0"',
      required: true,
      choices: choices(["1", "撤回知情同意", "Consent withdrawn"], ["2", "疾病进展", "Disease progression"], ["3", "不可耐受的毒性", "Unacceptable toxicity"], ["4", "死亡", "Death"], ["5", "失访", "Lost to follow-up"], ["6", "研究者决定", "Investigator decision"], ["9", "其他", "Other"]),
    }),
    item("eos_death_date", "date", "死亡日期", "Date of death", { branchingLogic: '[eos_reason] = "4"', ...PAST }),
    item("eos_last_contact", "date", "末次联系日期", "Date of last contact", { ...PAST }),
    item("eos_comment", "longtext", "备注", "Comments"),
  ],
};

/** The repeating groups of the demo forms (a table of rows inside a form), by form. */
export const DEMO_GROUPS: Record<string, GroupDef[]> = {
  tumour_assessment: [{ name: "lesions", label: { zh: "靶病灶（RECIST 1.1）", en: "Target lesions (RECIST 1.1)" }, maxRows: TARGET_LESIONS, items: ["tl_site", "tl_diam"] }],
};

/** The demo forms in the order a study lists them. */
export const DEMO_FORMS: FormDef[] = [demographics, medicalHistory, tumourAssessment, haematology, biochemistry, treatment, conmeds, endOfStudy];

/** Which forms each scheduled visit of the demo schedule (seed/followup.ts) collects, by visit code. */
export const VISIT_FORMS: Record<string, string[]> = {
  BL: ["demographics", "medical_history", "tumour_assessment", "haematology", "biochemistry"],
  C2: ["treatment", "haematology", "biochemistry"],
  W6: ["treatment", "tumour_assessment", "haematology", "biochemistry"],
  W12: ["treatment", "tumour_assessment", "haematology", "biochemistry"],
  W24: ["tumour_assessment", "haematology", "biochemistry"],
  W48: ["tumour_assessment", "haematology", "biochemistry"],
};

/**
 * The population cohorts (screening, risk) collect no treatment, no tumour response and no
 * laboratory values: a baseline (who the participant is, their history and risk factors) and the
 * end of study. No diagnosis is recorded unless one is made.
 */
export const COHORT_STUDIES = ["BC-HR-101", "TN-SCR-01", "EC-SCR-02"];
export const COHORT_FORMS = ["demographics", "medical_history", "end_of_study"];
export const COHORT_VISIT_FORMS: Record<string, string[]> = { BL: ["demographics", "medical_history"] };

/** Events beside the schedule: an unscheduled visit and two study-wide logs. */
export const OTHER_EVENTS: { name: string; kind: "unscheduled" | "log"; label: Bilingual; forms: string[] }[] = [
  { name: "unscheduled", kind: "unscheduled", label: { zh: "计划外访视", en: "Unscheduled visit" }, forms: ["tumour_assessment", "haematology", "biochemistry"] },
  { name: "conmed_log", kind: "log", label: { zh: "合并用药记录", en: "Concomitant medications log" }, forms: ["concomitant_medications"] },
  { name: "end_of_study", kind: "log", label: { zh: "研究结束", en: "End of study" }, forms: ["end_of_study"] },
];

