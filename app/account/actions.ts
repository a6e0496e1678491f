"use server";

import { defineAction } from "@/lib/actions/define-action";
import { changeOwnPasswordCommand } from "@/lib/users/commands/change-own-password";
import { setOwnLocaleCommand } from "@/lib/users/commands/set-locale";

export const setMyLocale = defineAction(setOwnLocaleCommand);
export const changeMyPassword = defineAction(changeOwnPasswordCommand, { redirectTo: () => "/dashboard" });
