/**
 * The OIDs of an ODM file written here: stable across exports because they are built from the
 * names the designer chose (REDCap's naming rule), never from database ids, so a file exported
 * twice, or exported again after a round trip through the import, names every definition alike.
 */
export const ODM_NS = "http://www.cdisc.org/ns/odm/v1.3";
export const ODM_VERSION = "1.3.2";
export const SOURCE_SYSTEM = "NCRC Network Portal";

export const oid = {
  study: (code: string) => `ST.${code}`,
  metaDataVersion: (code: string, protocolVersion: number) => `MDV.${code}.${protocolVersion}`,
  event: (name: string) => `SE.${name}`,
  form: (name: string) => `F.${name}`,
  /** A repeating group keeps its name; the other item groups are the runs of a form's items between them, numbered. */
  repeatingGroup: (form: string, group: string) => `IG.${form}.${group}`,
  itemRun: (form: string, n: number) => `IG.${form}.${n}`,
  item: (form: string, item: string) => `IT.${form}.${item}`,
  codeList: (form: string, item: string) => `CL.${form}.${item}`,
  condition: (form: string, item: string) => `CD.${form}.${item}`,
  method: (form: string, item: string) => `MT.${form}.${item}`,
  unit: (n: number) => `MU.${n}`,
  missingCodes: "CL.MISSING",
  location: (centreCode: string) => `LOC.${centreCode}`,
  user: (id: number) => `USR.${id}`,
  sdvSignature: "SD.SDV",
};

/**
 * Alias contexts carrying what ODM 1.3.2 has no attribute for (the item's exact type in this
 * model, REDCap's validation and design flags): the plain schema allows Alias everywhere it
 * matters, vendor extension elements it does not.
 */
export const ALIAS = {
  type: "NCRC:item_type",
  validation: "NCRC:validation",
  identifier: "NCRC:identifier",
  missingCodes: "NCRC:missing_codes",
  matrixGroup: "NCRC:matrix_group",
  matrixRanking: "NCRC:matrix_ranking",
  alignment: "NCRC:alignment",
  questionNumber: "NCRC:question_number",
  annotation: "NCRC:annotation",
  sliderLabels: "NCRC:slider_labels",
  sliderShowNumber: "NCRC:slider_show_number",
  section: "NCRC:section",
  maxRows: "NCRC:max_rows",
  groupName: "NCRC:group_name",
  eventKind: "NCRC:event_kind",
  visitCode: "NCRC:visit_code",
} as const;

/** FormalExpression context of branching logic and calculations: REDCap syntax, as lib/crf/expressions reads it. */
export const REDCAP_CONTEXT = "REDCap";
