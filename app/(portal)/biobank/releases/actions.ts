"use server";

import { defineAction } from "@/lib/actions/define-action";
import { decideReleaseCommand } from "@/lib/biobank/commands/decide-release";
import { requestReleaseCommand } from "@/lib/biobank/commands/request-release";

export const requestReleaseAction = defineAction(requestReleaseCommand, { redirectTo: (d) => `/biobank/releases/${d.id}` });

export const decideReleaseAction = defineAction(decideReleaseCommand, { revalidate: (d) => [`/biobank/releases/${d.id}`, "/biobank/releases"] });
