"use server";

import { defineAction } from "@/lib/actions/define-action";
import { enrolCommand } from "@/lib/enrolment/commands/enrol";
import { screenCommand } from "@/lib/enrolment/commands/screen";

const studyPages = (d: { studyCode: string }) => [`/studies/${d.studyCode}/screening`, `/studies/${d.studyCode}/participants`, `/studies/${d.studyCode}/consort`];

export const screenAction = defineAction(screenCommand, { revalidate: studyPages });
export const enrolAction = defineAction(enrolCommand, { revalidate: studyPages });
