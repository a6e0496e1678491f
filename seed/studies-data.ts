import type { ResearchArea, StudyDesign, StudyPhase, StudySiteStatus, StudyStatus, StudyTeamRole } from "@/db/schema";

/** Extra PI accounts so that demo studies have several leads (password as the other demo accounts). */
export const EXTRA_PIS: [email: string, centre: string, name: string][] = [
  ["pi.sc2@ncrc.demo", "SC02", "孙涛 Sun Tao"],
  ["pi.rc11@ncrc.demo", "R11", "马琳 Ma Lin"],
];

export type DemoArm = [code: string, nameZh: string, nameEn: string, ratio: number];
export type DemoSite = [centre: string, target: number, status: StudySiteStatus];

export type DemoStudy = {
  code: string;
  titleZh: string;
  titleEn: string;
  registryNo: string | null;
  phase: StudyPhase;
  design: StudyDesign;
  area: ResearchArea;
  status: StudyStatus;
  pi: string;
  lead: string;
  target: number;
  /** Planned start as months before today (negative: in the future). */
  startMonthsAgo: number;
  durationMonths: number;
  arms?: DemoArm[];
  method?: "permuted_blocks" | "minimization";
  blinding?: "open" | "blinded";
  siteIsStratum?: boolean;
  stratified?: boolean;
  criteria: [kind: "inclusion" | "exclusion", zh: string, en: string][];
  sites: DemoSite[];
  team?: [email: string, role: StudyTeamRole][];
};

const ADULT: [kind: "inclusion", zh: string, en: string] = ["inclusion", "年龄 18–75 岁", "Aged 18–75 years"];
const ECOG: [kind: "inclusion", zh: string, en: string] = ["inclusion", "ECOG 体能评分 0–1", "ECOG performance status 0–1"];
const PREG: [kind: "exclusion", zh: string, en: string] = ["exclusion", "妊娠或哺乳期", "Pregnant or breast-feeding"];
const PRIOR: [kind: "exclusion", zh: string, en: string] = ["exclusion", "5 年内其他恶性肿瘤病史", "Another malignancy within 5 years"];

export const DEMO_STUDIES: DemoStudy[] = [
  {
    code: "LC-203",
    titleZh: "奥希替尼对比含铂双药化疗治疗 EGFR 突变晚期非小细胞肺癌的多中心随机对照试验",
    titleEn: "Osimertinib versus platinum doublet chemotherapy in EGFR-mutant advanced NSCLC: a multi-centre randomized trial",
    registryNo: "ChiCTR2400081234",
    phase: "III",
    design: "randomized",
    area: "clinical_oncology",
    status: "recruiting",
    pi: "pi@ncrc.demo",
    lead: "TJ01",
    target: 360,
    startMonthsAgo: 22,
    durationMonths: 48,
    arms: [
      ["A", "奥希替尼", "Osimertinib", 2],
      ["B", "培美曲塞+顺铂", "Pemetrexed + cisplatin", 1],
    ],
    method: "permuted_blocks",
    blinding: "open",
    siteIsStratum: true,
    stratified: true,
    criteria: [ADULT, ["inclusion", "组织学确诊的 IIIB–IV 期非小细胞肺癌", "Histologically confirmed stage IIIB–IV NSCLC"], ["inclusion", "EGFR 19 外显子缺失或 L858R 突变", "EGFR exon 19 deletion or L858R mutation"], ECOG, PREG, ["exclusion", "既往接受过 EGFR-TKI 治疗", "Prior EGFR-TKI therapy"]],
    sites: [["TJ01", 90, "active"], ["SC01", 50, "active"], ["R01", 60, "active"], ["R01G1", 20, "active"], ["R20", 50, "active"], ["R05", 40, "active"], ["R12", 30, "pending"]],
    team: [["monitor@ncrc.demo", "monitor"], ["pi.sc2@ncrc.demo", "co_investigator"]],
  },
  {
    code: "GC-IO-301",
    titleZh: "PD-1 抑制剂联合化疗对比化疗一线治疗晚期胃癌的随机双盲试验",
    titleEn: "PD-1 inhibitor plus chemotherapy versus chemotherapy as first-line treatment of advanced gastric cancer: a randomized blinded trial",
    registryNo: "NCT05123456",
    phase: "III",
    design: "randomized",
    area: "cancer_immunology",
    status: "recruiting",
    pi: "pi@ncrc.demo",
    lead: "TJ01",
    target: 240,
    startMonthsAgo: 14,
    durationMonths: 36,
    arms: [
      ["IO", "PD-1 抑制剂+XELOX", "PD-1 inhibitor + XELOX", 1],
      ["PBO", "安慰剂+XELOX", "Placebo + XELOX", 1],
    ],
    method: "minimization",
    blinding: "blinded",
    siteIsStratum: false,
    stratified: true,
    criteria: [ADULT, ["inclusion", "不可切除的局部晚期或转移性胃腺癌", "Unresectable locally advanced or metastatic gastric adenocarcinoma"], ECOG, ["exclusion", "活动性自身免疫性疾病", "Active autoimmune disease"], PREG],
    sites: [["TJ01", 60, "active"], ["R01", 40, "active"], ["R20", 40, "active"], ["R02", 30, "active"], ["SC02", 40, "active"], ["R15G2", 10, "suspended"]],
    team: [["monitor@ncrc.demo", "monitor"]],
  },
  {
    code: "CAP-PH-07",
    titleZh: "药师主导的口服化疗依从性干预随机对照研究",
    titleEn: "Pharmacist-led adherence support for oral chemotherapy: a randomized controlled study",
    registryNo: "ChiCTR-TRC-14004567",
    phase: "IV",
    design: "randomized",
    area: "cancer_pharmacy",
    status: "recruiting",
    pi: "pi.sc2@ncrc.demo",
    lead: "SC02",
    target: 200,
    startMonthsAgo: 10,
    durationMonths: 24,
    arms: [
      ["INT", "药师随访干预", "Pharmacist follow-up", 1],
      ["UC", "常规照护", "Usual care", 1],
    ],
    method: "permuted_blocks",
    blinding: "open",
    siteIsStratum: true,
    stratified: true,
    criteria: [ADULT, ["inclusion", "正在接受卡培他滨或替吉奥口服化疗", "Receiving oral capecitabine or S-1"], ["exclusion", "无法使用电话随访", "Cannot be followed up by telephone"]],
    sites: [["SC02", 50, "active"], ["R01", 40, "active"], ["R01G1", 20, "active"], ["R20", 40, "active"], ["R11", 30, "active"], ["R11G1", 20, "active"]],
    team: [["monitor@ncrc.demo", "monitor"], ["pi@ncrc.demo", "co_investigator"]],
  },
  {
    code: "BC-HR-101",
    titleZh: "遗传性乳腺癌风险队列研究",
    titleEn: "Hereditary breast cancer risk cohort",
    registryNo: "ChiCTR2300070011",
    phase: "not_applicable",
    design: "observational",
    area: "cancer_epidemiology",
    status: "recruiting",
    pi: "pi.sc2@ncrc.demo",
    lead: "TJ01",
    target: 1500,
    startMonthsAgo: 24,
    durationMonths: 60,
    criteria: [["inclusion", "一级亲属中有乳腺癌或卵巢癌患者", "A first-degree relative with breast or ovarian cancer"], ["inclusion", "年龄 25–70 岁女性", "Women aged 25–70"], ["exclusion", "既往乳腺癌病史", "Prior breast cancer"]],
    sites: [["TJ01", 400, "active"], ["SC01", 200, "active"], ["R01", 200, "active"], ["R03", 150, "active"], ["R12", 200, "active"], ["R12G1", 100, "active"], ["R18", 150, "pending"]],
  },
  {
    code: "TN-SCR-01",
    titleZh: "基层医院甲状腺结节超声筛查与人工智能辅助诊断研究",
    titleEn: "Thyroid nodule ultrasound screening with AI-assisted reading at grass-roots hospitals",
    registryNo: "ChiCTR2400082200",
    phase: "not_applicable",
    design: "observational",
    area: "new_cancer_technology",
    status: "recruiting",
    pi: "pi@ncrc.demo",
    lead: "TJ01",
    target: 3000,
    startMonthsAgo: 18,
    durationMonths: 36,
    criteria: [["inclusion", "年龄 18 岁及以上社区居民", "Community residents aged 18 or over"], ["exclusion", "既往甲状腺手术史", "Prior thyroid surgery"]],
    sites: [["R01G1", 500, "active"], ["R01G2", 400, "active"], ["R02G1", 400, "active"], ["R11G1", 400, "active"], ["R20G1", 400, "active"], ["R16G2", 300, "active"], ["R20", 300, "active"]],
  },
  {
    code: "EC-SCR-02",
    titleZh: "食管癌内镜筛查队列研究",
    titleEn: "Oesophageal cancer endoscopic screening cohort",
    registryNo: "ChiCTR-ROC-17012345",
    phase: "not_applicable",
    design: "observational",
    area: "cancer_epidemiology",
    status: "closed_to_accrual",
    pi: "pi.rc11@ncrc.demo",
    lead: "SC01",
    target: 2000,
    startMonthsAgo: 40,
    durationMonths: 60,
    criteria: [["inclusion", "年龄 40–69 岁高发区常住居民", "Residents aged 40–69 of a high-incidence area"], ["exclusion", "上消化道内镜禁忌", "Contraindication to upper endoscopy"]],
    sites: [["SC01", 600, "closed"], ["R01", 400, "closed"], ["R04", 400, "closed"], ["R08G1", 300, "closed"], ["R09", 300, "closed"]],
  },
  {
    code: "CRC-MRD-05",
    titleZh: "循环肿瘤 DNA 指导结直肠癌术后辅助治疗的单臂研究",
    titleEn: "ctDNA-guided adjuvant therapy after colorectal cancer surgery: a single-arm study",
    registryNo: null,
    phase: "II",
    design: "single_arm",
    area: "new_cancer_technology",
    status: "ethics_review",
    pi: "pi@ncrc.demo",
    lead: "TJ01",
    target: 120,
    startMonthsAgo: -2,
    durationMonths: 30,
    criteria: [ADULT, ["inclusion", "II–III 期结直肠癌根治术后", "After curative resection of stage II–III colorectal cancer"], PRIOR],
    sites: [["TJ01", 60, "pending"], ["R07", 30, "pending"], ["R13", 30, "pending"]],
  },
  {
    code: "HCC-TL-02",
    titleZh: "经动脉化疗栓塞联合仑伐替尼治疗中晚期肝癌的随机对照试验",
    titleEn: "TACE plus lenvatinib versus TACE in intermediate and advanced hepatocellular carcinoma: a randomized trial",
    registryNo: "NCT04987654",
    phase: "II",
    design: "randomized",
    area: "clinical_oncology",
    status: "suspended",
    pi: "pi.rc11@ncrc.demo",
    lead: "R11",
    target: 160,
    startMonthsAgo: 16,
    durationMonths: 30,
    arms: [
      ["TL", "TACE+仑伐替尼", "TACE + lenvatinib", 1],
      ["T", "单纯 TACE", "TACE alone", 1],
    ],
    method: "permuted_blocks",
    blinding: "open",
    siteIsStratum: true,
    stratified: false,
    criteria: [ADULT, ["inclusion", "BCLC B–C 期肝细胞癌", "BCLC stage B–C hepatocellular carcinoma"], ["exclusion", "Child-Pugh C 级", "Child-Pugh class C"]],
    sites: [["R11", 60, "suspended"], ["R06", 50, "active"], ["R07", 50, "active"]],
  },
  {
    code: "NPC-DE-03",
    titleZh: "低危鼻咽癌调强放疗减量随机对照试验",
    titleEn: "Reduced-dose IMRT for low-risk nasopharyngeal carcinoma: a randomized trial",
    registryNo: "ChiCTR-TRC-13003456",
    phase: "III",
    design: "randomized",
    area: "clinical_oncology",
    status: "completed",
    pi: "pi.sc2@ncrc.demo",
    lead: "SC02",
    target: 200,
    startMonthsAgo: 70,
    durationMonths: 60,
    arms: [
      ["RD", "减量放疗", "Reduced dose", 1],
      ["SD", "标准剂量", "Standard dose", 1],
    ],
    method: "permuted_blocks",
    blinding: "open",
    siteIsStratum: false,
    stratified: true,
    criteria: [ADULT, ["inclusion", "T1–2N0–1 期鼻咽癌", "Stage T1–2 N0–1 nasopharyngeal carcinoma"], PRIOR],
    sites: [["SC02", 100, "closed"], ["R17", 50, "closed"], ["R18", 50, "closed"]],
  },
  {
    code: "CAPE-PK-04",
    titleZh: "国产卡培他滨片在中国肿瘤患者中的药代动力学研究",
    titleEn: "Pharmacokinetics of generic capecitabine tablets in Chinese cancer patients",
    registryNo: "ChiCTR2000031122",
    phase: "I",
    design: "single_arm",
    area: "cancer_pharmacy",
    status: "completed",
    pi: "pi.rc11@ncrc.demo",
    lead: "TJ01",
    target: 36,
    startMonthsAgo: 50,
    durationMonths: 18,
    criteria: [ADULT, ["inclusion", "适合卡培他滨单药治疗的实体瘤", "Solid tumour suitable for capecitabine monotherapy"], ["exclusion", "DPD 缺乏", "DPD deficiency"]],
    sites: [["TJ01", 36, "closed"]],
  },
  {
    code: "TIL-BIO-06",
    titleZh: "肿瘤浸润淋巴细胞与免疫治疗疗效的生物标志物队列",
    titleEn: "Tumour-infiltrating lymphocytes as biomarkers of immunotherapy response: a cohort",
    registryNo: "ChiCTR2300075566",
    phase: "not_applicable",
    design: "observational",
    area: "cancer_biology",
    status: "recruiting",
    pi: "pi.sc2@ncrc.demo",
    lead: "TJ01",
    target: 400,
    startMonthsAgo: 12,
    durationMonths: 36,
    criteria: [ADULT, ["inclusion", "计划接受免疫检查点抑制剂治疗", "Planned immune checkpoint inhibitor therapy"], ["inclusion", "可获得治疗前肿瘤组织", "Pre-treatment tumour tissue available"]],
    sites: [["TJ01", 150, "active"], ["SC01", 100, "active"], ["R05", 80, "active"], ["R05G1", 70, "pending"]],
    team: [["monitor@ncrc.demo", "monitor"]],
  },
  {
    code: "PDAC-NEO-08",
    titleZh: "可切除胰腺癌新辅助化疗随机对照试验",
    titleEn: "Neoadjuvant chemotherapy for resectable pancreatic cancer: a randomized trial",
    registryNo: null,
    phase: "II",
    design: "randomized",
    area: "clinical_oncology",
    status: "draft",
    pi: "pi@ncrc.demo",
    lead: "TJ01",
    target: 180,
    startMonthsAgo: -6,
    durationMonths: 36,
    arms: [
      ["NEO", "新辅助 mFOLFIRINOX", "Neoadjuvant mFOLFIRINOX", 1],
      ["UPS", "直接手术", "Upfront surgery", 1],
    ],
    method: "minimization",
    blinding: "open",
    siteIsStratum: true,
    stratified: false,
    criteria: [ADULT, ["inclusion", "影像学可切除的胰腺导管腺癌", "Radiologically resectable pancreatic ductal adenocarcinoma"]],
    sites: [["TJ01", 90, "pending"], ["R02", 45, "pending"]],
  },
];
