"use server";

import { defineAction } from "@/lib/actions/define-action";
import { changeStudyStatusCommand } from "@/lib/studies/commands/change-status";
import { createStudyCommand } from "@/lib/studies/commands/create-study";
import { updateStudyCommand } from "@/lib/studies/commands/update-study";

const pages = (d: { code: string }) => ["/studies", `/studies/${d.code}`, `/studies/${d.code}/history`];

export const createStudyAction = defineAction(createStudyCommand, { revalidate: pages, redirectTo: (d) => `/studies/${d.code}` });
export const updateStudyAction = defineAction(updateStudyCommand, { revalidate: pages });
export const changeStudyStatusAction = defineAction(changeStudyStatusCommand, { revalidate: pages });
