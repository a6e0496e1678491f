"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setOwnLocaleCommand } from "@/lib/users/commands/set-locale";

export const setMyLocale = defineAction(setOwnLocaleCommand);
