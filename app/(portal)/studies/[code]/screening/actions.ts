"use server";

import { defineAction } from "@/lib/actions/define-action";
import { enrol, enrolSchema } from "@/lib/enrolment/commands/enrol";
import { screenPatient, screenSchema } from "@/lib/enrolment/commands/screen";

const studyPages = (d: { studyCode: string }) => [`/studies/${d.studyCode}/screening`, `/studies/${d.studyCode}/participants`, `/studies/${d.studyCode}/consort`];

export const screenAction = defineAction({ schema: screenSchema, permission: "participant.screen", handler: screenPatient, revalidate: studyPages });
export const enrolAction = defineAction({ schema: enrolSchema, permission: "participant.enrol", handler: enrol, revalidate: studyPages });
