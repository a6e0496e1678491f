"use server";

import { defineAction } from "@/lib/actions/define-action";
import { transferCommand } from "@/lib/enrolment/commands/transfer";
import { unblindCommand } from "@/lib/enrolment/commands/unblind";
import { withdrawCommand } from "@/lib/enrolment/commands/withdraw";

const pages = (d: { studyCode: string; subjectCode: string }) => [`/studies/${d.studyCode}/participants`, `/studies/${d.studyCode}/participants/${d.subjectCode}`, `/studies/${d.studyCode}/consort`];

export const withdrawAction = defineAction(withdrawCommand, { revalidate: pages });
export const transferAction = defineAction(transferCommand, { revalidate: pages });
export const unblindAction = defineAction(unblindCommand, { revalidate: pages });
