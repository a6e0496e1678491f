import { and, asc, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { crfEvents } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { lockOpenDesignStudy } from "@/lib/crf/design-study";
import { loadCurrentVersion } from "@/lib/studies/protocol-version";
import { scheduleOf } from "@/lib/studies/visit-schedule";
import { idField } from "@/lib/validation/fields";
import { ensureVisitAssessmentForm } from "@/lib/crf/visit-assessment";

/** The event name of a visit code (REDCap's event-name rule: "C1D1" → "c1d1", "1M" → "v_1m"). */
export function eventNameOfVisit(code: string): string {
  const name = code.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return /^[a-z]/.test(name) ? name : `v_${name}`;
}

/**
 * Makes the study's scheduled events follow the visit schedule of its protocol version in force:
 * one event per visit code, labelled and ordered as the visit, each collecting the standard visit
 * assessment form (made for the study when it has none). A visit gone from the schedule
 * keeps its event (data may have been entered at it); when nothing differs it is refused with
 * "already in step" and writes nothing. Run by the designer from the forms page
 * (never implicitly when a page opens: a page only reads). No amendment of its own: the
 * schedule it mirrors is protocol data whose changes are already amendments once recruiting
 * (lib/studies/commands/set-visit-schedule.ts).
 */
export const syncScheduledEventsCommand = defineCommand({
  name: "crf.events.sync",
  schema: z.strictObject({ studyId: idField }),
  permission: "crf.design",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await lockOpenDesignStudy(tx, actor, input.studyId);
    const visits = await scheduleOf(tx, (await loadCurrentVersion(tx, study)).id);
    const events = await tx.select().from(crfEvents).where(eq(crfEvents.studyId, study.id)).orderBy(asc(crfEvents.ordinal));
    const scheduled = await tx.select().from(crfEvents).where(and(eq(crfEvents.studyId, study.id), isNotNull(crfEvents.visitCode)));
    const added: string[] = [];
    const updated: string[] = [];
    for (const v of visits) {
      const existing = scheduled.find((e) => e.visitCode === v.code);
      if (existing) {
        if (existing.labelZh === v.nameZh && existing.labelEn === v.nameEn && existing.ordinal === v.ordinal) continue;
        await tx.update(crfEvents).set({ labelZh: v.nameZh, labelEn: v.nameEn, ordinal: v.ordinal, updatedAt: new Date() }).where(eq(crfEvents.id, existing.id));
        updated.push(existing.name);
        continue;
      }
      const name = eventNameOfVisit(v.code);
      if (events.some((e) => e.name === name) || added.includes(name)) throw new ActionError("crf.designer.errors.eventNameTaken", { name, visit: v.code });
      await tx.insert(crfEvents).values({ studyId: study.id, name, kind: "scheduled", visitCode: v.code, ordinal: v.ordinal, labelZh: v.nameZh, labelEn: v.nameEn });
      added.push(name);
    }
    // Every scheduled event collects the standard visit assessment (lib/crf/visit-assessment.ts).
    const assessment = await ensureVisitAssessmentForm(tx, study.id);
    // Every command leaves an audit event: a schedule already followed is answered, not written.
    if (!added.length && !updated.length && !assessment.created && !assessment.attached) throw new ActionError("crf.designer.errors.eventsInSync");
    {
      audit({
        action: "crf.events.synced",
        entityType: "study",
        entityId: study.id,
        centreId: study.leadCentreId,
        studyId: study.id,
        after: { protocolVersion: study.currentProtocolVersion, events: [...added, ...updated], visitAssessment: { created: assessment.created, attached: assessment.attached } },
      });
    }
    return { studyId: study.id, added, updated };
  },
});
