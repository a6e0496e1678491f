import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { computeMatches, type Match } from "@/lib/molecular/match-engine";
import { donorRowScope, germlineVisible } from "@/lib/molecular/scope";
import { participantScope } from "@/lib/participants/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

export type { Match };

/** Site staff look at the patients of their own site (not those transferred away from it). */
const ownPatients = (actor: ReadActor) => (actor.role === "site_staff" ? sql` and p.centre_id = ${actor.centreId}` : sql``);

/**
 * Participants (participant rows in the actor's scope, lib/participants/scope.ts) and biobank
 * donors (the biobank's donor scope, lib/molecular/scope.ts donorRowScope) whose latest results
 * meet a recruiting study's biomarker criteria and who are not yet in it nor screened for it, with
 * the evidence and the site to refer them to (their own centre's, else the nearest participating
 * one). Germline results count only for those who may see them.
 */
export const siteMatches = defineQuery({
  permission: "molecular.read",
  run: async (actor: ReadActor, db?: Db): Promise<Match[]> =>
    computeMatches(db ?? (await getDb()), { scope: sql`${participantScope(actor)}${ownPatients(actor)}`, donors: donorRowScope(actor), results: germlineVisible(actor) }),
  otherwise: (_db?: Db): Match[] => [],
});

export type CentreMatches = { centreId: number; centreCode: string; centreNameZh: string; centreNameEn: string; matches: Match[] };

/** One study's matches across the network (as far as the actor's scope reaches), by the people's centres. */
export const studyMatches = defineQuery({
  permission: "molecular.read",
  run: async (actor: ReadActor, studyId: number, db?: Db): Promise<CentreMatches[]> => {
    const rows = await computeMatches(db ?? (await getDb()), { scope: participantScope(actor), donors: donorRowScope(actor), results: germlineVisible(actor), studyIds: [studyId] });
    const groups = new Map<number, CentreMatches>();
    for (const m of rows) {
      let g = groups.get(m.centreId);
      if (!g) groups.set(m.centreId, (g = { centreId: m.centreId, centreCode: m.centreCode, centreNameZh: m.centreNameZh, centreNameEn: m.centreNameEn, matches: [] }));
      g.matches.push(m);
    }
    return [...groups.values()].sort((a, b) => a.centreCode.localeCompare(b.centreCode));
  },
  otherwise: (_studyId: number, _db?: Db): CentreMatches[] => [],
});
