"use server";

import { defineAction } from "@/lib/actions/define-action";
import { transferParticipant, transferSchema } from "@/lib/enrolment/commands/transfer";
import { unblindParticipant, unblindSchema } from "@/lib/enrolment/commands/unblind";
import { withdrawParticipant, withdrawSchema } from "@/lib/enrolment/commands/withdraw";

const pages = (d: { studyCode: string; subjectCode: string }) => [`/studies/${d.studyCode}/participants`, `/studies/${d.studyCode}/participants/${d.subjectCode}`, `/studies/${d.studyCode}/consort`];

export const withdrawAction = defineAction({ schema: withdrawSchema, permission: "participant.withdraw", handler: withdrawParticipant, revalidate: pages });
export const transferAction = defineAction({ schema: transferSchema, permission: "participant.transfer", handler: transferParticipant, revalidate: pages });
export const unblindAction = defineAction({ schema: unblindSchema, permission: "participant.unblind", handler: unblindParticipant, revalidate: pages });
