"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addCentreCommand } from "@/lib/network/commands/add-centre";
import { moveCentreCommand } from "@/lib/network/commands/move-centre";
import { renameCentreCommand } from "@/lib/network/commands/rename-centre";
import { setCentreActiveCommand } from "@/lib/network/commands/set-centre-active";

// The pages are rendered per request; this drops what the browser's router cache holds.
const everywhere = (d: { code: string }) => ["/centres", `/centres/${d.code}`];

export const addCentreAction = defineAction(addCentreCommand, { revalidate: everywhere });
export const renameCentreAction = defineAction(renameCentreCommand, { revalidate: everywhere });
export const setCentreActiveAction = defineAction(setCentreActiveCommand, { revalidate: everywhere });
export const moveCentreAction = defineAction(moveCentreCommand, { revalidate: everywhere });
