/** Places of the demo network: real provinces and cities; hospital names are invented. */
export const HUB = {
  code: "TJ01",
  nameZh: "国家恶性肿瘤临床医学研究中心（天津医科大学肿瘤医院）",
  nameEn: "National Clinical Research Center for Cancer, Tianjin Medical University Cancer Institute & Hospital",
  province: "天津",
  city: "天津",
};

export const SUB_CENTRES = [
  { code: "SC01", nameZh: "华北分中心（石家庄）", nameEn: "North China Sub-centre (Shijiazhuang)", province: "河北", city: "石家庄" },
  { code: "SC02", nameZh: "华中分中心（武汉）", nameEn: "Central China Sub-centre (Wuhan)", province: "湖北", city: "武汉" },
];

/** [provinceZh, cityZh, cityEn]; the first ten sit under the first sub-centre. */
export const REGIONAL_PLACES: [string, string, string][] = [
  ["河北", "保定", "Baoding"],
  ["山西", "太原", "Taiyuan"],
  ["内蒙古", "呼和浩特", "Hohhot"],
  ["辽宁", "沈阳", "Shenyang"],
  ["吉林", "长春", "Changchun"],
  ["黑龙江", "哈尔滨", "Harbin"],
  ["山东", "济南", "Jinan"],
  ["河南", "郑州", "Zhengzhou"],
  ["陕西", "西安", "Xi'an"],
  ["甘肃", "兰州", "Lanzhou"],
  ["江苏", "南京", "Nanjing"],
  ["浙江", "杭州", "Hangzhou"],
  ["安徽", "合肥", "Hefei"],
  ["福建", "福州", "Fuzhou"],
  ["江西", "南昌", "Nanchang"],
  ["湖南", "长沙", "Changsha"],
  ["广东", "广州", "Guangzhou"],
  ["广西", "南宁", "Nanning"],
  ["四川", "成都", "Chengdu"],
  ["云南", "昆明", "Kunming"],
];

export const COUNTY_SUFFIXES: [string, string][] = [
  ["县人民医院", "County People's Hospital"],
  ["县中医医院", "County Hospital of TCM"],
  ["市第二人民医院", "Second People's Hospital"],
  ["社区卫生服务中心", "Community Health Centre"],
  ["县妇幼保健院", "County Maternal & Child Hospital"],
];

export const DEMO_PASSWORD = "demo-Passw0rd!";

/**
 * The demo accounts: [email, role, centre code, name]. Names are people's names, written in both
 * scripts so they read in either language; the role is shown from the role (translated), never
 * carried in the name.
 */
export const DEMO_ACCOUNTS = [
  ["admin@ncrc.demo", "network_admin", "TJ01", "王建华 Wang Jianhua"],
  ["coord.sc1@ncrc.demo", "centre_coordinator", "SC01", "李秀英 Li Xiuying"],
  ["coord.rc1@ncrc.demo", "centre_coordinator", "R01", "张伟 Zhang Wei"],
  ["pi@ncrc.demo", "pi", "TJ01", "刘洋 Liu Yang"],
  ["staff.rc1@ncrc.demo", "site_staff", "R01", "陈静 Chen Jing"],
  ["staff.gh1@ncrc.demo", "site_staff", "R01G1", "杨磊 Yang Lei"],
  ["staff.rc20@ncrc.demo", "site_staff", "R20", "赵敏 Zhao Min"],
  ["monitor@ncrc.demo", "monitor", "TJ01", "黄丽 Huang Li"],
  ["biobank@ncrc.demo", "biobank_manager", "TJ01", "周强 Zhou Qiang"],
  // A second manager at the hub bank: a release is decided by a manager other than its requester.
  ["biobank2@ncrc.demo", "biobank_manager", "TJ01", "郑红 Zheng Hong"],
  ["viewer@ncrc.demo", "viewer", "TJ01", "吴芳 Wu Fang"],
  // The hub runs the network's molecular diagnostics lab.
  ["lab@ncrc.demo", "molecular_lab", "TJ01", "孙悦 Sun Yue"],
] as const;
