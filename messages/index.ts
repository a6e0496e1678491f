// Each area keeps its strings in its own file, one per language; keys must match (tested).
import zhCommon from "./zh-CN/common.json";
import enCommon from "./en/common.json";
import zhAuth from "./zh-CN/auth.json";
import enAuth from "./en/auth.json";
import zhNetwork from "./zh-CN/network.json";
import enNetwork from "./en/network.json";
import zhAudit from "./zh-CN/audit.json";
import enAudit from "./en/audit.json";

export const messages = {
  "zh-CN": { ...zhCommon, ...zhAuth, ...zhNetwork, ...zhAudit },
  en: { ...enCommon, ...enAuth, ...enNetwork, ...enAudit },
};

export type Messages = (typeof messages)["zh-CN"];
