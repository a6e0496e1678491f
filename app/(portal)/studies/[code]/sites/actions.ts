"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addSiteCommand } from "@/lib/studies/commands/add-site";
import { setSiteStatusCommand } from "@/lib/studies/commands/set-site-status";
import { updateSiteCommand } from "@/lib/studies/commands/update-site";

const pages = (d: { code: string }) => [`/studies/${d.code}`, `/studies/${d.code}/sites`, `/studies/${d.code}/history`, "/studies"];

export const addSiteAction = defineAction(addSiteCommand, { revalidate: pages });
export const updateSiteAction = defineAction(updateSiteCommand, { revalidate: pages });
export const setSiteStatusAction = defineAction(setSiteStatusCommand, { revalidate: pages });
