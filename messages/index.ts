// Each area keeps its strings in its own file, one per language; keys must match (tested).
import zhCommon from "./zh-CN/common.json";
import enCommon from "./en/common.json";
import zhAuth from "./zh-CN/auth.json";
import enAuth from "./en/auth.json";
import zhNetwork from "./zh-CN/network.json";
import enNetwork from "./en/network.json";
import zhAudit from "./zh-CN/audit.json";
import enAudit from "./en/audit.json";
import zhUsers from "./zh-CN/users.json";
import enUsers from "./en/users.json";
import zhStudies from "./zh-CN/studies.json";
import enStudies from "./en/studies.json";
import zhDashboard from "./zh-CN/dashboard.json";
import enDashboard from "./en/dashboard.json";
import zhBiobank from "./zh-CN/biobank.json";
import enBiobank from "./en/biobank.json";
import zhEnrolment from "./zh-CN/enrolment.json";
import enEnrolment from "./en/enrolment.json";
import zhFollowup from "./zh-CN/followup.json";
import enFollowup from "./en/followup.json";
import zhAuditActions from "./zh-CN/audit-actions.json";
import enAuditActions from "./en/audit-actions.json";
import zhCrf from "./zh-CN/crf.json";
import enCrf from "./en/crf.json";
import zhMolecular from "./zh-CN/molecular.json";
import enMolecular from "./en/molecular.json";
import zhRecordsImport from "./zh-CN/records-import.json";
import enRecordsImport from "./en/records-import.json";
import zhApi from "./zh-CN/api.json";
import enApi from "./en/api.json";
import zhOdm from "./zh-CN/odm.json";
import enOdm from "./en/odm.json";
import zhExchange from "./zh-CN/exchange.json";
import enExchange from "./en/exchange.json";

export const messages = {
  "zh-CN": { ...zhCommon, ...zhFollowup, ...zhAuth, ...zhNetwork, ...zhAudit, ...zhUsers, ...zhStudies, ...zhDashboard, ...zhBiobank, ...zhEnrolment, ...zhAuditActions, ...zhCrf, ...zhMolecular, ...zhApi, ...zhRecordsImport, ...zhExchange, ...zhOdm },
  en: { ...enCommon, ...enFollowup, ...enAuth, ...enNetwork, ...enAudit, ...enUsers, ...enStudies, ...enDashboard, ...enBiobank, ...enEnrolment, ...enAuditActions, ...enCrf, ...enMolecular, ...enApi, ...enRecordsImport, ...enExchange, ...enOdm },
};

export type Messages = (typeof messages)["zh-CN"];
