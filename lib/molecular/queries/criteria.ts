import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import { criterionFromRow, type BiomarkerCriterion } from "@/lib/molecular/criteria";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

/** The biomarker criteria of one protocol version of a study the actor may see, in order. */
export const studyBiomarkerCriteria = defineQuery({
  permission: "study.read",
  run: async (actor: ReadActor, studyId: number, version: number, db?: Db): Promise<BiomarkerCriterion[]> => {
    const rows = await queryRows<Parameters<typeof criterionFromRow>[0]>(
      db ?? (await getDb()),
      sql`select bc.code, bc.kind, bc.gene, bc.partner_gene as "partnerGene", bc.variant_types as "variantTypes", bc.hgvs_p as "hgvsP",
            bc.max_tier as "maxTier", bc.min_germline_class as "minGermlineClass", bc.min_vaf as "minVaf", bc.min_value as "minValue", bc.her2_rule as "her2Rule"
          from biomarker_criteria bc
          join protocol_versions pv on pv.id = bc.protocol_version_id
          join studies on studies.id = pv.study_id
          where pv.study_id = ${studyId} and pv.version = ${version} and ${studyScope(actor)}
          order by bc.ordinal`,
    );
    return rows.map(criterionFromRow);
  },
  otherwise: (_studyId: number, _version: number, _db?: Db): BiomarkerCriterion[] => [],
});
