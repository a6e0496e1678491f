import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { crfEvents } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { crfNameField } from "@/lib/crf/item-fields";
import { lockOpenDesignStudy } from "@/lib/crf/design-study";
import { amendmentFields } from "@/lib/studies/fields";
import { versionForChange } from "@/lib/studies/protocol-version";
import { choiceField, idField, optionalRequestKeyField, textField } from "@/lib/validation/fields";

/** The kinds a designer adds by hand; scheduled events come from the visit schedule (sync-scheduled-events.ts). */
export const ADDABLE_EVENT_KINDS = ["unscheduled", "log"] as const;

/**
 * Adds an unscheduled visit or a study-wide log (concomitant medications, adverse events) to
 * the study's events, after the others. Once recruiting it is a protocol amendment.
 */
export const addEventCommand = defineCommand({
  name: "crf.event.add",
  schema: z.strictObject({
    studyId: idField,
    name: crfNameField,
    kind: choiceField(ADDABLE_EVENT_KINDS),
    labelZh: textField({ max: 200 }),
    labelEn: textField({ max: 200 }),
    requestKey: optionalRequestKeyField,
    ...amendmentFields,
  }),
  permission: "crf.design",
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    const study = await lockOpenDesignStudy(tx, actor, input.studyId);
    const taken = await tx.select({ name: crfEvents.name }).from(crfEvents).where(eq(crfEvents.studyId, study.id));
    if (taken.some((e) => e.name === input.name)) throw fieldError("name", "crf.designer.errors.eventExists");
    const v = await versionForChange(tx, actor, study, input, { crfEvents: { added: [input.name] } });
    const [{ next }] = await queryRows<{ next: number }>(tx, sql`select coalesce(max(ordinal), 0) + 1 as next from crf_events where study_id = ${study.id}`);
    const [event] = await tx
      .insert(crfEvents)
      .values({ studyId: study.id, name: input.name, kind: input.kind, visitCode: null, ordinal: next, labelZh: input.labelZh, labelEn: input.labelEn })
      .returning();
    audit({
      action: input.kind === "log" ? "crf.event.logAdded" : "crf.event.unscheduledAdded",
      entityType: "study",
      entityId: study.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      after: { name: event.name, labelZh: event.labelZh, labelEn: event.labelEn, protocolVersion: v.version.version },
      ...(v.amended ? { reason: v.version.reason } : {}),
    });
    return { eventId: event.id, protocolVersion: v.version.version };
  },
});
