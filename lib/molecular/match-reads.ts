import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { BiomarkerKind, GermlineClass, SomaticTier, VariantOrigin, VariantType } from "@/db/enums";
import type { PatientResults, ResultBiomarker, ResultVariant } from "@/lib/molecular/matching";
import { pgArray } from "@/lib/molecular/pg-array";

export type MatchFilter = {
  /** Which participants' rows are read: a condition over `p` (participants) and `mo` (molecular_orders). */
  scope: SQL;
  /** Which biobank donors' rows are read: a condition over `d` (donors) and `mo` (lib/molecular/scope.ts donorRowScope, or true for the system). */
  donors: SQL;
  /** Which results are read: lib/molecular/scope.ts germlineVisible, or true for the system. */
  results: SQL;
  participantIds?: readonly number[];
  donorIds?: readonly number[];
  studyIds?: readonly number[];
};

/** Whose results: a participant of a study, or a biobank donor (no study). */
export type Owner = "participant" | "donor";

export type Candidate = {
  owner: Owner;
  id: number;
  /** `p<id>` or `d<id>`: one person row across both kinds. */
  key: string;
  /** The pseudonymous code: a subject code or a donor code. */
  code: string;
  /** The participant's study; null for a donor. */
  studyId: number | null;
  centreId: number;
  results: PatientResults;
};

/** An invitation to screening made from a match and not yet answered by a screening. */
export type OpenInvitation = { id: number; invitedOn: string };

export type CandidateSet = {
  candidates: Candidate[];
  /** Person key → the studies they are already in (by national-ID hash), or were screened for from an invitation. */
  taken: Map<string, Set<number>>;
  /** Person key → study id → the open invitation: invited, the screening not yet recorded. */
  invited: Map<string, Map<number, OpenInvitation>>;
};

// Field and record separators (ASCII US and RS): none of the values read holds them.
const US = "\u001f";
const RS = "\u001e";
const split = (t: string | null) => (t ? t.split(RS).map((r) => r.split(US)) : []);
const orNull = (v: string) => (v === "" ? null : v);
const numOrNull = (v: string) => (v === "" ? null : Number(v));

/** The key of an order's owner in SQL, over a molecular_orders-like alias with participant_id / donor_id. */
const keyOf = (a: string) => sql.raw(`coalesce('p' || ${a}.participant_id, 'd' || ${a}.donor_id)`);

/**
 * The latest results of every participant and biobank donor in the filter, with who they are
 * (code, study, centre), the studies each person is already in or was screened for, and their open
 * invitations, in one statement. The latest results: for each kind of test and origin, the most
 * recently reported order (a later IHC does not hide an earlier NGS panel, a repeated panel
 * replaces the first); of their biomarkers, the latest value of each kind (picked here, not sorted
 * there). Withdrawn participants are not read. Only variants in `genes` and biomarkers of `kinds`
 * are read. Each part comes back as one text (records and fields split by control characters): the
 * embedded database hands rows over one by one, and the network's hundred thousand result rows
 * would cost seconds as rows.
 */
export async function readCandidates(db: Db, f: MatchFilter, genes: readonly string[], kinds: readonly BiomarkerKind[], studyIds: readonly number[]): Promise<CandidateSet> {
  const byIds =
    f.participantIds || f.donorIds
      ? sql` and (mo.participant_id = any(${pgArray(f.participantIds ?? [])}::int[]) or mo.donor_id = any(${pgArray(f.donorIds ?? [])}::int[]))`
      : sql``;
  const geneList = pgArray(genes);
  const studyList = pgArray(studyIds);
  const [row] = await queryRows<{ people: string | null; variants: string | null; biomarkers: string | null; taken: string | null; invited: string | null }>(
    db,
    sql`with latest as materialized (
          -- Two branches, so each reads by its own index (a site's participants, a centre's donors); their keys never meet.
          (select distinct on (mo.participant_id, mo.test_kind, mo.origin) mo.id, mo.participant_id, mo.donor_id, mo.reported_on
           from molecular_orders mo join participants p on p.id = mo.participant_id left join donors d on false
           where mo.status = 'reported' and p.status <> 'withdrawn' and ${f.scope} and ${f.results}${byIds}
           order by mo.participant_id, mo.test_kind, mo.origin, mo.reported_on desc, mo.id desc)
          union all
          (select distinct on (mo.donor_id, mo.test_kind, mo.origin) mo.id, mo.participant_id, mo.donor_id, mo.reported_on
           from molecular_orders mo join donors d on d.id = mo.donor_id left join participants p on false
           where mo.status = 'reported' and ${f.donors} and ${f.results}${byIds}
           order by mo.donor_id, mo.test_kind, mo.origin, mo.reported_on desc, mo.id desc)
        ), ids as materialized (select distinct participant_id as pid, donor_id as did from latest),
        screened as materialized (
          select si.id, si.study_id, si.participant_id, si.donor_id, si.invited_on,
            exists (select 1 from screenings sc where sc.invitation_id = si.id) as done
          from screening_invitations si where si.study_id = any(${studyList}::int[])
        )
        select
          (select string_agg(x, ${RS}) from (
             select concat_ws(${US}, 'p' || p.id, p.subject_code, p.study_id, p.centre_id) as x from ids join participants p on p.id = ids.pid
             union all
             select concat_ws(${US}, 'd' || d.id, d.donor_code, '', d.centre_id) from ids join donors d on d.id = ids.did) people) as people,
          (select string_agg(concat_ws(${US}, ${keyOf("l")}, v.gene, coalesce(v.partner_gene, ''), coalesce(v.hgvs_p, ''), coalesce(v.hgvs_c, ''), v.variant_type,
                    coalesce(v.vaf::text, ''), v.origin, coalesce(v.somatic_tier::text, ''), coalesce(v.germline_class::text, '')), ${RS})
             from latest l join molecular_variants v on v.order_id = l.id
             where v.gene = any(${geneList}::text[]) or v.partner_gene = any(${geneList}::text[])) as variants,
          (select string_agg(concat_ws(${US}, ${keyOf("l")}, b.kind, coalesce(b.value::text, ''), coalesce(b.category, ''), l.reported_on, l.id), ${RS})
             from latest l join molecular_biomarkers b on b.order_id = l.id
             where b.kind::text = any(${pgArray(kinds)}::text[])) as biomarkers,
          (select string_agg(distinct k, ',') from (
             select concat_ws(':', 'p' || p.id, t.study_id) as k
               from (select p2.national_id_hash as h, p2.study_id from participants p2 where p2.study_id = any(${studyList}::int[])
                     union select p3.national_id_hash, sd.study_id from screened sd join participants p3 on p3.id = sd.participant_id where sd.done) t
               join participants p on p.national_id_hash = t.h
               join ids on ids.pid = p.id
             union all
             select concat_ws(':', 'd' || sd.donor_id, sd.study_id) from screened sd join ids on ids.did = sd.donor_id where sd.done) tk) as taken,
          (select string_agg(concat_ws(${US}, k, study_id, id, invited_on), ${RS}) from (
             select 'p' || p.id as k, sd.study_id, sd.id, sd.invited_on
               from screened sd join participants p3 on p3.id = sd.participant_id join participants p on p.national_id_hash = p3.national_id_hash
               join ids on ids.pid = p.id where not sd.done
             union all
             select 'd' || sd.donor_id, sd.study_id, sd.id, sd.invited_on from screened sd join ids on ids.did = sd.donor_id where not sd.done) iv) as invited`,
  );
  const byKey = new Map<string, Candidate>();
  for (const [key, code, studyId, centreId] of split(row?.people ?? null)) {
    const owner: Owner = key[0] === "p" ? "participant" : "donor";
    byKey.set(key, { owner, id: Number(key.slice(1)), key, code, studyId: studyId === "" ? null : Number(studyId), centreId: Number(centreId), results: { variants: [], biomarkers: [] } });
  }
  for (const [key, gene, partnerGene, hgvsP, hgvsC, variantType, vaf, origin, somaticTier, germlineClass] of split(row?.variants ?? null)) {
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
    (byKey.get(key)?.results.variants as ResultVariant[] | undefined)?.push(v);
  }
  // Of a biomarker reported by two kinds of test (TMB from a panel and from a TMB test), the later report's value.
  const seen = new Map<string, { on: string; order: number; b: ResultBiomarker }>();
  for (const [key, kind, value, category, on, order] of split(row?.biomarkers ?? null)) {
    const k = `${key}:${kind}`;
    const prior = seen.get(k);
    if (prior && (prior.on > on || (prior.on === on && prior.order > Number(order)))) continue;
    const b: ResultBiomarker = { kind: kind as BiomarkerKind, value: numOrNull(value), category: orNull(category) };
    const list = byKey.get(key)?.results.biomarkers as ResultBiomarker[] | undefined;
    if (!list) continue;
    if (prior) list[list.indexOf(prior.b)] = b;
    else list.push(b);
    seen.set(k, { on, order: Number(order), b });
  }
  const taken = new Map<string, Set<number>>();
  for (const pair of row?.taken ? row.taken.split(",") : []) {
    const [key, studyId] = pair.split(":");
    let set = taken.get(key);
    if (!set) taken.set(key, (set = new Set()));
    set.add(Number(studyId));
  }
  const invited = new Map<string, Map<number, OpenInvitation>>();
  for (const [key, studyId, id, invitedOn] of split(row?.invited ?? null)) {
    let m = invited.get(key);
    if (!m) invited.set(key, (m = new Map()));
    m.set(Number(studyId), { id: Number(id), invitedOn });
  }
  return { candidates: [...byKey.values()], taken, invited };
}
