import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { BiomarkerKind } from "@/db/enums";
import type { BiomarkerCriterion } from "@/lib/molecular/criteria";
import { readCandidates, type MatchFilter, type OpenInvitation, type Owner } from "@/lib/molecular/match-reads";
import { criteriaGenes, indexCriteria, matchIndexed, type Evidence } from "@/lib/molecular/matching";
import { nearestSite, type Nearness, type PlacedCentre } from "@/lib/molecular/nearest-site";
import { loadRecruitingCriteria } from "@/lib/molecular/study-criteria";

export type { MatchFilter, OpenInvitation, Owner };

/**
 * One person matching one recruiting study, pseudonymous: a participant by subject code, or a
 * biobank donor by donor code, never a name or ID.
 */
export type Match = {
  owner: Owner;
  /** The participant's id, or the donor's (by `owner`). */
  ownerId: number;
  /** `p<id>` / `d<id>`. */
  key: string;
  code: string;
  centreId: number;
  centreCode: string;
  centreNameZh: string;
  centreNameEn: string;
  studyId: number;
  studyCode: string;
  titleZh: string;
  titleEn: string;
  protocolVersion: number;
  /** The participating site the patient would be screened at (their own centre's, else the nearest). */
  siteId: number;
  siteCentreId: number;
  siteCentreCode: string;
  siteNameZh: string;
  siteNameEn: string;
  nearness: Nearness;
  evidence: Evidence[];
  /** Invited to screening from this match, the screening not yet recorded (then the list shows the invitation, not the button). */
  invitation: OpenInvitation | null;
};

type NamedCentre = PlacedCentre & { nameZh: string; nameEn: string };

async function centresOf(db: Db): Promise<Map<number, NamedCentre>> {
  const rows = await queryRows<NamedCentre>(db, sql`select id, code, path, province, city, name_zh as "nameZh", name_en as "nameEn" from organisations`);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The biomarker kinds any of these criteria read. */
function criteriaKinds(criteria: readonly BiomarkerCriterion[]): BiomarkerKind[] {
  const kinds = new Set<BiomarkerKind>();
  for (const c of criteria) {
    if (c.kind === "tmb" || c.kind === "pdl1_tps" || c.kind === "pdl1_cps") kinds.add(c.kind);
    if (c.kind === "msi_high") kinds.add("msi");
    if (c.kind === "her2") kinds.add("her2_ihc");
  }
  return [...kinds];
}

// Plain code-point order (codes are ASCII): a locale comparison of the network's matches would cost more than the match.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every (participant or donor, recruiting study) match in the filter, by study code then code:
 * the person's latest results meet ANY of the study's biomarker criteria (lib/molecular/matching.ts),
 * the person is not in the study nor screened for it from an invitation (an invitation not yet
 * answered by a screening stays on the list, with the invitation), and the study has an active site.
 */
export async function computeMatches(db: Db, f: MatchFilter): Promise<Match[]> {
  // Studies in code order: each study's matches are collected in a list of its own, in the people's code order, so nothing is sorted at the end.
  const studies = (await loadRecruitingCriteria(db, f.studyIds)).filter((s) => s.criteria.length > 0 && s.sites.length > 0).sort((a, b) => cmp(a.studyCode, b.studyCode));
  if (studies.length === 0) return [];
  const all = studies.flatMap((s) => s.criteria);
  const [{ candidates, taken, invited }, centres] = await Promise.all([
    readCandidates(db, f, criteriaGenes(all), criteriaKinds(all), studies.map((s) => s.studyId)),
    centresOf(db),
  ]);
  candidates.sort((a, b) => cmp(a.code, b.code));
  const index = indexCriteria(studies.map((s) => s.criteria));
  type Near = ReturnType<typeof nearestSite<(typeof studies)[number]["sites"][number]>>;
  // The nearest site depends only on the person's centre and the study: once per pair, with its centre's names.
  const nearest = studies.map(() => new Map<number, { near: Near; site: NamedCentre | undefined }>());
  const nearestOf = (from: NamedCentre, s: number) => {
    let n = nearest[s].get(from.id);
    if (!n) {
      const near = nearestSite(from, studies[s].sites);
      nearest[s].set(from.id, (n = { near, site: near ? centres.get(near.site.centre.id) : undefined }));
    }
    return n;
  };
  const byStudy: Match[][] = studies.map(() => []);
  for (const person of candidates) {
    const from = centres.get(person.centreId);
    if (!from) continue;
    const takenHere = taken.get(person.key);
    const invitedHere = invited.get(person.key);
    for (const { s, evidence } of matchIndexed(index, person.results)) {
      const study = studies[s];
      if (takenHere?.has(study.studyId)) continue;
      const { near, site } = nearestOf(from, s);
      if (!near) continue;
      byStudy[s].push({
        owner: person.owner,
        ownerId: person.id,
        key: person.key,
        code: person.code,
        centreId: from.id,
        centreCode: from.code,
        centreNameZh: from.nameZh,
        centreNameEn: from.nameEn,
        studyId: study.studyId,
        studyCode: study.studyCode,
        titleZh: study.titleZh,
        titleEn: study.titleEn,
        protocolVersion: study.version,
        siteId: near.site.siteId,
        siteCentreId: near.site.centre.id,
        siteCentreCode: near.site.centre.code,
        siteNameZh: site?.nameZh ?? near.site.centre.code,
        siteNameEn: site?.nameEn ?? near.site.centre.code,
        nearness: near.nearness,
        evidence,
        invitation: invitedHere?.get(study.studyId) ?? null,
      });
    }
  }
  return byStudy.flat();
}
