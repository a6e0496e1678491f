"use server";

import { defineAction } from "@/lib/actions/define-action";
import { changeRole, changeRoleSchema } from "@/lib/users/commands/change-role";
import { createUser, createUserSchema } from "@/lib/users/commands/create-user";
import { setPassword, setPasswordSchema } from "@/lib/users/commands/set-password";
import { setUserDisabled, setUserDisabledSchema } from "@/lib/users/commands/set-user-disabled";

const pages = (d: { id: number }) => ["/users", `/users/${d.id}`];

export const createUserAction = defineAction({
  schema: createUserSchema,
  permission: "user.manage",
  handler: createUser,
  revalidate: pages,
  redirectTo: (d) => `/users/${d.id}?created=1`,
});
export const setUserDisabledAction = defineAction({ schema: setUserDisabledSchema, permission: "user.manage", handler: setUserDisabled, revalidate: pages });
export const changeRoleAction = defineAction({ schema: changeRoleSchema, permission: "user.manage", handler: changeRole, revalidate: pages });
export const setPasswordAction = defineAction({ schema: setPasswordSchema, permission: "user.manage", handler: setPassword, revalidate: pages });
