"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addAe, addAeSchema, updateAe, updateAeSchema } from "@/lib/followup/commands/adverse-event";
import { correctParticipant, correctParticipantSchema } from "@/lib/followup/commands/correct-participant";
import { recordVisit, recordVisitSchema } from "@/lib/followup/commands/record-visit";
import { verifyRecord, verifySchema } from "@/lib/followup/commands/verify";

const pages = (d: { subjectCode: string }) => [`/follow-up/${d.subjectCode}`, "/follow-up", "/follow-up/saes", "/notifications"];

export const recordVisitAction = defineAction({ schema: recordVisitSchema, permission: "followup.record", handler: recordVisit, revalidate: pages });
export const addAeAction = defineAction({
  schema: addAeSchema,
  permission: "followup.record",
  handler: addAe,
  revalidate: pages,
  redirectTo: (d) => `/follow-up/${d.subjectCode}/ae/${d.id}`,
});
export const updateAeAction = defineAction({ schema: updateAeSchema, permission: "followup.record", handler: updateAe, revalidate: pages });
export const correctParticipantAction = defineAction({ schema: correctParticipantSchema, permission: "followup.record", handler: correctParticipant, revalidate: pages });
export const verifyAction = defineAction({ schema: verifySchema, permission: "followup.verify", handler: verifyRecord, revalidate: pages });
