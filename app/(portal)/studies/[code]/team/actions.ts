"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addTeamMemberCommand } from "@/lib/studies/commands/add-team-member";
import { removeTeamMemberCommand } from "@/lib/studies/commands/remove-team-member";

const pages = (d: { code: string }) => [`/studies/${d.code}/team`, `/studies/${d.code}/history`];

export const addTeamMemberAction = defineAction(addTeamMemberCommand, { revalidate: pages });
export const removeTeamMemberAction = defineAction(removeTeamMemberCommand, { revalidate: pages });
