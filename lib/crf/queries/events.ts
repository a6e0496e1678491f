import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { crfEventForms, crfEvents, studies, type CrfEvent } from "@/db/schema";
import { crfReadScope } from "@/lib/crf/scope";
import { loadCurrentVersion } from "@/lib/studies/protocol-version";
import { scheduleOf } from "@/lib/studies/visit-schedule";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

const KIND_ORDER = { scheduled: 0, unscheduled: 1, log: 2 } as const;

export type StudyEvents = {
  events: (Pick<CrfEvent, "id" | "name" | "kind" | "visitCode" | "labelZh" | "labelEn"> & { formIds: number[] })[];
  /** Visit codes of the schedule in force that have no event yet, or whose event's label or order differs. */
  outOfSync: string[];
};

/**
 * The study's events (scheduled visits first, in the schedule's order, then unscheduled visits
 * and logs) with the forms each collects, and whether the scheduled events follow the visit
 * schedule in force. Form definitions only, no participant data: whoever reads the study.
 */
export const studyEvents = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, studyId: number): Promise<StudyEvents> => {
    const db = await getDb();
    const [study] = await db.select().from(studies).where(and(eq(studies.id, studyId), crfReadScope(actor)));
    if (!study) return { events: [], outOfSync: [] };
    const rows = await db.select().from(crfEvents).where(eq(crfEvents.studyId, study.id)).orderBy(asc(crfEvents.ordinal), asc(crfEvents.id));
    rows.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.ordinal - b.ordinal || a.id - b.id);
    const cells = rows.length
      ? await db.select().from(crfEventForms).where(inArray(crfEventForms.eventId, rows.map((e) => e.id))).orderBy(asc(crfEventForms.ordinal))
      : [];
    const visits = await scheduleOf(db, (await loadCurrentVersion(db, study)).id);
    const outOfSync = visits
      .filter((v) => {
        const e = rows.find((r) => r.visitCode === v.code);
        return !e || e.labelZh !== v.nameZh || e.labelEn !== v.nameEn || e.ordinal !== v.ordinal;
      })
      .map((v) => v.code);
    return {
      events: rows.map((e) => ({
        id: e.id,
        name: e.name,
        kind: e.kind,
        visitCode: e.visitCode,
        labelZh: e.labelZh,
        labelEn: e.labelEn,
        formIds: cells.filter((c) => c.eventId === e.id).map((c) => c.formId),
      })),
      outOfSync,
    };
  },
  otherwise: (): StudyEvents => ({ events: [], outOfSync: [] }),
});
