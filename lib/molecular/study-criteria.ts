import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { criterionFromRow, type BiomarkerCriterion } from "@/lib/molecular/criteria";
import type { PlacedCentre } from "@/lib/molecular/nearest-site";
import { pgArray } from "@/lib/molecular/pg-array";

/** A recruiting study with the biomarker criteria of its current protocol version and its open sites. */
export type StudyCriteria = {
  studyId: number;
  studyCode: string;
  titleZh: string;
  titleEn: string;
  version: number;
  criteria: BiomarkerCriterion[];
  sites: { siteId: number; centre: PlacedCentre }[];
};

const CRITERION_COLUMNS = sql`bc.code, bc.kind, bc.gene, bc.partner_gene as "partnerGene", bc.variant_types as "variantTypes", bc.hgvs_p as "hgvsP",
  bc.max_tier as "maxTier", bc.min_germline_class as "minGermlineClass", bc.min_vaf as "minVaf", bc.min_value as "minValue", bc.her2_rule as "her2Rule"`;

type CriterionDbRow = Parameters<typeof criterionFromRow>[0];

/** The biomarker criteria of one protocol version, in order. */
export async function criteriaOfVersion(db: Db, protocolVersionId: number): Promise<BiomarkerCriterion[]> {
  const rows = await queryRows<CriterionDbRow>(db, sql`select ${CRITERION_COLUMNS} from biomarker_criteria bc where bc.protocol_version_id = ${protocolVersionId} order by bc.ordinal`);
  return rows.map(criterionFromRow);
}

/**
 * Every recruiting study (or those given) with its current version's biomarker criteria and its
 * active sites. Studies are public within the network (their codes, titles and sites), so this
 * read has no actor: who sees which patients is the participant read's condition.
 */
export async function loadRecruitingCriteria(db: Db, studyIds?: readonly number[]): Promise<StudyCriteria[]> {
  const only = studyIds ? sql` and s.id = any(${pgArray(studyIds)}::int[])` : sql``;
  const [criteria, sites] = await Promise.all([
    queryRows<CriterionDbRow & { studyId: number; studyCode: string; titleZh: string; titleEn: string; version: number }>(
      db,
      sql`select s.id as "studyId", s.code as "studyCode", s.title_zh as "titleZh", s.title_en as "titleEn", pv.version, ${CRITERION_COLUMNS}
          from studies s
          join protocol_versions pv on pv.study_id = s.id and pv.version = s.current_protocol_version
          join biomarker_criteria bc on bc.protocol_version_id = pv.id
          where s.status = 'recruiting'${only}
          order by s.code, bc.ordinal`,
    ),
    queryRows<{ studyId: number; siteId: number } & PlacedCentre>(
      db,
      sql`select ss.study_id as "studyId", ss.id as "siteId", o.id, o.code, o.path, o.province, o.city
          from study_sites ss join studies s on s.id = ss.study_id join organisations o on o.id = ss.centre_id
          where s.status = 'recruiting' and ss.status = 'active'${only}`,
    ),
  ]);
  const out = new Map<number, StudyCriteria>();
  for (const { studyId, studyCode, titleZh, titleEn, version, ...c } of criteria) {
    let s = out.get(studyId);
    if (!s) out.set(studyId, (s = { studyId, studyCode, titleZh, titleEn, version, criteria: [], sites: [] }));
    s.criteria.push(criterionFromRow(c));
  }
  for (const { studyId, siteId, ...centre } of sites) out.get(studyId)?.sites.push({ siteId, centre });
  return [...out.values()];
}
