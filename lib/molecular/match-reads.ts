import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { BiomarkerKind, GermlineClass, SomaticTier, VariantOrigin, VariantType } from "@/db/enums";
import type { PatientResults, ResultBiomarker, ResultVariant } from "@/lib/molecular/matching";
import { pgArray } from "@/lib/molecular/pg-array";

export type MatchFilter = {
  /** Which participants' rows are read: a condition over `p` (participants) and `mo` (molecular_orders). */
  scope: SQL;
  /** Which results are read: lib/molecular/scope.ts germlineVisible, or true for the system. */
  results: SQL;
  participantIds?: readonly number[];
  studyIds?: readonly number[];
};

export type Candidate = { id: number; subjectCode: string; studyId: number; centreId: number; results: PatientResults };

export type CandidateSet = {
  candidates: Candidate[];
  /** `${participantId}:${studyId}`: the person (by national-ID hash) is already in, or invited to, that study. */
  taken: Set<string>;
};

// Field and record separators (ASCII US and RS): none of the values read holds them.
const US = "\u001f";
const RS = "\u001e";
const split = (t: string | null) => (t ? t.split(RS).map((r) => r.split(US)) : []);
const orNull = (v: string) => (v === "" ? null : v);
const numOrNull = (v: string) => (v === "" ? null : Number(v));

/**
 * The latest results of every participant in the filter, with who they are (subject code, study,
 * centre) and the studies each person is already in or invited to, in one statement. The latest
 * results: for each kind of test and origin, the most recently reported order (a later IHC does
 * not hide an earlier NGS panel, a repeated panel replaces the first); of their biomarkers, the
 * latest value of each kind (picked here, not sorted there). Withdrawn participants are not read. Only variants in `genes` and
 * biomarkers of `kinds` are read. Each part comes back as one text (records and fields split by
 * control characters): the embedded database hands rows over one by one, and the network's
 * hundred thousand result rows would cost seconds as rows.
 */
export async function readCandidates(db: Db, f: MatchFilter, genes: readonly string[], kinds: readonly BiomarkerKind[], studyIds: readonly number[]): Promise<CandidateSet> {
  const byIds = f.participantIds ? sql` and p.id = any(${pgArray(f.participantIds)}::int[])` : sql``;
  const geneList = pgArray(genes);
  const studyList = pgArray(studyIds);
  const [row] = await queryRows<{ people: string | null; variants: string | null; biomarkers: string | null; taken: string | null }>(
    db,
    sql`with latest as materialized (
          select distinct on (mo.participant_id, mo.test_kind, mo.origin) mo.id, mo.participant_id, mo.reported_on
          from molecular_orders mo join participants p on p.id = mo.participant_id
          where mo.status = 'reported' and p.status <> 'withdrawn' and ${f.scope} and ${f.results}${byIds}
          order by mo.participant_id, mo.test_kind, mo.origin, mo.reported_on desc, mo.id desc
        ), ids as materialized (select distinct participant_id as id from latest)
        select
          (select string_agg(concat_ws(${US}, p.id, p.subject_code, p.study_id, p.centre_id), ${RS})
             from ids join participants p on p.id = ids.id) as people,
          (select string_agg(concat_ws(${US}, l.participant_id, v.gene, coalesce(v.partner_gene, ''), coalesce(v.hgvs_p, ''), coalesce(v.hgvs_c, ''), v.variant_type,
                    coalesce(v.vaf::text, ''), v.origin, coalesce(v.somatic_tier::text, ''), coalesce(v.germline_class::text, '')), ${RS})
             from latest l join molecular_variants v on v.order_id = l.id
             where v.gene = any(${geneList}::text[]) or v.partner_gene = any(${geneList}::text[])) as variants,
          (select string_agg(concat_ws(${US}, l.participant_id, b.kind, coalesce(b.value::text, ''), coalesce(b.category, ''), l.reported_on, l.id), ${RS})
             from latest l join molecular_biomarkers b on b.order_id = l.id
             where b.kind::text = any(${pgArray(kinds)}::text[])) as biomarkers,
          (select string_agg(distinct concat_ws(':', p.id, t.study_id), ',')
             from (select p2.national_id_hash as h, p2.study_id from participants p2 where p2.study_id = any(${studyList}::int[])
                   union select p3.national_id_hash, si.study_id from screening_invitations si join participants p3 on p3.id = si.participant_id
                         where si.study_id = any(${studyList}::int[])) t
             join participants p on p.national_id_hash = t.h
             join ids on ids.id = p.id) as taken`,
  );
  const byId = new Map<number, Candidate>();
  for (const [id, subjectCode, studyId, centreId] of split(row?.people ?? null)) {
    byId.set(Number(id), { id: Number(id), subjectCode, studyId: Number(studyId), centreId: Number(centreId), results: { variants: [], biomarkers: [] } });
  }
  for (const [pid, gene, partnerGene, hgvsP, hgvsC, variantType, vaf, origin, somaticTier, germlineClass] of split(row?.variants ?? null)) {
    const v: ResultVariant = {
      gene,
      partnerGene: orNull(partnerGene),
      hgvsP: orNull(hgvsP),
      hgvsC: orNull(hgvsC),
      variantType: variantType as VariantType,
      vaf: numOrNull(vaf),
      origin: origin as VariantOrigin,
      somaticTier: orNull(somaticTier) as SomaticTier | null,
      germlineClass: orNull(germlineClass) as GermlineClass | null,
    };
    (byId.get(Number(pid))?.results.variants as ResultVariant[] | undefined)?.push(v);
  }
  // Of a biomarker reported by two kinds of test (TMB from a panel and from a TMB test), the later report's value.
  const seen = new Map<string, { on: string; order: number; b: ResultBiomarker }>();
  for (const [pid, kind, value, category, on, order] of split(row?.biomarkers ?? null)) {
    const key = `${pid}:${kind}`;
    const prior = seen.get(key);
    if (prior && (prior.on > on || (prior.on === on && prior.order > Number(order)))) continue;
    const b: ResultBiomarker = { kind: kind as BiomarkerKind, value: numOrNull(value), category: orNull(category) };
    const list = byId.get(Number(pid))?.results.biomarkers as ResultBiomarker[] | undefined;
    if (!list) continue;
    if (prior) list[list.indexOf(prior.b)] = b;
    else list.push(b);
    seen.set(key, { on, order: Number(order), b });
  }
  return { candidates: [...byId.values()], taken: new Set(row?.taken ? row.taken.split(",") : []) };
}
