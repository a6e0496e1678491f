import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { crfEventForms, crfEvents, crfForms, studies } from "@/db/schema";
import { crfReadScope } from "@/lib/crf/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** An event and a form of a study, named as the API's URLs name them (event and form names), when the event collects the form. */
export const eventFormByName = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, studyId: number, eventName: string, formName: string): Promise<{ eventId: number; formId: number } | null> => {
    const db = await getDb();
    const [row] = await db
      .select({ eventId: crfEvents.id, formId: crfForms.id })
      .from(crfEvents)
      .innerJoin(studies, eq(studies.id, crfEvents.studyId))
      .innerJoin(crfForms, and(eq(crfForms.studyId, crfEvents.studyId), eq(crfForms.name, formName)))
      .innerJoin(crfEventForms, and(eq(crfEventForms.eventId, crfEvents.id), eq(crfEventForms.formId, crfForms.id)))
      .where(and(eq(crfEvents.studyId, studyId), eq(crfEvents.name, eventName), crfReadScope(actor)))
      .limit(1);
    return row ?? null;
  },
  otherwise: (): { eventId: number; formId: number } | null => null,
});

export type ApiEvent = { name: string; kind: string; visitCode: string | null; labelZh: string; labelEn: string; forms: { name: string; labelZh: string; labelEn: string }[] };

const KIND_ORDER: Record<string, number> = { scheduled: 0, unscheduled: 1, log: 2 };

/** A study's events (scheduled first, in order, then unscheduled visits and logs) with the forms each collects, by name. Form definitions only: whoever sees the study. */
export const apiStudyEvents = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, studyId: number): Promise<ApiEvent[]> => {
    const db = await getDb();
    const rows = await db
      .select({
        id: crfEvents.id,
        name: crfEvents.name,
        kind: crfEvents.kind,
        visitCode: crfEvents.visitCode,
        labelZh: crfEvents.labelZh,
        labelEn: crfEvents.labelEn,
        ordinal: crfEvents.ordinal,
        formName: crfForms.name,
        formLabelZh: crfForms.labelZh,
        formLabelEn: crfForms.labelEn,
        cellOrdinal: crfEventForms.ordinal,
      })
      .from(crfEvents)
      .innerJoin(studies, eq(studies.id, crfEvents.studyId))
      .leftJoin(crfEventForms, eq(crfEventForms.eventId, crfEvents.id))
      .leftJoin(crfForms, eq(crfForms.id, crfEventForms.formId))
      .where(and(eq(crfEvents.studyId, studyId), crfReadScope(actor)));
    const events = new Map<number, ApiEvent & { ordinal: number; id: number; cells: { o: number; f: ApiEvent["forms"][number] }[] }>();
    for (const r of rows) {
      let e = events.get(r.id);
      if (!e) {
        e = { id: r.id, ordinal: r.ordinal, name: r.name, kind: r.kind, visitCode: r.visitCode, labelZh: r.labelZh, labelEn: r.labelEn, forms: [], cells: [] };
        events.set(r.id, e);
      }
      if (r.formName !== null) e.cells.push({ o: r.cellOrdinal ?? 0, f: { name: r.formName, labelZh: r.formLabelZh ?? "", labelEn: r.formLabelEn ?? "" } });
    }
    return [...events.values()]
      .sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.ordinal - b.ordinal || a.id - b.id)
      .map(({ name, kind, visitCode, labelZh, labelEn, cells }) => ({ name, kind, visitCode, labelZh, labelEn, forms: cells.sort((x, y) => x.o - y.o).map((c) => c.f) }));
  },
  otherwise: (): ApiEvent[] => [],
});
