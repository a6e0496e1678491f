"use server";

import { defineAction } from "@/lib/actions/define-action";
import { changeStudyStatus, changeStudyStatusSchema } from "@/lib/studies/commands/change-status";
import { createStudy, createStudySchema } from "@/lib/studies/commands/create-study";
import { updateStudy, updateStudySchema } from "@/lib/studies/commands/update-study";

const pages = (d: { code: string }) => ["/studies", `/studies/${d.code}`, `/studies/${d.code}/history`];

export const createStudyAction = defineAction({
  schema: createStudySchema,
  permission: "study.create",
  handler: createStudy,
  revalidate: pages,
  redirectTo: (d) => `/studies/${d.code}`,
});
export const updateStudyAction = defineAction({ schema: updateStudySchema, permission: "study.manage", handler: updateStudy, revalidate: pages });
export const changeStudyStatusAction = defineAction({ schema: changeStudyStatusSchema, permission: "study.manage", handler: changeStudyStatus, revalidate: pages });
