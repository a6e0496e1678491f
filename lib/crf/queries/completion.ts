import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { ensureCompletionZone } from "@/lib/crf/completion-zone";
import { crfFiguresScope } from "@/lib/crf/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { networkToday } from "@/lib/time/network-day";

/** Forms expected, entered, complete (or verified) and verified, and the median days from the visit (or event) to the first save. */
export type CompletionFigures = { expected: number; entered: number; complete: number; verified: number; medianDaysToEntry: number | null };
export type SiteCompletion = CompletionFigures & { centreId: number; centreCode: string; nameZh: string; nameEn: string };
export type StudyCompletion = { study: CompletionFigures; sites: SiteCompletion[] };

type FactRow = { centre_id: number; kind: "status" | "days" | "due"; key: string; n: number };

/** percentile_cont(0.5) of a histogram (value → count). */
function median(hist: Map<number, number>): number | null {
  const values = [...hist.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const pos = 0.5 * (total - 1);
  const at = (rank: number) => {
    let seen = 0;
    for (const [v, n] of values) {
      seen += n;
      if (rank < seen) return v;
    }
    return values[values.length - 1][0];
  };
  const lo = at(Math.floor(pos));
  const hi = at(Math.ceil(pos));
  return lo + (pos - Math.floor(pos)) * (hi - lo);
}

type Tally = { entered: number; complete: number; verified: number; due: number; days: Map<number, number> };
const emptyTally = (): Tally => ({ entered: 0, complete: 0, verified: 0, due: 0, days: new Map() });

function add(t: Tally, r: FactRow) {
  const n = Number(r.n);
  if (r.kind === "status") {
    t.entered += n;
    if (r.key === "complete" || r.key === "verified") t.complete += n;
    if (r.key === "verified") t.verified += n;
  } else if (r.kind === "due") t.due += n;
  else t.days.set(Number(r.key), (t.days.get(Number(r.key)) ?? 0) + n);
}

const figures = (t: Tally): CompletionFigures => ({ expected: t.entered + t.due, entered: t.entered, complete: t.complete, verified: t.verified, medianDaysToEntry: median(t.days) });

/**
 * The data-entry figures of a study, for the whole study and per site (the participant's
 * current site). A form is expected for each participant at each scheduled event whose visit
 * was done or is overdue (its window closed), and for every form entered (unscheduled visits
 * and logs are expected once entered). Counts only, no participant values: whoever sees the
 * study reads them, viewers included (crfFiguresScope). Read from crf_completion_facts, kept by
 * triggers (migration 0025): the cost follows sites × keys, not forms; the raw recount it equals
 * is lib/testing/crf-completion-recount.ts.
 */
export const studyCompletion = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, studyId: number, today: string = networkToday()): Promise<StudyCompletion | null> => {
    const db = await getDb();
    await ensureCompletionZone(db);
    const sites = await queryRows<{ centre_id: number | null; code: string | null; name_zh: string | null; name_en: string | null }>(
      db,
      sql`select o.id as centre_id, o.code, o.name_zh, o.name_en
          from studies s left join study_sites ss on ss.study_id = s.id left join organisations o on o.id = ss.centre_id
          where s.id = ${studyId} and ${crfFiguresScope(actor, sql`s.id`)} order by o.code`,
    );
    if (!sites.length) return null;
    // Due forms not entered are summed per centre here: their keys are window ends (many days).
    const rows = await queryRows<FactRow>(
      db,
      sql`select centre_id, kind, case when kind = 'due' then '' else key end as key, sum(n)::int as n
          from crf_completion_facts
          where study_id = ${studyId} and n <> 0 and (kind <> 'due' or key collate "C" < ${today})
          group by 1, 2, 3`,
    );
    const study = emptyTally();
    const byCentre = new Map<number, Tally>();
    for (const r of rows) {
      add(study, r);
      const c = Number(r.centre_id);
      if (!byCentre.has(c)) byCentre.set(c, emptyTally());
      add(byCentre.get(c)!, r);
    }
    return {
      study: figures(study),
      sites: sites
        .filter((s) => s.centre_id !== null)
        .map((s) => ({ centreId: Number(s.centre_id), centreCode: s.code!, nameZh: s.name_zh!, nameEn: s.name_en!, ...figures(byCentre.get(Number(s.centre_id)) ?? emptyTally()) })),
    };
  },
  otherwise: (): StudyCompletion | null => null,
});
