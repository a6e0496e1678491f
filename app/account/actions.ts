"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setLocaleSchema, setOwnLocale } from "@/lib/users/commands/set-locale";

export const setMyLocale = defineAction({ schema: setLocaleSchema, permission: "profile.update", handler: setOwnLocale });
