import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { computeMatches, type Match } from "@/lib/molecular/match-engine";
import { notify, type Notice } from "@/lib/notifications/notify";

/** At most this many codes are named in one site notice (the page lists them all). */
const CODES_NAMED = 10;

const staffAt = async (tx: Db, centreIds: readonly number[]) => {
  const rows = await queryRows<{ id: number; centreId: number }>(
    tx,
    sql`select id, centre_id as "centreId" from users where role = 'site_staff' and not disabled and centre_id = any(${`{${centreIds.join(",")}}`}::int[]) order by id`,
  );
  const by = new Map<number, number[]>();
  for (const u of rows) by.set(u.centreId, [...(by.get(u.centreId) ?? []), u.id]);
  return by;
};

/**
 * The matches no site has been told of yet, now recorded as told (biomarker_match_notices: once
 * per person and study, whatever announced it — a report, the criteria, the start of recruiting;
 * two callers at once insert each pair once). Matches already announced are dropped.
 */
async function claimNew(tx: Db, matches: readonly Match[]): Promise<{ match: Match; ledgerId: number }[]> {
  if (matches.length === 0) return [];
  const rows = matches.map((m) => ({ study_id: m.studyId, participant_id: m.owner === "participant" ? m.ownerId : null, donor_id: m.owner === "donor" ? m.ownerId : null, centre_id: m.centreId }));
  const fresh = await queryRows<{ id: number; studyId: number; key: string }>(
    tx,
    sql`insert into biomarker_match_notices (study_id, participant_id, donor_id, centre_id)
        select x.study_id, x.participant_id, x.donor_id, x.centre_id
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(study_id int, participant_id int, donor_id int, centre_id int)
        on conflict do nothing
        returning id, study_id as "studyId", coalesce('p' || participant_id, 'd' || donor_id) as key`,
  );
  const ids = new Map(fresh.map((f) => [`${f.key}:${f.studyId}`, f.id]));
  return matches.flatMap((m) => {
    const ledgerId = ids.get(`${m.key}:${m.studyId}`);
    return ledgerId === undefined ? [] : [{ match: m, ledgerId }];
  });
}

/**
 * One notice per (study, site) of new matches: the site staff of the people's centre hear how many
 * of their patients or donors now match a recruiting study, and which codes (the study's match page
 * shows the rest). The notice's occurrence is the set's first ledger row, so the same set is never
 * announced twice, and a later set (new matches) is a new notice.
 */
async function noticeBySite(tx: Db, claimed: { match: Match; ledgerId: number }[], except?: number): Promise<number> {
  if (claimed.length === 0) return 0;
  const groups = new Map<string, { match: Match; ledgerId: number }[]>();
  for (const c of claimed) {
    const k = `${c.match.studyId}:${c.match.centreId}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const staff = await staffAt(tx, [...new Set(claimed.map((c) => c.match.centreId))]);
  const notices: Notice[] = [...groups.values()].map((g) => {
    const codes = g.map((c) => c.match.code).sort();
    const first = g[0].match;
    return {
      kind: "biomarker_matches",
      recipients: staff.get(first.centreId) ?? [],
      studyId: first.studyId,
      participantId: null,
      entityType: "study",
      entityId: first.studyId,
      occurrence: Math.min(...g.map((c) => c.ledgerId)),
      params: { studyCode: first.studyCode, centreCode: first.centreCode, count: g.length, codes: codes.slice(0, CODES_NAMED).join(", ") + (codes.length > CODES_NAMED ? ", …" : "") },
    };
  });
  return notify(tx, notices, { except });
}

/**
 * Tells the site staff of an order's owner about the recruiting studies its results now match,
 * once per (person, study): a participant's site hears of each match by subject code (the notice
 * opens the participant), a donor's centre gets the site notice. Read with the system's eyes: the
 * recipients are the owner's own site, who may see germline results too.
 */
export async function notifyMatchesOfOrder(tx: Db, orderId: number, except?: number): Promise<number> {
  const [order] = await queryRows<{ participantId: number | null; donorId: number | null }>(
    tx,
    sql`select mo.participant_id as "participantId", mo.donor_id as "donorId" from molecular_orders mo where mo.id = ${orderId}`,
  );
  if (!order) return 0;
  const matches = await computeMatches(tx, {
    scope: sql`true`,
    donors: sql`true`,
    results: sql`true`,
    ...(order.participantId !== null ? { participantIds: [order.participantId] } : { donorIds: [order.donorId ?? 0] }),
  });
  const claimed = await claimNew(tx, matches);
  if (claimed.length === 0) return 0;
  if (order.participantId === null) return noticeBySite(tx, claimed, except);
  const staff = await staffAt(tx, [claimed[0].match.centreId]);
  return notify(
    tx,
    claimed.map(({ match: m }) => ({
      kind: "biomarker_match" as const,
      recipients: staff.get(m.centreId) ?? [],
      studyId: m.studyId,
      participantId: m.ownerId,
      entityType: "participant" as const,
      entityId: m.ownerId,
      occurrence: m.studyId,
      params: { subjectCode: m.code, studyCode: m.studyCode, criteria: m.evidence.map((e) => e.code).join(", ") },
    })),
    { except },
  );
}

/**
 * A recruiting study's matches across the network, announced to each site that has new ones (its
 * criteria were just set or amended, or it started recruiting): once per (study, site, new match
 * set). The (study, protocol version) is recorded as announced (biomarker_match_sweeps) so the sweep
 * does not compute it again. Returns how many notifications were written.
 */
export async function announceStudyMatches(tx: Db, studyId: number, except?: number): Promise<number> {
  const [study] = await queryRows<{ version: number }>(
    tx,
    sql`select current_protocol_version as version from studies where id = ${studyId} and status = 'recruiting'`,
  );
  if (!study) return 0;
  await tx.execute(sql`insert into biomarker_match_sweeps (study_id, protocol_version) values (${studyId}, ${study.version}) on conflict do nothing`);
  const matches = await computeMatches(tx, { scope: sql`true`, donors: sql`true`, results: sql`true`, studyIds: [studyId] });
  return noticeBySite(tx, await claimNew(tx, matches), except);
}

/**
 * The routine behind "a study starts recruiting": a study's status changes in the studies domain,
 * which knows nothing of biomarkers, so the recruiting studies whose protocol version in force
 * holds biomarker criteria and has not been announced yet are found here (one small query; run when
 * the notification and match pages are read) and announced, each in its own transaction.
 */
export async function announceDueStudies(db: Db): Promise<number> {
  const due = await queryRows<{ id: number }>(
    db,
    sql`select s.id from studies s join protocol_versions pv on pv.study_id = s.id and pv.version = s.current_protocol_version
        where s.status = 'recruiting' and exists (select 1 from biomarker_criteria bc where bc.protocol_version_id = pv.id)
          and not exists (select 1 from biomarker_match_sweeps w where w.study_id = s.id and w.protocol_version = s.current_protocol_version)
        order by s.id`,
  );
  let written = 0;
  for (const s of due) written += await db.transaction(async (tx) => announceStudyMatches(tx as Db, s.id));
  return written;
}
