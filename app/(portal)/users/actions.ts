"use server";

import { defineAction } from "@/lib/actions/define-action";
import { changeRoleCommand } from "@/lib/users/commands/change-role";
import { createUserCommand } from "@/lib/users/commands/create-user";
import { issuePasswordResetCommand } from "@/lib/users/commands/issue-password-reset";
import { setUserDisabledCommand } from "@/lib/users/commands/set-user-disabled";
import { createdUserPath, userPath, USERS_PATH } from "@/lib/users/paths";

const pages = (d: { id: number }) => [USERS_PATH, userPath(d.id)];

export const createUserAction = defineAction(createUserCommand, { revalidate: pages, redirectTo: (d) => createdUserPath(d.id) });
export const setUserDisabledAction = defineAction(setUserDisabledCommand, { revalidate: pages });
export const changeRoleAction = defineAction(changeRoleCommand, { revalidate: pages });
export const issuePasswordResetAction = defineAction(issuePasswordResetCommand, { revalidate: pages });
