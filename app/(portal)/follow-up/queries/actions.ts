"use server";

import { defineAction } from "@/lib/actions/define-action";
import { answerQueryCommand } from "@/lib/followup/commands/answer-query";
import { closeQueryCommand } from "@/lib/followup/commands/close-query";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";
import { reopenQueryCommand } from "@/lib/followup/commands/reopen-query";

const thread = (d: { id: number }) => [`/follow-up/queries/${d.id}`, "/follow-up/queries"];

export const raiseQueryAction = defineAction(raiseQueryCommand, {
  revalidate: (d) => [...thread(d), `/follow-up/${d.subjectCode}`],
  redirectTo: (d) => `/follow-up/queries/${d.id}`,
});
export const answerQueryAction = defineAction(answerQueryCommand, { revalidate: thread });
export const closeQueryAction = defineAction(closeQueryCommand, { revalidate: thread });
export const reopenQueryAction = defineAction(reopenQueryCommand, { revalidate: thread });
