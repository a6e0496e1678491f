"use server";

import { defineAction } from "@/lib/actions/define-action";
import { answerQuery, answerQuerySchema } from "@/lib/followup/commands/answer-query";
import { closeQuery, closeQuerySchema, reopenQuery, reopenQuerySchema } from "@/lib/followup/commands/close-query";
import { raiseQuery, raiseQuerySchema } from "@/lib/followup/commands/raise-query";

const thread = (d: { id: number }) => [`/follow-up/queries/${d.id}`, "/follow-up/queries"];

export const raiseQueryAction = defineAction({
  schema: raiseQuerySchema,
  permission: "followup.query",
  handler: raiseQuery,
  revalidate: (d) => [...thread(d), `/follow-up/${d.subjectCode}`],
  redirectTo: (d) => `/follow-up/queries/${d.id}`,
});
export const answerQueryAction = defineAction({ schema: answerQuerySchema, permission: "followup.record", handler: answerQuery, revalidate: thread });
export const closeQueryAction = defineAction({ schema: closeQuerySchema, permission: "followup.query", handler: closeQuery, revalidate: thread });
export const reopenQueryAction = defineAction({ schema: reopenQuerySchema, permission: "followup.query", handler: reopenQuery, revalidate: thread });
