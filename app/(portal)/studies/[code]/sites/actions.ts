"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addSite, addSiteSchema } from "@/lib/studies/commands/add-site";
import { setSiteStatus, setSiteStatusSchema } from "@/lib/studies/commands/set-site-status";
import { updateSite, updateSiteSchema } from "@/lib/studies/commands/update-site";

const pages = (d: { code: string }) => [`/studies/${d.code}`, `/studies/${d.code}/sites`, `/studies/${d.code}/history`, "/studies"];

export const addSiteAction = defineAction({ schema: addSiteSchema, permission: "study.manage", handler: addSite, revalidate: pages });
export const updateSiteAction = defineAction({ schema: updateSiteSchema, permission: "study.manage", handler: updateSite, revalidate: pages });
export const setSiteStatusAction = defineAction({ schema: setSiteStatusSchema, permission: "study.manage", handler: setSiteStatus, revalidate: pages });
