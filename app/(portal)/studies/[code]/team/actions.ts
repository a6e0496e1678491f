"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addTeamMember, addTeamMemberSchema, removeTeamMember, removeTeamMemberSchema } from "@/lib/studies/commands/team";

const pages = (d: { code: string }) => [`/studies/${d.code}/team`, `/studies/${d.code}/history`];

export const addTeamMemberAction = defineAction({ schema: addTeamMemberSchema, permission: "study.manage", handler: addTeamMember, revalidate: pages });
export const removeTeamMemberAction = defineAction({ schema: removeTeamMemberSchema, permission: "study.manage", handler: removeTeamMember, revalidate: pages });
