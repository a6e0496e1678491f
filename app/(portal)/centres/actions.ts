"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addCentre, addCentreSchema } from "@/lib/network/commands/add-centre";
import { moveCentre, moveCentreSchema } from "@/lib/network/commands/move-centre";
import { renameCentre, renameCentreSchema } from "@/lib/network/commands/rename-centre";
import { setCentreActive, setCentreActiveSchema } from "@/lib/network/commands/set-centre-active";

// The pages are rendered per request; this drops what the browser's router cache holds.
const everywhere = (d: { code: string }) => ["/centres", `/centres/${d.code}`];

export const addCentreAction = defineAction({ schema: addCentreSchema, permission: "centre.manage", handler: addCentre, revalidate: everywhere });
export const renameCentreAction = defineAction({ schema: renameCentreSchema, permission: "centre.manage", handler: renameCentre, revalidate: everywhere });
export const setCentreActiveAction = defineAction({ schema: setCentreActiveSchema, permission: "centre.manage", handler: setCentreActive, revalidate: everywhere });
export const moveCentreAction = defineAction({ schema: moveCentreSchema, permission: "centre.manage", handler: moveCentre, revalidate: everywhere });
