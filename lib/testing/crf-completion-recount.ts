import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";

export type RecountedFigures = { expected: number; entered: number; complete: number; verified: number; medianDaysToEntry: number | null };

/**
 * The completion figures of a study recounted from the raw rows (participants, visits, events,
 * the events' forms, form instances) in one statement: what studyCompletion read before
 * crf_completion_facts, kept to test that the counters equal it. By centre id; `null` is the study.
 */
export async function recountCompletion(db: Db, studyId: number, today: string): Promise<Map<number | null, RecountedFigures>> {
  const rows = await queryRows<{ centre_id: number | null; expected: number; entered: number; complete: number; verified: number; median: number | null }>(
    db,
    sql`with due as (
          select p.id as participant_id, p.centre_id, ef.event_id, ef.form_id, 1 as repeat
          from participants p
          join participant_visits v on v.participant_id = p.id
          join visit_definitions d on d.id = v.visit_definition_id
          join crf_events e on e.study_id = p.study_id and e.kind = 'scheduled' and e.visit_code = d.code
          join crf_event_forms ef on ef.event_id = e.id
          where p.study_id = ${studyId} and (v.status = 'done' or (v.status = 'expected' and v.window_end < ${today}::date))
        ),
        cells as (
          select participant_id, centre_id, event_id, form_id, repeat from due
          union
          select i.participant_id, p.centre_id, i.event_id, i.form_id, i.repeat
          from crf_form_instances i join participants p on p.id = i.participant_id where i.study_id = ${studyId}
        )
        select c.centre_id, count(*)::int as expected, count(i.id)::int as entered,
               count(*) filter (where i.status in ('complete', 'verified'))::int as complete,
               count(*) filter (where i.status = 'verified')::int as verified,
               percentile_cont(0.5) within group (order by ((i.created_at at time zone ${NETWORK_TIME_ZONE})::date - i.event_date))
                 filter (where i.event_date is not null) as median
        from cells c
        left join crf_form_instances i on i.participant_id = c.participant_id and i.event_id = c.event_id and i.form_id = c.form_id and i.repeat = c.repeat
        group by grouping sets ((c.centre_id), ())`,
  );
  const out = new Map<number | null, RecountedFigures>();
  for (const r of rows) {
    out.set(r.centre_id === null ? null : Number(r.centre_id), {
      expected: Number(r.expected),
      entered: Number(r.entered),
      complete: Number(r.complete),
      verified: Number(r.verified),
      medianDaysToEntry: r.median === null ? null : Number(r.median),
    });
  }
  return out;
}
