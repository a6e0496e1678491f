"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addAeCommand } from "@/lib/followup/commands/add-ae";
import { correctParticipantCommand } from "@/lib/followup/commands/correct-participant";
import { recordVisitCommand } from "@/lib/followup/commands/record-visit";
import { updateAeCommand } from "@/lib/followup/commands/update-ae";
import { verifyCommand } from "@/lib/followup/commands/verify";

const pages = (d: { subjectCode: string }) => [`/follow-up/${d.subjectCode}`, "/follow-up", "/follow-up/saes", "/notifications"];

export const recordVisitAction = defineAction(recordVisitCommand, { revalidate: pages });
export const addAeAction = defineAction(addAeCommand, { revalidate: pages, redirectTo: (d) => `/follow-up/${d.subjectCode}/ae/${d.id}` });
export const updateAeAction = defineAction(updateAeCommand, { revalidate: pages });
export const correctParticipantAction = defineAction(correctParticipantCommand, { revalidate: pages });
export const verifyAction = defineAction(verifyCommand, { revalidate: pages });
