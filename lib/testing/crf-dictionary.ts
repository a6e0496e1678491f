import { DICTIONARY_KEYS, type DictionaryKey, type DictionaryRow } from "@/lib/crf/dictionary/columns";

/** A dictionary row with the given cells, every other cell empty. */
export function row(cells: Partial<Record<DictionaryKey, string>>): DictionaryRow {
  return Object.fromEntries(DICTIONARY_KEYS.map((k) => [k, cells[k] ?? ""])) as DictionaryRow;
}

const zhEn = (zh: string, en: string) => `<span lang=""zh-CN"">${zh}</span><span lang=""en"">${en}</span>`;

/**
 * A REDCap data dictionary as REDCap exports it (18 columns, CRLF), two instruments, every
 * field type the model covers, bilingual labels in the spans convention, a section header, a
 * matrix group, branching logic, a calculation, limits (soft, and hard with @FORCE-MINMAX),
 * units and missing-data codes.
 */
export const SAMPLE_DICTIONARY = [
  `"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max","Identifier?","Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name","Matrix Ranking?","Field Annotation"`,
  `record_id,demographics,,text,Record ID,,,,,,,,,,,,,`,
  `dob,demographics,,text,"${zhEn("出生日期", "Date of birth")}",,"${zhEn("日/月/年", "D/M/Y")}",date_dmy,1900-01-01,today,y,,y,,,,,`,
  `sex,demographics,,radio,"${zhEn("性别", "Sex")}","0, ${zhEn("女", "Female")} | 1, ${zhEn("男", "Male")}",,,,,,,y,RH,,,,`,
  `given_birth,demographics,,yesno,Has the participant given birth?,,,,,,,"[sex] = ""0""",,,,,,`,
  `weight,demographics,"${zhEn("体征", "Vital signs")}",text,"${zhEn("体重", "Weight")}",,,number_1dp,20,300,,,,,,,,"@UNIT=""kg"" @MISSING=ND,UNK"`,
  `height,demographics,,text,"${zhEn("身高", "Height")}",,,integer,100,250,,,,,,,,"@FORCE-MINMAX @UNIT=""cm"""`,
  `bmi,demographics,,calc,BMI,"round([weight] * 10000 / ([height] ^ 2), 1)",,,,,,,,,,,,`,
  `email,demographics,,text,E-mail,,,email,,,y,,,,,,,`,
  `mobile,demographics,,text,"${zhEn("手机号", "Mobile number")}",,,mobile_cn,,,y,,,,,,,`,
  `notes,demographics,,notes,"Notes, if any",,,,,,,,,,,,,@HIDDEN-SURVEY`,
  `consent_ok,demographics,,truefalse,Consent confirmed,,,,,,,,y,,,,,`,
  `pain,demographics,,slider,Pain today,"${zhEn("无", "None")} | ${zhEn("中", "Moderate")} | ${zhEn("最痛", "Worst")}",,number,,,,,,,,,,`,
  `intro,demographics,,descriptive,"<b>Please</b> check the source documents.",,,,,,,,,,,,,`,
  `visit_time,demographics,,text,Time of visit,,,time,08:00,18:00,,,,,,,,@MISSING=NA`,
  `visit_dt,demographics,,text,Date and time of visit,,,datetime_ymd,,now,,,,,,,,`,
  `mh_diabetes,medical_history,Conditions,radio,Diabetes,"1, Yes | 0, No | 9, Unknown",,,,,,,,,,mh_conditions,,`,
  `mh_hypertension,medical_history,,radio,Hypertension,"1, Yes | 0, No | 9, Unknown",,,,,,,,,,mh_conditions,,`,
  `smoking,medical_history,,dropdown,Smoking,"1, Never | 2, Former | 3, Current",,,,,,,,LV,2a,,,`,
  `drugs,medical_history,,checkbox,Current drugs,"1, Aspirin | 2, Statin | 3, ${zhEn("其他", "Other")}",,,,,,,,,,,,`,
  `aspirin_dose,medical_history,,text,Aspirin dose,,mg per day,number,0,1000,,[drugs(1)] = '1',,,,,,"@UNIT=""mg"""`,
  `drugs_other,medical_history,,text,Other drug,,,,,,,[drugs(3)] = '1' and [smoking] <> '',,,,,,`,
  ``,
].join("\r\n");
